using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Abstractions.Requests;
using Custodian.Privacy.Abstractions.Retention;
using Custodian.Privacy.Requests;
using Custodian.Privacy.Retention;
using Custodian.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Privacy.Tests.Retention;

public sealed class RetentionSweepTests
{
    private static readonly DateTimeOffset Today = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task The_dry_run_shows_exactly_what_the_run_then_destroys_and_holds_pause_destruction(Engine engine)
    {
        await using var world = await KernelWorld.StartAsync(engine, Today);
        var anna = await world.Training.EnrolAsync("Anna", "anna@example.fi", withExam: false, Ct, Today.AddYears(-6)); // name and contact due (5 years after the certificate expired)
        await world.Training.EnrolAsync("Bob", "bob@example.fi", withExam: false, Ct, Today.AddMonths(-2));                // nothing due
        await world.Training.EnrolAsync("Carl", "carl@example.fi", withExam: true, Ct, Today.AddYears(-2));               // exam due, but held as proof

        var plan = await world.Get<RetentionSweep>().PlanAsync(Ct);
        var run = await world.Get<RetentionSweep>().RunAsync(null, Ct);

        var contact = plan.Single(o => o.Register == "training" && o.Category == "contact");
        var identity = plan.Single(o => o.Register == "training" && o.Category == "identity");
        var exams = plan.Single(o => o.Register == "training" && o.Category == "exam-results");
        Assert.Equal((1, 0, 0), (contact.Due, contact.Held, contact.Applied));
        Assert.Equal((1, 0, 0), (identity.Due, identity.Held, identity.Applied));
        Assert.Equal((1, 1, 0), (exams.Due, exams.Held, exams.Applied));
        Assert.All(plan.Zip(run), pair => Assert.Equal(pair.First.Action == Custodian.Privacy.Declarations.RetentionAction.Review ? 0 : pair.First.Due - pair.First.Held, pair.Second.Applied));
        Assert.Empty(await world.Training.ExportAsync(anna, "training", Ct));
        Assert.Equal(0, world.Training.AnonymousRows);
        Assert.All(await world.Get<RetentionSweep>().PlanAsync(Ct), o => Assert.Equal(o.Held, o.Due));
    }

    [Fact]
    public async Task A_batch_larger_than_sqlites_limit_of_sql_variables_is_destroyed_in_one_go()
    {
        await using var world = await KernelWorld.StartAsync(Engine.Sqlite, Today, withTraining: false);
        var db = world.Get<PrivacyDb>();
        var email = await world.Get<IPersonalDataVault>().SealAsync(KeyScope.Purpose("privacy-kernel", "data-subject-requests"), new FieldAddress("privacy_requests", "requester_email", "x"), "old@example.fi", Ct);
        var old = Today.UtcDateTime.AddYears(-4);
        db.Requests.AddRange(Enumerable.Range(0, 33_000).Select(i => new RequestRecord
        {
            Id = Guid.CreateVersion7(), Reference = $"DSR-{i:D8}", Register = "training", Kind = RequestKind.Access, Status = RequestStatus.Completed, Channel = RequestChannel.Paper,
            ReceivedAtUtc = old, ReceivedOn = DateOnly.FromDateTime(old), DueOn = DateOnly.FromDateTime(old), CompletedAtUtc = old, ContactEmail = email, ContactEmailIndex = [1],
        }));
        await db.SaveChangesAsync(Ct);

        var run = await world.Get<RetentionSweep>().RunAsync(null, Ct);

        Assert.Equal(33_000, run.Single(o => o.Register == "training" && o.Category == KernelRetention.RequestsCategory).Applied);
        Assert.False(await db.Requests.AnyAsync(Ct));
    }

    [Fact]
    public async Task Every_destruction_writes_an_act_with_what_whose_how_why_when_and_who()
    {
        await using var world = await KernelWorld.StartAsync(Engine.Sqlite, Today);
        var anna = await world.Training.EnrolAsync("Anna", "anna@example.fi", withExam: false, Ct, Today.AddYears(-6));

        var run = await world.Get<RetentionSweep>().RunAsync(null, Ct);

        var number = run.Single(o => o.Register == "training" && o.Category == "contact").Act;
        var act = await world.Get<PrivacyDb>().DestructionActs.SingleAsync(a => a.Number == number, Ct);
        Assert.Matches("^DA-[0-9A-Z]{8}$", act.Number);
        Assert.Equal(("training", "contact", "email, phone", anna.ToString(), 1), (act.Register, act.Category, act.Fields, act.Subjects, act.Records));
        Assert.StartsWith("Custodian Koulutus Oy (Y-tunnus 3141593-8)", act.Operator, StringComparison.Ordinal);
        Assert.Equal("Retention period ended: 5 years after the certificate expires, then deleted", act.Reason);
        Assert.Equal("Deletion of the records; field values were encrypted", act.Method);
        Assert.Equal("system", act.PerformedBy);
        Assert.Equal(Today.UtcDateTime, act.PerformedAtUtc);
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(DestructionActs.ToPdf([act]));
        var text = string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        Assert.Contains(act.Number, text, StringComparison.Ordinal);
        Assert.Contains(anna.ToString(), text, StringComparison.Ordinal);
        Assert.StartsWith("number,performed_at_utc,operator", DestructionActs.ToCsv([act]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answered_requests_go_after_three_years_and_so_do_old_acts_and_unclaimed_copies()
    {
        await using var world = await KernelWorld.StartAsync(Engine.Sqlite, Today);
        var intake = world.Get<SubmitRequest.Intake>();
        var old = await intake.SubmitAsync(new SubmitRequest.Request("training", "access", "old@example.fi", null, "en"), RequestChannel.WebForm, null, Ct);
        var recent = await intake.SubmitAsync(new SubmitRequest.Request("training", "access", "new@example.fi", null, "en"), RequestChannel.WebForm, null, Ct);
        await world.Get<VerifyRequest>().VerifyAsync(recent.Reference, VerificationMethod.OperatorCheck, "Called back on the registered number.", null, Ct);
        await world.Get<ExecuteRequest>().ExecuteAsync(recent.Reference, new ExecutionInput(), Ct);
        var db = world.Get<PrivacyDb>();
        var oldRequest = await db.Requests.SingleAsync(r => r.Reference == old.Reference, Ct);
        (oldRequest.Status, oldRequest.ReceivedAtUtc, oldRequest.CompletedAtUtc) = (RequestStatus.Completed, Today.UtcDateTime.AddYears(-4), Today.UtcDateTime.AddYears(-4));
        db.DestructionActs.Add(new DestructionActRecord { Id = Guid.NewGuid(), Number = "DA-OLD00000", Operator = "x", Register = "training", Category = "contact", Fields = "email", Subjects = "", Records = 1, Media = "db", Method = "Deletion", Reason = "test", PerformedAtUtc = Today.UtcDateTime.AddYears(-3).AddDays(-1), PerformedBy = "system" });
        await db.SaveChangesAsync(Ct);
        world.Clock.Advance(TimeSpan.FromDays(8)); // the copy of the recent request was never downloaded

        await world.Get<RetentionSweep>().PlanAsync(Ct);
        db.ChangeTracker.Clear();
        Assert.NotNull((await db.Requests.SingleAsync(r => r.Reference == recent.Reference, Ct)).Package); // the dry run changes nothing
        var run = await world.Get<RetentionSweep>().RunAsync(null, Ct);

        Assert.Equal(1, run.Single(o => o.Register == "training" && o.Category == KernelRetention.RequestsCategory).Applied);
        db.ChangeTracker.Clear();
        Assert.Equal([recent.Reference], await db.Requests.Select(r => r.Reference).ToListAsync(Ct));
        Assert.Null((await db.Requests.SingleAsync(Ct)).Package);
        Assert.False(await db.DestructionActs.AnyAsync(a => a.Number == "DA-OLD00000", Ct));
    }
}
