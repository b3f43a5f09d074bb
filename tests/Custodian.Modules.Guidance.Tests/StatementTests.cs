using Custodian.Modules.Guidance.Rights;
using Custodian.Modules.Guidance.Statements;
using Custodian.Privacy.Abstractions.Requests;
using Custodian.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Guidance.Tests;

/// <summary>Statements on both records engines: drafted by the coach, reviewed, issued to the sending organisation as a recorded disclosure.</summary>
public sealed class StatementTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task A_statement_drafted_reviewed_and_issued_is_recorded_as_a_disclosure_and_the_sending_organisation_then_reads_it(RecordsProvider records)
    {
        await using var world = await GuidanceWorld.StartAsync(records);
        var client = await world.CreateClientAsync();
        await world.ConsentAsync(client, ["employment", "guidance"], ["employment"]);

        var id = await world.DraftAsync(client, "employment", "Asiakas soveltuu osa-aikatyöhön.");
        Assert.Empty((await world.StatementsAsync(client, GuidanceWorld.Sender))!.Statements);
        await world.EditStatementAsync(client, id, 1, "Asiakas soveltuu osa-aikatyöhön (20 h/vko).");
        await world.SubmitAsync(client, id, 2);
        await world.InScopeAsync(sp => sp.GetRequiredService<ReviewStatements>().ApproveAsync(GuidanceWorld.TeamLead, client, id, 3, Ct));
        await world.IssueAsync(client, id, 4, GuidanceWorld.TeamLead);

        var issued = Assert.Single((await world.StatementsAsync(client))!.Statements);
        Assert.Equal((StatementState.Issued, 2, "TE-palvelut Helsinki", StatementDisclosure.ClientConsent, GuidanceWorld.TeamLead, GuidanceWorld.Start.UtcDateTime),
            (issued.State, issued.Version, issued.Recipient, issued.DisclosureBasis, issued.IssuedBy, issued.IssuedAtUtc));
        Assert.Equal([1, 2], issued.Versions.Select(v => v.Version));
        var seen = Assert.Single((await world.StatementsAsync(client, GuidanceWorld.Sender))!.Statements);
        Assert.Equal("Asiakas soveltuu osa-aikatyöhön (20 h/vko).", seen.Text);
        var audit = await world.AuditAsync(client);
        Assert.Contains(audit, e => e.Action == "guidance disclose statement as team-lead" && e.Purpose == "disclosure " + StatementDisclosure.ClientConsent && e.Actor == "account:" + GuidanceWorld.TeamLead);
    }

    [Fact]
    public async Task The_sending_organisation_sees_neither_unissued_statements_nor_issued_ones_in_areas_the_client_no_longer_shares()
    {
        await using var world = await GuidanceWorld.StartAsync();
        var client = await world.CreateClientAsync();
        await world.ConsentAsync(client, ["employment", "guidance"], ["employment"]);
        var issued = await world.IssuedStatementAsync(client, "employment");
        await world.DraftAsync(client, "employment", "Luonnos.");

        Assert.Equal([issued], (await world.StatementsAsync(client, GuidanceWorld.Sender))!.Statements.Select(s => s.Id));
        await world.ConsentAsync(client, ["employment", "guidance"], []);
        Assert.Empty((await world.StatementsAsync(client, GuidanceWorld.Sender))!.Statements);
        Assert.Null(await world.StatementsAsync(client, GuidanceWorld.Office));
    }

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task An_edit_from_a_page_opened_before_another_change_is_refused_as_a_conflict_and_stores_nothing(RecordsProvider records)
    {
        await using var world = await GuidanceWorld.StartAsync(records);
        var client = await world.CreateClientAsync();
        await world.ConsentAsync(client, ["employment"], []);
        var id = await world.DraftAsync(client, "employment", "Ensimmäinen.");
        await world.EditStatementAsync(client, id, 1, "Toinen.");

        var conflict = await Assert.ThrowsAsync<GuidanceEditConflictException>(() => world.EditStatementAsync(client, id, 1, "Vanhasta avattu."));

        Assert.Equal(2, conflict.CurrentVersion);
        var stored = Assert.Single((await world.StatementsAsync(client))!.Statements);
        Assert.Equal(("Toinen.", 2), (stored.Text, stored.Version));
        await Assert.ThrowsAsync<GuidanceEditConflictException>(() => world.SubmitAsync(client, id, 1));
    }

    [Fact]
    public async Task An_issued_statement_can_be_neither_edited_nor_returned_nor_issued_again()
    {
        await using var world = await GuidanceWorld.StartAsync();
        var client = await world.CreateClientAsync();
        await world.ConsentAsync(client, ["employment"], ["employment"]);
        var id = await world.IssuedStatementAsync(client, "employment");
        var revision = (await world.StatementsAsync(client))!.Statements.Single().Revision;

        var edit = await Assert.ThrowsAsync<GuidanceInputException>(() => world.EditStatementAsync(client, id, revision, "Muutos."));
        await Assert.ThrowsAsync<GuidanceInputException>(() => world.InScopeAsync(sp => sp.GetRequiredService<ReviewStatements>().ReturnAsync(GuidanceWorld.TeamLead, client, id, revision, "Korjaa.", Ct)));
        await Assert.ThrowsAsync<GuidanceInputException>(() => world.IssueAsync(client, id, revision, GuidanceWorld.TeamLead));

        Assert.StartsWith("An issued statement cannot be changed", edit.Message, StringComparison.Ordinal);
        Assert.Equal((revision, StatementState.Issued), (await world.StatementsAsync(client))!.Statements.Select(s => (s.Revision, s.State)).Single());
    }

    [Fact]
    public async Task A_reviewer_returns_a_statement_with_a_comment_and_the_coach_can_edit_it_again()
    {
        await using var world = await GuidanceWorld.StartAsync();
        var client = await world.CreateClientAsync();
        await world.ConsentAsync(client, ["employment"], ["employment"]);
        var id = await world.DraftAsync(client, "employment", "Luonnos.");
        await world.SubmitAsync(client, id, 1);
        await Assert.ThrowsAsync<GuidanceInputException>(() => world.EditStatementAsync(client, id, 2, "Kesken arvion."));

        await world.InScopeAsync(sp => sp.GetRequiredService<ReviewStatements>().ReturnAsync(GuidanceWorld.Admin, client, id, 2, "Lisää tuntimäärä.", Ct));
        await world.EditStatementAsync(client, id, 3, "Luonnos, 20 h/vko.");

        var statement = Assert.Single((await world.StatementsAsync(client))!.Statements);
        Assert.Equal((StatementState.Returned, "Lisää tuntimäärä.", GuidanceWorld.Admin, 2), (statement.State, statement.ReviewComment, statement.ReviewedBy, statement.Version));
    }

    [Fact]
    public async Task Only_the_coach_drafts_only_reviewers_approve_and_the_coach_cannot_issue_what_was_approved()
    {
        await using var world = await GuidanceWorld.StartAsync();
        var client = await world.CreateClientAsync();
        await world.ConsentAsync(client, ["employment"], ["employment"]);

        await Assert.ThrowsAsync<GuidanceInputException>(() => world.DraftAsync(client, "employment", "Esimiehen luonnos.", GuidanceWorld.TeamLead));
        var id = await world.DraftAsync(client, "employment", "Luonnos.");
        await world.SubmitAsync(client, id, 1);
        await Assert.ThrowsAsync<GuidanceInputException>(() => world.InScopeAsync(sp => sp.GetRequiredService<ReviewStatements>().ApproveAsync(GuidanceWorld.Coach, client, id, 2, Ct)));
        await Assert.ThrowsAsync<GuidanceInputException>(() => world.InScopeAsync(sp => sp.GetRequiredService<ReviewStatements>().ApproveAsync(GuidanceWorld.CityAdmin, client, id, 2, Ct)));
        await Assert.ThrowsAsync<GuidanceNotFoundException>(() => world.InScopeAsync(sp => sp.GetRequiredService<ReviewStatements>().ApproveAsync(GuidanceWorld.OtherTeamCoach, client, id, 2, Ct)));
        await world.InScopeAsync(sp => sp.GetRequiredService<ReviewStatements>().ApproveAsync(GuidanceWorld.TeamLead, client, id, 2, Ct));

        await Assert.ThrowsAsync<GuidanceInputException>(() => world.IssueAsync(client, id, 3, GuidanceWorld.Coach));
        Assert.Equal(StatementState.Approved, (await world.StatementsAsync(client))!.Statements.Single().State);
    }

    [Fact]
    public async Task A_statement_in_an_area_without_consent_is_not_drafted_and_nothing_is_stored()
    {
        await using var world = await GuidanceWorld.StartAsync();
        var client = await world.CreateClientAsync();
        await world.ConsentAsync(client, ["employment"], []);

        var refused = await Assert.ThrowsAsync<GuidanceInputException>(() => world.DraftAsync(client, "rehabilitation", "Kuntoutus."));

        Assert.Contains("does not cover this area", refused.Message, StringComparison.Ordinal);
        Assert.Equal((0, 0), await world.InScopeAsync(async sp => (await sp.GetRequiredService<GuidanceDb>().Statements.CountAsync(Ct), await sp.GetRequiredService<GuidanceDb>().StatementVersions.CountAsync(Ct))));
    }

    [Fact]
    public async Task Issuing_in_an_area_the_client_does_not_share_is_refused_and_the_statement_stays_approved()
    {
        await using var world = await GuidanceWorld.StartAsync();
        var client = await world.CreateClientAsync();
        await world.ConsentAsync(client, ["employment", "guidance"], ["employment"]);
        var id = await world.DraftAsync(client, "guidance", "Ohjaus.");
        await world.SubmitAsync(client, id, 1);
        await world.InScopeAsync(sp => sp.GetRequiredService<ReviewStatements>().ApproveAsync(GuidanceWorld.TeamLead, client, id, 2, Ct));

        var refused = await Assert.ThrowsAsync<GuidanceInputException>(() => world.IssueAsync(client, id, 3, GuidanceWorld.TeamLead));

        Assert.Contains("does not share this area", refused.Message, StringComparison.Ordinal);
        var statement = (await world.StatementsAsync(client))!.Statements.Single();
        Assert.Equal((StatementState.Approved, (string?)null), (statement.State, statement.Recipient));
        Assert.DoesNotContain(await world.AuditAsync(client), e => e.Action.StartsWith("guidance disclose", StringComparison.Ordinal));
    }

    [Fact]
    public async Task In_the_city_variant_only_the_citys_administrator_issues_and_the_disclosure_names_the_citys_basis()
    {
        await using var world = await GuidanceWorld.StartAsync(register: "guidance-city");
        var client = await world.CreateClientAsync();
        await world.ConsentAsync(client, ["employment"], ["employment"]);
        var id = await world.DraftAsync(client, "employment", "Lausunto.");
        await world.SubmitAsync(client, id, 1);
        await world.InScopeAsync(sp => sp.GetRequiredService<ReviewStatements>().ApproveAsync(GuidanceWorld.TeamLead, client, id, 2, Ct));

        var refused = await Assert.ThrowsAsync<GuidanceInputException>(() => world.IssueAsync(client, id, 3, GuidanceWorld.TeamLead));
        await world.IssueAsync(client, id, 3, GuidanceWorld.CityAdmin);

        Assert.StartsWith("The city decides on disclosures", refused.Message, StringComparison.Ordinal);
        var statement = (await world.StatementsAsync(client))!.Statements.Single();
        Assert.Equal((StatementState.Issued, StatementDisclosure.CityDecision, GuidanceWorld.CityAdmin), (statement.State, statement.DisclosureBasis, statement.IssuedBy));
    }

    [Fact]
    public async Task Reading_the_statements_is_an_audit_entry_and_a_line_in_the_clients_access_list()
    {
        await using var world = await GuidanceWorld.StartAsync();
        var client = await world.CreateClientAsync();

        await world.StatementsAsync(client, GuidanceWorld.TeamLead);

        Assert.Contains(await world.AuditAsync(client), e => e.Action == "guidance view statements as team-lead");
        var line = Assert.Single(await world.TrailAsync(client));
        Assert.Equal(("statements", "Custodian Valmennus Oy", "team-lead"), (line.What, line.Organisation, line.Role));
    }

    [Fact]
    public async Task The_clients_copy_of_their_data_holds_every_version_and_the_disclosure_and_erasure_removes_the_statements()
    {
        await using var world = await GuidanceWorld.StartAsync();
        var client = await world.CreateClientAsync();
        await world.ConsentAsync(client, ["employment"], ["employment"]);
        await world.IssuedStatementAsync(client, "employment");

        var (exported, left) = await world.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<GuidanceDb>();
            var subject = await db.Clients.Where(c => c.Id == client).Select(c => c.SubjectId).SingleAsync(Ct);
            var provider = sp.GetServices<IPersonalDataProvider>().OfType<GuidanceDataProvider>().Single();
            var exported = await provider.ExportAsync(subject, "guidance", Ct);
            await provider.EraseAsync(subject, "guidance", Ct);
            return (exported, (await db.Statements.CountAsync(Ct), await db.StatementVersions.CountAsync(Ct)));
        });

        var disclosure = Assert.Single(exported, r => r.Record.RecordType == "statement");
        Assert.Contains(disclosure.Fields, f => f.Name == "recipient" && f.Value == "TE-palvelut Helsinki");
        Assert.Contains(exported, r => r.Record.RecordType == "statement-version" && r.Fields.Any(f => f.Name == "statement_text" && f.Value == "Lausunto."));
        Assert.Equal((0, 0), left);
    }
}

/// <summary>The statement steps as the tests take them, each in its own scope as a request would.</summary>
internal static class StatementWorld
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static Task<Guid> DraftAsync(this GuidanceWorld world, Guid client, string area, string text, string account = GuidanceWorld.Coach) =>
        world.InScopeAsync(sp => sp.GetRequiredService<DraftStatements>().DraftAsync(account, client, area, text, Ct));

    public static Task EditStatementAsync(this GuidanceWorld world, Guid client, Guid statement, int revision, string text) =>
        world.InScopeAsync(sp => sp.GetRequiredService<DraftStatements>().EditAsync(GuidanceWorld.Coach, client, statement, revision, text, Ct));

    public static Task SubmitAsync(this GuidanceWorld world, Guid client, Guid statement, int revision) =>
        world.InScopeAsync(sp => sp.GetRequiredService<DraftStatements>().SubmitAsync(GuidanceWorld.Coach, client, statement, revision, Ct));

    public static Task IssueAsync(this GuidanceWorld world, Guid client, Guid statement, int revision, string account) =>
        world.InScopeAsync(sp => sp.GetRequiredService<IssueStatement>().IssueAsync(account, client, statement, revision, Ct));

    public static Task<StatementsSection?> StatementsAsync(this GuidanceWorld world, Guid client, string account = GuidanceWorld.Coach) =>
        world.InScopeAsync(sp => sp.GetRequiredService<ReadStatements>().OpenAsync(account, client, Ct));

    /// <summary>A statement taken all the way: drafted, submitted, approved and issued by the team lead.</summary>
    public static async Task<Guid> IssuedStatementAsync(this GuidanceWorld world, Guid client, string area)
    {
        var id = await world.DraftAsync(client, area, "Lausunto.");
        await world.SubmitAsync(client, id, 1);
        await world.InScopeAsync(sp => sp.GetRequiredService<ReviewStatements>().ApproveAsync(GuidanceWorld.TeamLead, client, id, 2, Ct));
        await world.IssueAsync(client, id, 3, GuidanceWorld.TeamLead);
        return id;
    }
}
