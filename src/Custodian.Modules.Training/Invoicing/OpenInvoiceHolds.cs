using System.Globalization;
using Custodian.Modules.Training.Rights;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Abstractions.Requests;
using Custodian.Privacy.Abstractions.Retention;
using Custodian.Privacy.Abstractions.Time;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Training.Invoicing;

/// <summary>
/// Why the data naming a person on an employer's invoice must stay although erasure was asked or another retention rule
/// ran out. A participant: the invoice for a session they took part in is not paid yet (requested or issued), is in debt
/// collection, or is paid but still an accounting voucher (Accounting Act 2:10, the period the register declares for
/// invoices from the end of its year) —
/// their record (whose key seals their name on the invoice) and the invoiced enrolment are held. The employer's contact:
/// while the company has an open invoice. Reasons name the invoice by its number, never a person.
/// </summary>
internal sealed class OpenInvoiceHolds(TrainingDb db, IDeclaredRetention retention, TimeProvider clock) : ITrainingLegalHolds
{

    public async Task<IReadOnlyList<LegalHold>> HoldsAsync(IReadOnlyCollection<SubjectId> subjects, CancellationToken cancellationToken)
    {
        var asked = subjects.ToList();
        var named = await (from p in db.InvoiceParticipants.AsNoTracking()
                           join t in db.Trainees.AsNoTracking() on p.TraineeId equals t.Id
                           join i in db.Invoices.AsNoTracking() on p.InvoiceId equals i.Id
                           where asked.Contains(t.SubjectId) && i.State != InvoiceState.Rejected
                           select new { p.TraineeId, p.EnrolmentId, i.State, i.Number, i.DueOn, i.IssuedOn, i.RequestedAtUtc })
            .ToListAsync(cancellationToken);
        var contacts = await (from e in db.Employers.AsNoTracking()
                              join i in db.Invoices.AsNoTracking() on e.Id equals i.EmployerId
                              where asked.Contains(e.ContactSubjectId) && (i.State == InvoiceState.Requested || i.State == InvoiceState.Issued || i.State == InvoiceState.InCollection)
                              select new { e.Id, i.State, i.Number, i.DueOn, i.RequestedAtUtc })
            .ToListAsync(cancellationToken);
        var today = LocalDays.Helsinki(clock.GetUtcNow());
        var holds = new List<LegalHold>();
        foreach (var i in named.OrderBy(i => i.RequestedAtUtc))
        {
            var invoice = Invoice(i.Number, "to the employer for a course you took part in");
            var kept = retention.LastKeptDay(TrainingModule.Register, TrainingRetention.Invoices, InvoiceRecord.AccountingYearEnd(i.IssuedOn, i.RequestedAtUtc).AddDays(1));
            var hold = i.State switch
            {
                InvoiceState.InCollection => (HoldReason.AuthorityProcess, $"{invoice} is in debt collection: the invoice data naming the participants is kept until the collection case is closed.", (DateOnly?)null),
                InvoiceState.Paid when kept >= today => (HoldReason.AccountingRetention, $"{invoice} is an accounting voucher: the Accounting Act (kirjanpitolaki 2:10) keeps the invoice data naming the participants until {kept.ToString("d.M.yyyy", CultureInfo.InvariantCulture)}.", kept),
                InvoiceState.Paid => ((HoldReason, string, DateOnly?)?)null,
                _ => (HoldReason.OpenInvoice, $"{invoice} is not paid yet{Due(i.DueOn)}: the invoice data naming the participants is kept until it is paid.", null),
            };
            if (hold is var (reason, explanation, until))
            {
                holds.Add(new LegalHold(Ref("trainee", i.TraineeId), reason, explanation, until));
                holds.Add(new LegalHold(Ref("enrolment", i.EnrolmentId), reason, explanation, until));
            }
        }

        holds.AddRange(contacts.OrderBy(c => c.RequestedAtUtc).Select(c => new LegalHold(Ref("employer-contact", c.Id),
            c.State == InvoiceState.InCollection ? HoldReason.AuthorityProcess : HoldReason.OpenInvoice,
            $"{Invoice(c.Number, "to your company")} is {(c.State == InvoiceState.InCollection ? "in debt collection" : "not paid yet" + Due(c.DueOn))}: its contact person's details are kept until it is settled.", null)));
        return holds;
    }

    private static string Invoice(string? number, string whose) => number is null ? $"An invoice {whose}" : $"Invoice {number} {whose}";

    private static string Due(DateOnly? dueOn) => dueOn is { } due ? " (due " + due.ToString("d.M.yyyy", CultureInfo.InvariantCulture) + ")" : "";

    private static RecordRef Ref(string type, Guid id) => new(TrainingModule.Register, type, id.ToString("D"));
}
