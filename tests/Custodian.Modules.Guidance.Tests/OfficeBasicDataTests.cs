using Custodian.Modules.Guidance.Clients;
using Custodian.Modules.Guidance.Sections;
using Custodian.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Guidance.Tests;

/// <summary>Office staff keep clients' basic data: they change name, address, phone and e-mail, audited, and still see no section.</summary>
public sealed class OfficeBasicDataTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task Office_staff_change_the_address_and_e_mail_and_the_audit_log_names_the_fields_not_the_values(RecordsProvider records)
    {
        await using var world = await GuidanceWorld.StartAsync(records);
        var client = await world.CreateClientAsync();
        var opened = await world.OpenAsync(client, GuidanceWorld.Office);

        await EditAsync(world, client, GuidanceWorld.Office, new("Aino", "Virtanen", "Uusikatu 5 B 12", opened.Basic.Phone, "aino.virtanen@example.fi", opened.BasicStamp));

        var view = await world.OpenAsync(client, GuidanceWorld.Office);
        Assert.Equal(("Uusikatu 5 B 12", "aino.virtanen@example.fi"), (view.Basic.Address, view.Basic.Email));
        var edit = Assert.Single(await world.AuditAsync(client), e => e.Action.StartsWith("guidance edit basic data", StringComparison.Ordinal));
        Assert.Equal("guidance edit basic data (address, email) as office-staff", edit.Action);
    }

    [Fact]
    public async Task A_save_from_a_page_opened_before_another_save_is_refused_and_nothing_is_stored()
    {
        await using var world = await GuidanceWorld.StartAsync();
        var client = await world.CreateClientAsync();
        var stale = (await world.OpenAsync(client, GuidanceWorld.Office)).BasicStamp;
        await EditAsync(world, client, GuidanceWorld.Coach, new("Aino", "Virtanen", "Coachin katu 1", null, null, stale));

        var refused = await Assert.ThrowsAsync<GuidanceInputException>(() => EditAsync(world, client, GuidanceWorld.Office, new("Aino", "Virtanen", "Toimiston katu 2", null, null, stale)));

        Assert.StartsWith("Someone changed the basic data after you opened the page", refused.Message, StringComparison.Ordinal);
        Assert.Equal("Coachin katu 1", (await world.OpenAsync(client)).Basic.Address);
    }

    [Fact]
    public async Task An_invalid_phone_number_is_refused_and_nothing_is_stored()
    {
        await using var world = await GuidanceWorld.StartAsync();
        var client = await world.CreateClientAsync();
        var opened = await world.OpenAsync(client, GuidanceWorld.Office);

        await Assert.ThrowsAsync<GuidanceInputException>(() => EditAsync(world, client, GuidanceWorld.Office, new("Aino", "Virtanen", "Uusikatu 5", "abc", null, opened.BasicStamp)));

        Assert.Equal((opened.Basic.Address, opened.Basic.Phone), ((await world.OpenAsync(client)).Basic.Address, (await world.OpenAsync(client)).Basic.Phone));
    }

    [Fact]
    public async Task Office_staff_still_open_no_section_and_cannot_write_an_entry()
    {
        await using var world = await GuidanceWorld.StartAsync();
        var client = await world.CreateClientAsync();
        await world.ConsentAsync(client, ["employment"], []);
        await world.WriteAsync(client, EntryKind.Assessment, "employment", "Arvio.");

        var view = await world.OpenAsync(client, GuidanceWorld.Office);
        var refused = await Assert.ThrowsAsync<GuidanceInputException>(() => world.WriteAsync(client, EntryKind.Coaching, "employment", "Toimiston merkintä.", GuidanceWorld.Office));

        Assert.True(view.EditsBasicData);
        Assert.Equal((null, null, null, false), (view.Assessments, view.CoachingEntries, view.Consent, view.ConsentShown));
        Assert.Equal("Your role in this programme does not let you change this part of the record.", refused.Message);
        Assert.Equal(1, await world.InScopeAsync(sp => sp.GetRequiredService<GuidanceDb>().Entries.CountAsync(Ct)));
    }

    private static Task EditAsync(GuidanceWorld world, Guid client, string account, EditBasicData.Request request) =>
        world.InScopeAsync(sp => sp.GetRequiredService<EditBasicData>().EditAsync(account, client, request, Ct));
}
