using Custodian.Modules.Guidance.Clients;
using Custodian.Modules.Guidance.Rights;
using Custodian.Modules.Guidance.Sections;
using Custodian.Privacy.Retention;
using Custodian.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Guidance.Tests;

/// <summary>Ending a client relationship: stored and audited, the record closed for writing, the declared retention counted from the end date.</summary>
public sealed class ClosingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task Closing_stores_the_end_date_and_reason_and_the_record_shows_it_closed(RecordsProvider records)
    {
        await using var world = await GuidanceWorld.StartAsync(records);
        var client = await world.CreateClientAsync();

        await CloseAsync(world, client, GuidanceWorld.TeamLead, "2026-12-07", "goals-reached");

        var view = await world.OpenAsync(client);
        Assert.Equal(new ClosingView(new DateOnly(2026, 12, 7), "goals-reached"), view.Closing);
        Assert.False(view.Closes);
        Assert.Contains(await world.AuditAsync(client), e => e.Action.StartsWith("guidance close client relationship (goals-reached) as team-lead", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task After_closing_a_new_entry_is_refused_and_nothing_is_stored(RecordsProvider records)
    {
        await using var world = await GuidanceWorld.StartAsync(records);
        var client = await world.CreateClientAsync();
        await world.ConsentAsync(client, ["employment"], []);
        await CloseAsync(world, client, GuidanceWorld.Coach, "2026-12-07", "moved");

        var refused = await Assert.ThrowsAsync<GuidanceInputException>(() => world.WriteAsync(client, EntryKind.Coaching, "employment", "Merkintä."));

        Assert.Equal("The client relationship is closed: nothing new can be written in the record.", refused.Message);
        Assert.Equal(0, await world.InScopeAsync(sp => sp.GetRequiredService<GuidanceDb>().Entries.CountAsync(Ct)));
    }

    [Fact]
    public async Task Office_staff_cannot_close_a_client_relationship()
    {
        await using var world = await GuidanceWorld.StartAsync();
        var client = await world.CreateClientAsync();

        var refused = await Assert.ThrowsAsync<GuidanceInputException>(() => CloseAsync(world, client, GuidanceWorld.Office, "2026-12-07", "moved"));

        Assert.Equal("Your role in this programme does not let you close a client relationship.", refused.Message);
        Assert.Null((await world.OpenAsync(client)).Closing);
    }

    [Theory]
    [InlineData("2026-12-08", "moved", "The end date cannot be in the future: close the relationship on the day it ends or later.")]
    [InlineData("7.12.2026", "moved", "Give the end date of the client relationship (YYYY-MM-DD).")]
    [InlineData("2026-12-07", "GoalsReached", "Choose why the client relationship ends.")]
    public async Task A_bad_end_date_or_reason_is_refused_and_the_relationship_stays_open(string endDate, string reason, string message)
    {
        await using var world = await GuidanceWorld.StartAsync();
        var client = await world.CreateClientAsync();

        var refused = await Assert.ThrowsAsync<GuidanceInputException>(() => CloseAsync(world, client, GuidanceWorld.Coach, endDate, reason));

        Assert.Equal(message, refused.Message);
        Assert.Null((await world.OpenAsync(client)).Closing);
    }

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task The_sweep_deletes_a_closed_client_twelve_years_after_the_end_date_and_not_before(RecordsProvider records)
    {
        await using var world = await GuidanceWorld.StartAsync(records);
        var client = await world.CreateClientAsync();
        await world.ConsentAsync(client, ["employment"], []);
        await world.WriteAsync(client, EntryKind.Coaching, "employment", "Merkintä.");
        await CloseAsync(world, client, GuidanceWorld.Coach, "2026-12-07", "goals-reached");
        var clock = (SettableClock)world.Host.Clock;

        clock.Advance(TimeSpan.FromDays((365 * 12) + 2));
        await SweepAsync(world);
        var kept = await CountAsync(world);
        clock.Advance(TimeSpan.FromDays(2));
        await SweepAsync(world);

        Assert.Equal((1, 1), kept);
        Assert.Equal((0, 0), await CountAsync(world));
    }

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task A_legal_hold_keeps_a_closed_client_through_the_sweep(RecordsProvider records)
    {
        await using var world = await GuidanceWorld.StartAsync(records);
        var client = await world.CreateClientAsync();
        await world.ConsentAsync(client, ["employment"], []);
        await world.WriteAsync(client, EntryKind.Coaching, "employment", "Merkintä.");
        await CloseAsync(world, client, GuidanceWorld.Coach, "2026-12-07", "referred-elsewhere");
        await world.InScopeAsync(sp => sp.GetRequiredService<LegalHolds>().PlaceAsync("operator:test", client, "court-order", "Säilytysmääräys 12/2026.", null, Ct));

        ((SettableClock)world.Host.Clock).Advance(TimeSpan.FromDays(365 * 13));
        await SweepAsync(world);

        Assert.Equal((1, 1), await CountAsync(world));
    }

    private static Task CloseAsync(GuidanceWorld world, Guid client, string account, string endDate, string reason) =>
        world.InScopeAsync(sp => sp.GetRequiredService<CloseClient>().CloseAsync(account, client, endDate, reason, Ct));

    private static Task SweepAsync(GuidanceWorld world) => world.InScopeAsync(sp => sp.GetRequiredService<RetentionSweep>().RunAsync(null, Ct));

    private static Task<(int Clients, int Entries)> CountAsync(GuidanceWorld world) => world.InScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<GuidanceDb>();
        return (await db.Clients.CountAsync(Ct), await db.Entries.CountAsync(Ct));
    });
}
