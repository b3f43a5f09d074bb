using System.Text.Json;
using Custodian.Modules.Training.Enrolment;
using Custodian.Modules.Training.Invoicing;
using Custodian.Privacy.Abstractions.Events;
using Custodian.Privacy.Abstractions.Scheduling;
using Custodian.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Training.Tests;

/// <summary>
/// Employers are invoiced through billing's event contract (ADR 0029, 0044): once per session and employer, whatever
/// races; billing's answers (issued, rejected, paid, in collection) update the module's record; an open invoice is a
/// reason to keep a participant's invoice data.
/// </summary>
public sealed class InvoicingTests
{
    private static readonly DateTimeOffset AfterSession = new(2026, 12, 14, 15, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task An_ended_session_is_invoiced_once_per_employer_for_its_seated_staff_and_billing_issues_one_invoice_naming_only_the_course(RecordsProvider records)
    {
        await using var world = await TrainingWorld.StartAsync(records);
        var (employer, _) = await SeatedStaffAsync(world);
        world.Host.SettableClock.Set(AfterSession);

        var first = await InvoiceAsync(world);
        var again = await InvoiceAsync(world);
        await DispatchAsync(world); // billing issues
        await DispatchAsync(world); // the module records billing's answer

        Assert.Equal((1, 0, 0, 1), (first.Requested, first.AlreadyRequested, again.Requested, again.AlreadyRequested));
        var request = JsonSerializer.Deserialize<FinnishInvoiceRequested>(Assert.Single(await OutboxAsync(world, FinnishInvoiceRequested.EventName)), EventJson.Options)!;
        var line = Assert.Single(request.Lines);
        Assert.Equal(("training", $"session-{world.Session:N}-employer-{employer:N}", "Työturvallisuuskorttikoulutus 14.12.2026", 2m, 120m, 25.5m),
            (request.Source, request.SourceReference, line.Description, line.Quantity, line.UnitPrice, line.VatRate));
        Assert.Equal(("Rakennus Virtanen Oy", "2077474-0", "Liisa Virtanen", "Työmaa 12"), (request.Payer.Name, request.Payer.BusinessId, request.Payer.ContactName, request.Payer.BuyerReference));
        var invoice = Assert.Single(await InvoicesAsync(world));
        Assert.Equal((InvoiceState.Issued, "2026-1", 301.20m, new DateOnly(2026, 12, 28)), (invoice.State, invoice.Number, invoice.Total, invoice.DueOn));
        Assert.NotNull(invoice.PaymentReference);
        var listed = Assert.Single(await world.InScopeAsync(sp => sp.GetRequiredService<EmployerInvoices>().ListAsync(employer, Ct)));
        Assert.Equal(("2026-1", InvoiceState.Issued, 301.20m), (listed.Number, listed.State, listed.Total));
        Assert.Empty(await world.InScopeAsync(sp => sp.GetRequiredService<EmployerInvoices>().ListAsync(Guid.NewGuid(), Ct)));
    }

    [Fact]
    public async Task Eight_concurrent_runs_request_the_invoice_once_on_postgres()
    {
        await using var world = await TrainingWorld.StartAsync(RecordsProvider.Postgres);
        await SeatedStaffAsync(world);
        world.Host.SettableClock.Set(AfterSession);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => InvoiceAsync(world), Ct)));

        Assert.Equal(1, outcomes.Sum(o => o.Requested));
        Assert.Single(await OutboxAsync(world, FinnishInvoiceRequested.EventName));
        Assert.Single(await InvoicesAsync(world));
    }

    [Fact]
    public async Task The_scheduled_job_invoices_ended_sessions_only_and_a_session_still_running_is_refused_by_the_verb_use_case()
    {
        await using var world = await TrainingWorld.StartAsync();
        await SeatedStaffAsync(world);

        var early = await Assert.ThrowsAsync<TrainingInputException>(() => InvoiceAsync(world));
        await RunJobAsync(world);
        Assert.Empty(await InvoicesAsync(world));

        world.Host.SettableClock.Set(AfterSession);
        await RunJobAsync(world);
        await RunJobAsync(world);

        Assert.Equal("session", early.Field);
        Assert.Equal(InvoiceState.Requested, Assert.Single(await InvoicesAsync(world)).State);
        Assert.Single(await OutboxAsync(world, FinnishInvoiceRequested.EventName));
    }

    [Fact]
    public async Task A_rejected_request_is_recorded_with_billings_reasons_and_is_asked_again_under_the_same_key_after_the_data_is_corrected()
    {
        await using var world = await TrainingWorld.StartAsync();
        var (employer, _) = await SeatedStaffAsync(world);
        await world.InScopeAsync(sp => sp.GetRequiredService<TrainingDb>().Employers.Where(e => e.Id == employer).ExecuteUpdateAsync(u => u.SetProperty(e => e.EInvoiceAddress, "0037123"), Ct));
        world.Host.SettableClock.Set(AfterSession);

        await InvoiceAsync(world);
        await DispatchAsync(world);
        await DispatchAsync(world);
        var rejected = Assert.Single(await InvoicesAsync(world));
        await world.InScopeAsync(sp => sp.GetRequiredService<TrainingDb>().Employers.Where(e => e.Id == employer).ExecuteUpdateAsync(u => u.SetProperty(e => e.EInvoiceAddress, "003720774740"), Ct));
        var retried = await InvoiceAsync(world);
        await DispatchAsync(world);
        await DispatchAsync(world);

        Assert.Equal(InvoiceState.Rejected, rejected.State);
        Assert.Contains("payer.", rejected.Problems, StringComparison.Ordinal);
        Assert.Equal(1, retried.Requested);
        var issued = Assert.Single(await InvoicesAsync(world));
        Assert.Equal((rejected.Id, InvoiceState.Issued, (string?)null), (issued.Id, issued.State, issued.Problems));
    }

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task An_open_invoice_holds_a_participants_invoice_data_in_collection_too_and_once_paid_the_accounting_period_holds_it(RecordsProvider records)
    {
        await using var world = await TrainingWorld.StartAsync(records);
        var (_, staff) = await SeatedStaffAsync(world);
        var outsider = await world.AddTraineeAsync("Pekka", "Puupää", "111111-111C", "pekka.puupaa@example.fi");
        await world.EnrolAsync(outsider.TraineeId);
        world.Host.SettableClock.Set(AfterSession);
        await InvoiceAsync(world);
        await DispatchAsync(world);
        await DispatchAsync(world);
        var invoice = Assert.Single(await InvoicesAsync(world));

        var whileOpen = await HoldsAsync(world, staff[0]);
        await PublishAsync(world, new FinnishInvoiceSettled("training", invoice.SourceReference, invoice.BillingInvoiceId!.Value, FinnishInvoiceSettled.InCollection, new DateOnly(2027, 2, 1)));
        await DispatchAsync(world);
        var inCollection = await HoldsAsync(world, staff[0]);
        await PublishAsync(world, new FinnishInvoiceSettled("training", invoice.SourceReference, invoice.BillingInvoiceId!.Value, FinnishInvoiceSettled.Paid, new DateOnly(2027, 3, 1)));
        await PublishAsync(world, new FinnishInvoiceSettled("training", invoice.SourceReference, invoice.BillingInvoiceId!.Value, FinnishInvoiceSettled.InCollection, new DateOnly(2027, 2, 1))); // late, out of order
        await DispatchAsync(world);

        Assert.Equal(["Invoice 2026-1 to the employer for a course you took part in is not paid yet (due 28.12.2026): the invoice data naming the participants is kept until it is paid."], whileOpen);
        Assert.Equal(["Invoice 2026-1 to the employer for a course you took part in is in debt collection: the invoice data naming the participants is kept until the collection case is closed."], inCollection);
        Assert.Equal(["Invoice 2026-1 to the employer for a course you took part in is an accounting voucher: the Accounting Act (kirjanpitolaki 2:10) keeps the invoice data naming the participants until 31.12.2032."], await HoldsAsync(world, staff[0]));
        Assert.Empty(await HoldsAsync(world, outsider.TraineeId));
        var paid = Assert.Single(await InvoicesAsync(world));
        Assert.Equal((InvoiceState.Paid, new DateOnly(2027, 3, 1)), (paid.State, paid.SettledOn));
    }

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task Erasure_keeps_a_participant_of_an_open_invoice_restricted_and_tells_them_why(RecordsProvider records)
    {
        await using var world = await TrainingWorld.StartAsync(records);
        var (_, staff) = await SeatedStaffAsync(world);
        world.Host.SettableClock.Set(AfterSession);
        await InvoiceAsync(world);
        await DispatchAsync(world);
        await DispatchAsync(world);
        var subject = await world.InScopeAsync(sp => sp.GetRequiredService<TrainingDb>().Trainees.Where(t => t.Id == staff[0]).Select(t => t.SubjectId).SingleAsync(Ct));

        var erased = await world.InScopeAsync(sp => sp.GetRequiredService<Rights.TrainingDataProvider>().EraseAsync(subject, TrainingModule.Register, Ct));

        var reason = Assert.Single(await HoldsAsync(world, staff[0]));
        Assert.NotEmpty(erased.Held);
        Assert.All(erased.Held, h => Assert.Equal((Privacy.Abstractions.Requests.HoldReason.OpenInvoice, reason), (h.Reason, h.Explanation)));
        Assert.Contains(erased.Held, h => h.Record.RecordType == "trainee" && h.Record.RecordId == staff[0].ToString("D"));
        Assert.True(await world.InScopeAsync(sp => sp.GetRequiredService<TrainingDb>().Trainees.Where(t => t.Id == staff[0]).Select(t => t.Restricted).SingleAsync(Ct)));
    }

    [Fact]
    public async Task Answers_to_another_modules_requests_change_nothing()
    {
        await using var world = await TrainingWorld.StartAsync();
        await SeatedStaffAsync(world);
        world.Host.SettableClock.Set(AfterSession);
        await InvoiceAsync(world);
        var key = Assert.Single(await InvoicesAsync(world)).SourceReference;

        await PublishAsync(world, new FinnishInvoiceSettled("billing", key, Guid.NewGuid(), FinnishInvoiceSettled.Paid, new DateOnly(2026, 12, 20)));
        await PublishAsync(world, new FinnishInvoiceRejected("marketplace", key, [new FinnishInvoiceProblem("payer", "No.")]));
        await DispatchAsync(world); // billing may issue the real request meanwhile; neither foreign answer may reject or settle it

        var invoice = Assert.Single(await InvoicesAsync(world));
        Assert.Contains(invoice.State, new[] { InvoiceState.Requested, InvoiceState.Issued });
        Assert.Equal(((string?)null, (DateOnly?)null), (invoice.Problems, invoice.SettledOn));
    }

    /// <summary>An employer with two staff enrolled and one who cancelled, in the world's session.</summary>
    private static async Task<(Guid Employer, Guid[] Staff)> SeatedStaffAsync(TrainingWorld world)
    {
        var employer = await world.AddPayingEmployerAsync();
        var staff = new List<Guid>();
        foreach (var (first, last, hetu, email) in TrainingPeople.Crew.Take(2))
        {
            var person = await world.AddTraineeAsync(first, last, hetu, email);
            await world.EnrolAsync(person.TraineeId, employer: employer);
            staff.Add(person.TraineeId);
        }

        var cancelled = await world.AddTraineeAsync("Kalle", "Peruuttaja", "020390-456M", "kalle@example.fi");
        await world.EnrolAsync(cancelled.TraineeId, employer: employer, status: EnrolmentStatus.Cancelled);
        return (employer, [.. staff]);
    }

    private static Task<RequestEmployerInvoices.Outcome> InvoiceAsync(TrainingWorld world) =>
        world.InScopeAsync(sp => sp.GetRequiredService<RequestEmployerInvoices>().ForSessionAsync(world.Session, "staff-registrar.riku", Ct));

    private static Task RunJobAsync(TrainingWorld world) =>
        world.InScopeAsync(sp => sp.GetServices<IScheduledWork>().Single(w => w.Name == "training.invoice-ended-sessions").RunAsync(sp, Ct));

    /// <summary>One run of the kernel's outbox dispatcher, as the scheduler runs it (billing handles requests, the module answers).</summary>
    private static Task DispatchAsync(TrainingWorld world) =>
        world.InScopeAsync(sp => world.Host.Services.GetServices<IScheduledWork>().Single(w => w.Name == "privacy.events").RunAsync(sp, Ct));

    /// <summary>The reasons the register's data provider gives on erasure (the path the kernel takes); each holds the person's record and the invoiced enrolment.</summary>
    private static Task<IReadOnlyList<string>> HoldsAsync(TrainingWorld world, Guid trainee) =>
        world.InScopeAsync<IReadOnlyList<string>>(async sp =>
        {
            var subject = await sp.GetRequiredService<TrainingDb>().Trainees.Where(t => t.Id == trainee).Select(t => t.SubjectId).SingleAsync(Ct);
            var holds = await sp.GetRequiredService<Rights.TrainingDataProvider>().HoldsAsync(subject, TrainingModule.Register, Ct);
            Assert.All(holds.GroupBy(h => h.Explanation), reason => Assert.Equal(["enrolment", "trainee"], reason.Select(h => h.Record.RecordType).Order(StringComparer.Ordinal)));
            return [.. holds.Select(h => h.Explanation).Distinct()];
        });

    private static Task<List<InvoiceRecord>> InvoicesAsync(TrainingWorld world) =>
        world.InScopeAsync(sp => sp.GetRequiredService<TrainingDb>().Invoices.AsNoTracking().ToListAsync(Ct));

    /// <summary>What billing does: an answer into the outbox inside a transaction on the records database.</summary>
    private static Task PublishAsync<TEvent>(TrainingWorld world, TEvent answer)
        where TEvent : IDomainEvent => world.InScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<TrainingDb>();
        await using var transaction = await db.Database.BeginTransactionAsync(Ct);
        await sp.GetRequiredService<IEventOutbox>().AddAsync(transaction.GetDbTransaction(), answer, Ct);
        await transaction.CommitAsync(Ct);
    });

    private static Task<List<string>> OutboxAsync(TrainingWorld world, string name) =>
        world.InScopeAsync(sp => sp.GetRequiredService<TrainingDb>().Database.SqlQuery<string>($"SELECT payload AS \"Value\" FROM privacy_outbox WHERE name = {name}").ToListAsync(Ct));
}
