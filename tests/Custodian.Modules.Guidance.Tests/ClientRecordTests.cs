using System.Text;
using Custodian.Modules.Guidance.Clients;
using Custodian.Modules.Guidance.Sections;
using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Identifiers;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Abstractions.Requests;
using Custodian.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Guidance.Tests;

/// <summary>The client record on both records engines: basic data, written consent first, versioned entries, tenancy and the access log.</summary>
public sealed class ClientRecordTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task A_coach_creates_a_client_whose_hetu_is_stored_encrypted_and_found_only_by_its_blind_index(RecordsProvider records)
    {
        await using var world = await GuidanceWorld.StartAsync(records);

        var id = await world.CreateClientAsync();

        var (stored, index) = await world.InScopeAsync(async sp =>
        {
            var row = await sp.GetRequiredService<GuidanceDb>().Clients.AsNoTracking().SingleAsync(c => c.Id == id, Ct);
            return (row, sp.GetRequiredService<IPersonalDataVault>().BlindIndexOf(IdentifierType.Hetu, GuidanceWorld.Hetu.ToLowerInvariant()));
        });
        Assert.DoesNotContain(GuidanceWorld.Hetu, Encoding.UTF8.GetString(stored.Hetu.Ciphertext), StringComparison.Ordinal);
        Assert.Equal(index, stored.HetuIndex);
        var view = await world.OpenAsync(id);
        Assert.Equal((GuidanceWorld.Hetu, new DateOnly(1990, 1, 1), "Aino"), (view.Basic.Hetu, view.Basic.BirthDate!.Value, view.Basic.FirstName));
        Assert.Equal("+358401234567", view.Basic.Phone);
    }

    [Theory]
    [InlineData("010190-901X")]
    [InlineData("310290-901R")]
    [InlineData("01019O-901R")]
    [InlineData("")]
    public async Task An_invalid_hetu_is_refused_with_a_message_that_does_not_repeat_it_and_nothing_is_stored(string hetu)
    {
        await using var world = await GuidanceWorld.StartAsync();

        var refused = await Assert.ThrowsAsync<GuidanceInputException>(() => world.CreateClientAsync(hetu: hetu));

        Assert.StartsWith("The personal identity code is not valid", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(hetu is { Length: > 0 } ? hetu : "\u0001", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, await world.InScopeAsync(sp => sp.GetRequiredService<GuidanceDb>().Clients.CountAsync(Ct)));
    }

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task The_record_page_is_one_logged_view_in_one_audit_block_naming_every_section_the_role_sees(RecordsProvider records)
    {
        await using var world = await GuidanceWorld.StartAsync(records);
        var client = await world.CreateClientAsync();
        await world.ConsentAsync(client, ["employment", "guidance"], ["employment"]);
        await world.WriteAsync(client, EntryKind.Assessment, "employment", "Työkyky riittää osa-aikatyöhön.");
        async Task<(ClientPageView Page, int Blocks, string[] Viewed)> OpenPageAsync(string account) => await world.InScopeAsync(async sp =>
        {
            var privacy = sp.GetRequiredService<Custodian.Privacy.PrivacyDb>();
            var (blocksBefore, trailBefore) = (await privacy.AuditBlocks.CountAsync(Ct), (await world.TrailAsync(client)).Count);
            var page = await sp.GetRequiredService<OpenClientRecord>().OpenPageAsync(account, client, Ct);
            var trail = await world.TrailAsync(client);
            return (page, await privacy.AuditBlocks.CountAsync(Ct) - blocksBefore, trail.Take(trail.Count - trailBefore).Select(t => t.What).Order(StringComparer.Ordinal).ToArray());
        });

        var coach = await OpenPageAsync(GuidanceWorld.Coach);
        var office = await OpenPageAsync(GuidanceWorld.Office);

        Assert.Equal(1, coach.Blocks);
        Assert.Equal(["appointments", "assessments", "attachments", "basic data", "coaching entries", "consent", "goals and plan", "messages", "statements"], coach.Viewed);
        Assert.Single(coach.Page.Record.Assessments!);
        Assert.NotNull(coach.Page.Statements);
        Assert.Equal(1, office.Blocks);
        Assert.Equal(["appointments", "basic data"], office.Viewed);
        Assert.Null(office.Page.Statements);
        Assert.Null(office.Page.Plan);
        Assert.NotNull(office.Page.Appointments);
    }

    [Fact]
    public async Task The_same_person_cannot_become_a_client_of_one_programme_twice()
    {
        await using var world = await GuidanceWorld.StartAsync();
        await world.CreateClientAsync();

        await Assert.ThrowsAsync<GuidanceInputException>(() => world.CreateClientAsync(coach: GuidanceWorld.OtherCoach, hetu: " 010190-901r "));
    }

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task Another_coachs_client_is_not_found_exactly_as_a_client_that_does_not_exist(RecordsProvider records)
    {
        await using var world = await GuidanceWorld.StartAsync(records);
        var id = await world.CreateClientAsync();

        var other = await Assert.ThrowsAsync<GuidanceNotFoundException>(() => world.OpenAsync(id, GuidanceWorld.OtherCoach));
        var missing = await Assert.ThrowsAsync<GuidanceNotFoundException>(() => world.OpenAsync(Guid.NewGuid(), GuidanceWorld.OtherCoach));

        Assert.Equal(missing.Message, other.Message);
        await Assert.ThrowsAsync<GuidanceNotFoundException>(() => world.ConsentAsync(id, ["employment"], [], GuidanceWorld.OtherCoach));
        await Assert.ThrowsAsync<GuidanceNotFoundException>(() => world.OpenAsync(id, "staff-not.assigned"));
        Assert.Empty(await world.InScopeAsync(sp => sp.GetRequiredService<ClientScope>().ListAsync(GuidanceWorld.OtherCoach, Ct)));
    }

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task No_entry_is_written_before_written_consent_and_a_withdrawal_blocks_new_entries_in_that_area_at_once(RecordsProvider records)
    {
        await using var world = await GuidanceWorld.StartAsync(records);
        var id = await world.CreateClientAsync();

        await Assert.ThrowsAsync<GuidanceInputException>(() => world.WriteAsync(id, EntryKind.Assessment, "employment", "Työkyky hyvä."));
        await world.ConsentAsync(id, ["employment", "guidance"], ["employment"]);
        var assessment = await world.WriteAsync(id, EntryKind.Assessment, "employment", "Työkyky hyvä.");
        await world.WithdrawAsync(id, ["employment"]);
        var refused = await Assert.ThrowsAsync<GuidanceInputException>(() => world.WriteAsync(id, EntryKind.Assessment, "employment", "Toinen arvio."));
        await world.WriteAsync(id, EntryKind.Coaching, "guidance", "Tapaaminen pidetty.");

        Assert.Contains("does not cover", refused.Message, StringComparison.Ordinal);
        var view = await world.OpenAsync(id);
        Assert.Equal([ConsentArea.Guidance], view.Consent!.Areas);
        Assert.Empty(view.Consent.SharedAreas);
        Assert.Equal(assessment, Assert.Single(view.Assessments!).Id);
        Assert.Single(view.CoachingEntries!);
        Assert.Equal(2, await world.InScopeAsync(sp => sp.GetRequiredService<GuidanceDb>().Consents.CountAsync(c => c.ClientId == id, Ct)));
    }

    [Theory]
    [InlineData(new[] { "employment" }, new[] { "guidance" }, "Only areas the client consented to")]
    [InlineData(new string[0], new string[0], "Choose at least one area")]
    [InlineData(new[] { "shoes" }, new string[0], "Choose areas from the list")]
    public async Task A_consent_that_shares_more_than_it_covers_or_names_nothing_is_refused(string[] areas, string[] shared, string problem)
    {
        await using var world = await GuidanceWorld.StartAsync();
        var id = await world.CreateClientAsync();

        var refused = await Assert.ThrowsAsync<GuidanceInputException>(() => world.ConsentAsync(id, areas, shared));

        Assert.StartsWith(problem, refused.Message, StringComparison.Ordinal);
        Assert.Null((await world.OpenAsync(id)).Consent);
    }

    [Theory]
    [InlineData("07.12.2026")]
    [InlineData("2026-02-30")]
    [InlineData("2031-01-01")]
    public async Task A_consent_with_a_malformed_or_impossible_signing_date_is_refused(string signedOn)
    {
        await using var world = await GuidanceWorld.StartAsync();
        var id = await world.CreateClientAsync();

        await Assert.ThrowsAsync<GuidanceInputException>(() => world.InScopeAsync(sp => sp.GetRequiredService<WrittenConsents>().RecordAsync(
            GuidanceWorld.Coach, id, new WrittenConsents.Request(["employment"], [], "ARK-1", signedOn, "2026-12"), Ct)));
        Assert.Null((await world.OpenAsync(id)).Consent);
    }

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task An_edit_adds_a_version_with_who_and_when_and_an_edit_from_an_older_version_is_refused(RecordsProvider records)
    {
        await using var world = await GuidanceWorld.StartAsync(records);
        var id = await world.CreateClientAsync();
        await world.ConsentAsync(id, ["employment"], []);
        var entry = await world.WriteAsync(id, EntryKind.Assessment, "employment", "Ensimmäinen arvio.");

        var second = await world.EditAsync(id, entry, 1, "Tarkennettu arvio.");
        var conflict = await Assert.ThrowsAsync<GuidanceEditConflictException>(() => world.EditAsync(id, entry, 1, "Vanhasta versiosta."));

        Assert.Equal((2, 2), (second, conflict.CurrentVersion));
        var shown = Assert.Single((await world.OpenAsync(id)).Assessments!);
        Assert.Equal(("Tarkennettu arvio.", 2, GuidanceWorld.Coach), (shown.Text, shown.Version, shown.WrittenBy));
        var versions = await world.InScopeAsync(sp => sp.GetRequiredService<GuidanceDb>().EntryVersions.Where(v => v.EntryId == entry).OrderBy(v => v.Version).ToListAsync(Ct));
        Assert.Equal([1, 2], versions.Select(v => v.Version));
        Assert.All(versions, v => Assert.NotNull(v.AssessmentText));
    }

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task Every_view_is_an_audit_entry_with_role_and_the_access_list_names_organisation_and_role(RecordsProvider records)
    {
        await using var world = await GuidanceWorld.StartAsync(records);
        var id = await world.CreateClientAsync();
        await world.ConsentAsync(id, ["employment"], ["employment"]);

        await world.OpenAsync(id, GuidanceWorld.Sender);
        await world.OpenAsync(id, GuidanceWorld.CityAdmin);
        var coachView = await world.OpenAsync(id);

        var views = (await world.AuditAsync(id)).Where(e => e.Action.StartsWith("guidance view", StringComparison.Ordinal)).ToList();
        Assert.Contains(views, e => e.Actor == "account:" + GuidanceWorld.Sender && e.Action == "guidance view assessments as sending-organisation" && e.Register == "guidance");
        Assert.Contains(views, e => e.Actor == "account:" + GuidanceWorld.CityAdmin && e.Action == "guidance view coaching entries as controller-admin");
        Assert.DoesNotContain(views, e => e.Action == "guidance view consent as sending-organisation");
        var list = coachView.AccessList!;
        Assert.Contains(list, l => l.Organisation == "TE-palvelut Helsinki" && l.Role == Programmes.GuidanceRole.SendingOrganisation && l.What == "basic data");
        Assert.Contains(list, l => l.Organisation == "Esimerkin kaupunki" && l.Role == Programmes.GuidanceRole.ControllerAdmin);
    }

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task Each_line_of_the_access_list_is_an_audit_entry_is_in_the_clients_copy_and_goes_with_the_record_on_erasure(RecordsProvider records)
    {
        await using var world = await GuidanceWorld.StartAsync(records);
        var id = await world.CreateClientAsync();
        await world.ConsentAsync(id, ["employment"], ["employment"]);
        await world.OpenAsync(id, GuidanceWorld.Sender);

        var trail = await world.TrailAsync(id);
        var audit = (await world.AuditAsync(id)).ToDictionary(e => e.Sequence);

        Assert.Equal(["assessments", "basic data", "coaching entries"], trail.Select(v => v.What).Order(StringComparer.Ordinal));
        Assert.All(trail, v => Assert.Equal($"guidance view {v.What} as sending-organisation", audit[v.Sequence].Action));
        var (exported, left) = await world.InScopeAsync(async sp =>
        {
            var subject = await sp.GetRequiredService<GuidanceDb>().Clients.Where(c => c.Id == id).Select(c => c.SubjectId).SingleAsync(Ct);
            var provider = sp.GetServices<IPersonalDataProvider>().OfType<Rights.GuidanceDataProvider>().Single();
            var exported = await provider.ExportAsync(subject, "guidance", Ct);
            await provider.EraseAsync(subject, "guidance", Ct);
            return (exported, await sp.GetRequiredService<IAccessTrail>().ForSubjectAsync(subject, null, Ct));
        });

        Assert.Equal(trail.Count, exported.Count(r => r.Record.RecordType == "access"));
        Assert.Contains(exported, r => r.Record.RecordType == "access" && r.Fields.Any(f => f.Name == "organisation" && (string?)f.Value == "TE-palvelut Helsinki"));
        Assert.Empty(left);
    }

    [Fact]
    public async Task The_sending_organisation_sees_only_clients_it_referred_and_entries_in_the_areas_shared_with_it()
    {
        await using var world = await GuidanceWorld.StartAsync();
        var referred = await world.CreateClientAsync();
        var notReferred = await world.CreateClientAsync(coach: GuidanceWorld.OtherCoach, hetu: "150285-912M", referrer: null);
        await world.ConsentAsync(referred, ["employment", "rehabilitation"], ["employment"]);
        await world.WriteAsync(referred, EntryKind.Assessment, "employment", "Jaettu arvio.");
        await world.WriteAsync(referred, EntryKind.Assessment, "rehabilitation", "Ei jaettu arvio.");
        await world.WriteAsync(referred, EntryKind.Coaching, "rehabilitation", "Ei jaettu merkintä.");

        var view = await world.OpenAsync(referred, GuidanceWorld.Sender);

        Assert.Equal("Jaettu arvio.", Assert.Single(view.Assessments!).Text);
        Assert.Empty(view.CoachingEntries!);
        Assert.Null(view.Consent);
        Assert.Null(view.AccessList);
        Assert.EndsWith("****", view.Basic.Hetu, StringComparison.Ordinal);
        await Assert.ThrowsAsync<GuidanceNotFoundException>(() => world.OpenAsync(notReferred, GuidanceWorld.Sender));
        await Assert.ThrowsAsync<GuidanceInputException>(() => world.WriteAsync(referred, EntryKind.Coaching, "employment", "x", GuidanceWorld.Sender));
    }

    [Fact]
    public async Task A_team_lead_reads_the_team_clients_and_office_staff_see_basic_data_and_no_section()
    {
        await using var world = await GuidanceWorld.StartAsync();
        var teamA = await world.CreateClientAsync();
        var teamB = await world.CreateClientAsync(coach: GuidanceWorld.OtherTeamCoach, hetu: "150285-912M");
        await world.ConsentAsync(teamA, ["employment"], []);
        await world.WriteAsync(teamA, EntryKind.Coaching, "employment", "Merkintä.");

        var lead = await world.OpenAsync(teamA, GuidanceWorld.TeamLead);
        var office = await world.OpenAsync(teamA, GuidanceWorld.Office);
        var admin = await world.OpenAsync(teamB, GuidanceWorld.Admin);

        Assert.Single(lead.CoachingEntries!);
        Assert.False(lead.WritesCoaching);
        await Assert.ThrowsAsync<GuidanceNotFoundException>(() => world.OpenAsync(teamB, GuidanceWorld.TeamLead));
        Assert.Equal((true, (IReadOnlyList<EntryView>?)null, (IReadOnlyList<EntryView>?)null, (ConsentView?)null), (office.EditsBasicData, office.Assessments, office.CoachingEntries, office.Consent));
        Assert.Equal(((IReadOnlyList<EntryView>?)null, false), (admin.CoachingEntries, admin.ConsentShown && admin.WritesConsent));
    }

    [Fact]
    public async Task Script_in_an_entry_is_stored_as_text_and_shown_escaped()
    {
        await using var world = await GuidanceWorld.StartAsync(started: true);
        var id = await world.CreateClientAsync();
        await world.ConsentAsync(id, ["guidance"], []);
        await world.WriteAsync(id, EntryKind.Coaching, "guidance", "<script>alert('x')</script>");
        using var client = world.Host.CreateClient();
        await StaffSignIns.EnrolAsync(world.Host, client, "coach.anna", [Privacy.Abstractions.Access.Roles.Coach], Ct);

        var html = await client.GetStringAsync(new Uri("/guidance/clients/" + id, UriKind.Relative), Ct);

        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;", html, StringComparison.Ordinal);
    }
}
