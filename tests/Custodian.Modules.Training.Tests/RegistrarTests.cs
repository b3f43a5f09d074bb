using System.Text;
using Custodian.Modules.Training.Cards;
using Custodian.Modules.Training.Catalogue;
using Custodian.Modules.Training.Export;
using Custodian.Modules.Training.Search;
using Custodian.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using static Custodian.Modules.Training.Tests.StaffWorld;

namespace Custodian.Modules.Training.Tests;

/// <summary>The registrar's search (blind indexes only), the completions export (a disclosure, audited) and cancelling a session (mails the people on it).</summary>
public sealed class RegistrarTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task A_trainee_is_found_by_hetu_or_email_through_the_blind_index_and_by_session_and_each_find_is_an_audited_view(RecordsProvider records)
    {
        await using var world = await TrainingWorld.StartAsync(records);
        var aino = await world.EnrolAsync("Aino", "Virtanen", Hetu(13, 10, 1952, 308), "aino@example.fi");
        await world.EnrolAsync("Matti", "Korhonen", Hetu(1, 2, 1990, 123), "matti@example.fi");

        var byHetu = await world.Use<SearchTrainees, IReadOnlyList<FoundTrainee>>(s => s.SearchAsync(Registrar, "131052-308t", null, null, Ct));
        var byEmail = await world.Use<SearchTrainees, IReadOnlyList<FoundTrainee>>(s => s.SearchAsync(Registrar, null, " Aino@Example.FI ", null, Ct));
        var bySession = await world.Use<SearchTrainees, IReadOnlyList<FoundTrainee>>(s => s.SearchAsync(Registrar, null, null, world.Session, Ct));
        var badHetu = await Assert.ThrowsAsync<TrainingInputException>(() => world.Use<SearchTrainees, IReadOnlyList<FoundTrainee>>(s => s.SearchAsync(Registrar, "131052-308X", null, null, Ct)));
        await Assert.ThrowsAsync<TrainingNotFoundException>(() => world.Use<SearchTrainees, IReadOnlyList<FoundTrainee>>(s => s.SearchAsync(Trainer, "131052-308T", null, null, Ct)));

        Assert.Equal("Virtanen", Assert.Single(byHetu).Trainee.LastName);
        Assert.Equal(aino.TraineeId, Assert.Single(byEmail).Trainee.TraineeId);
        Assert.Equal(["Korhonen", "Virtanen"], bySession.Select(f => f.Trainee.LastName));
        Assert.Equal("hetu", badHetu.Field);
        Assert.Equal(3, (await world.AuditAsync(aino.Subject)).Count(e => e.Action == "training view search result"));
    }

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task Completions_of_a_card_type_export_as_csv_and_xlsx_in_the_configured_columns_and_every_person_in_them_is_audited(RecordsProvider records)
    {
        await using var world = await TrainingWorld.StartAsync(records, configure: b => b
            .WithSetting("Training:Export:Columns:0", "hetu").WithSetting("Training:Export:Columns:1", "last_name").WithSetting("Training:Export:Columns:2", "first_name")
            .WithSetting("Training:Export:Columns:3", "valid_until").WithSetting("Training:Export:Columns:4", "certificate_number"));
        var aino = await CardTests.PassedAsync(world);
        var matti = await CardTests.PassedAsync(world, "Matti", "=Korhonen; \"Jr\"", Hetu(1, 2, 1990, 123), "matti@example.fi");
        await CardTests.PassedAsync(world, "Ei", "Korttia", Hetu(2, 3, 1985, 44), "ei@example.fi");
        await world.Use<IssueCard, IssuedCard>(c => c.IssueAsync(Registrar, aino.EnrolmentId, Ct));
        await world.Use<IssueCard, IssuedCard>(c => c.IssueAsync(Registrar, matti.EnrolmentId, Ct));

        var csv = await world.Use<ExportCompletions, CompletionsFile>(e => e.ExportAsync(Registrar, "tyoturvallisuuskortti", "csv", null, null, Ct));
        var xlsx = await world.Use<ExportCompletions, CompletionsFile>(e => e.ExportAsync(Registrar, "tyoturvallisuuskortti", "xlsx", null, null, Ct));
        var none = await world.Use<ExportCompletions, CompletionsFile>(e => e.ExportAsync(Registrar, "hygieniapassi", "csv", null, null, Ct));
        var badFormat = await Assert.ThrowsAsync<TrainingInputException>(() => world.Use<ExportCompletions, CompletionsFile>(e => e.ExportAsync(Registrar, "tyoturvallisuuskortti", "pdf", null, null, Ct)));

        Assert.Equal(
            $"\uFEFFhetu;last_name;first_name;valid_until;certificate_number\r\n131052-308T;Virtanen;Aino;13.12.2031;TK-2026-000001\r\n{Hetu(1, 2, 1990, 123)};\"'=Korhonen; \"\"Jr\"\"\";Matti;13.12.2031;TK-2026-000002\r\n",
            Encoding.UTF8.GetString(csv.Content));
        var sheet = (await new MemoryStream(xlsx.Content).QueryAsync(useHeaderRow: true, cancellationToken: Ct)).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(["131052-308T", "Virtanen", "Aino", "13.12.2031", "TK-2026-000001"], sheet[0].Values.Select(v => v?.ToString()));
        Assert.Equal((2, 2, 0, "format"), (csv.Rows, sheet.Count, none.Rows, badFormat.Field));
        Assert.Equal(2, (await world.AuditAsync(aino.Subject)).Count(e => e.Action == "training export completion TK-2026-000001" && e.Purpose == "card-registration"));
    }

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task Cancelling_a_session_takes_it_off_the_list_and_mails_everyone_on_it_once(RecordsProvider records)
    {
        await using var world = await TrainingWorld.StartAsync(records);
        await world.EnrolAsync("Aino", "Virtanen", Hetu(13, 10, 1952, 308), "aino@example.fi");
        await world.EnrolAsync("Matti", "Korhonen", Hetu(1, 2, 1990, 123), "matti@example.fi", Enrolment.EnrolmentStatus.Waitlisted);
        await world.EnrolAsync("Ville", "Peruttu", Hetu(2, 3, 1985, 44), "ville@example.fi", Enrolment.EnrolmentStatus.Cancelled);

        await Assert.ThrowsAsync<TrainingNotFoundException>(() => world.Use<CancelSession, SessionCancelled>(c => c.CancelAsync(Trainer, world.Session, Ct)));
        var cancelled = await world.Use<CancelSession, SessionCancelled>(c => c.CancelAsync(Registrar, world.Session, Ct));
        var twice = await Assert.ThrowsAsync<TrainingInputException>(() => world.Use<CancelSession, SessionCancelled>(c => c.CancelAsync(Registrar, world.Session, Ct)));

        Assert.Equal(new SessionCancelled(2, 0), cancelled);
        Assert.Equal("session", twice.Field);
        Assert.Empty(await world.Use<UpcomingSessions, IReadOnlyList<UpcomingSessions.Item>>(u => u.ListAsync(Ct)));
        var mail = Assert.Single(world.Mails("aino@example.fi"));
        Assert.Contains("on valitettavasti peruttu", mail, StringComparison.Ordinal);
        Assert.Contains("14.12.2026 8.00", mail, StringComparison.Ordinal);
        Assert.Contains("/training?card=tyoturvallisuuskortti", mail, StringComparison.Ordinal);
        Assert.Single(world.Mails("matti@example.fi"));
        Assert.Empty(world.Mails("ville@example.fi"));
    }

    [Fact]
    public async Task A_session_keeps_at_least_the_seats_taken_when_edited()
    {
        await using var world = await TrainingWorld.StartAsync();
        await world.InScopeAsync(sp => sp.GetRequiredService<TrainingDb>().Sessions.Where(s => s.Id == world.Session).ExecuteUpdateAsync(u => u.SetProperty(s => s.SeatsTaken, 5), Ct));
        var start = new DateTime(2026, 12, 15, 6, 0, 0, DateTimeKind.Utc);

        var tooFew = await Assert.ThrowsAsync<TrainingInputException>(() => world.Use<EditSession>(e => e.EditAsync(Registrar, world.Session, new ManageCatalogue.SessionInput(Guid.Empty, start, start.AddHours(8), "Tampere", 4, null), Ct)));
        await world.Use<EditSession>(e => e.EditAsync(Registrar, world.Session, new ManageCatalogue.SessionInput(Guid.Empty, start, start.AddHours(8), "Hämeenkatu 10, Tampere", 5, "staff-trainer.other"), Ct));

        var session = await world.InScopeAsync(sp => sp.GetRequiredService<TrainingDb>().Sessions.AsNoTracking().SingleAsync(s => s.Id == world.Session, Ct));
        Assert.Equal("capacity", tooFew.Field);
        Assert.Equal((start, "Hämeenkatu 10, Tampere", 5, "staff-trainer.other"), (session.StartsAtUtc, session.Place, session.Capacity, session.TrainerAccount));
    }
}
