using System.Globalization;
using Custodian.Modules.Training.Rights;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Abstractions.Requests;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Training.Invoicing;

/// <summary>
/// Why the invoice data naming a trainee must stay although erasure was asked: an employer's invoice for a session they
/// took part in is not paid yet (requested or issued), or it is in debt collection. The reasons are English sentences a
/// requester can read, naming the invoice by its number, never a person. As a hold source of the training provider
/// they keep the person and the invoiced enrolment (restricted) on erasure, and the requester is told why. Paid invoices
/// hold nothing here (the accounting period is the retention rule's business).
/// </summary>
internal sealed class OpenInvoiceHolds(TrainingDb db) : ITrainingLegalHolds
{
    public async Task<IReadOnlyList<string>> ReasonsAsync(Guid traineeId, CancellationToken cancellationToken) =>
        [.. (await OpenAsync(p => p.TraineeId == traineeId, cancellationToken)).Select(i => Reason(i.State, i.Number, i.DueOn)).Distinct()];

    public async Task<IReadOnlyList<LegalHold>> HoldsAsync(IReadOnlyCollection<SubjectId> subjects, CancellationToken cancellationToken)
    {
        var asked = subjects.ToList();
        var trainees = await db.Trainees.AsNoTracking().Where(t => asked.Contains(t.SubjectId)).Select(t => t.Id).ToListAsync(cancellationToken);
        var holds = new List<LegalHold>();
        foreach (var invoice in await OpenAsync(p => trainees.Contains(p.TraineeId), cancellationToken))
        {
            var (reason, explanation) = (invoice.State == InvoiceState.InCollection ? HoldReason.AuthorityProcess : HoldReason.OpenInvoice, Reason(invoice.State, invoice.Number, invoice.DueOn));
            holds.Add(new LegalHold(new RecordRef(TrainingModule.Register, "trainee", invoice.TraineeId.ToString("D")), reason, explanation, Until: null));
            holds.Add(new LegalHold(new RecordRef(TrainingModule.Register, "enrolment", invoice.EnrolmentId.ToString("D")), reason, explanation, Until: null));
        }

        return holds;
    }

    private sealed record Open(Guid TraineeId, Guid EnrolmentId, InvoiceState State, string? Number, DateOnly? DueOn);

    private async Task<List<Open>> OpenAsync(System.Linq.Expressions.Expression<Func<InvoiceParticipantRecord, bool>> whose, CancellationToken cancellationToken) =>
        await (from p in db.InvoiceParticipants.AsNoTracking().Where(whose)
               join i in db.Invoices.AsNoTracking() on p.InvoiceId equals i.Id
               where i.State == InvoiceState.Requested || i.State == InvoiceState.Issued || i.State == InvoiceState.InCollection
               orderby i.RequestedAtUtc
               select new Open(p.TraineeId, p.EnrolmentId, i.State, i.Number, i.DueOn))
            .ToListAsync(cancellationToken);

    private static string Reason(InvoiceState state, string? number, DateOnly? dueOn)
    {
        var invoice = number is null ? "An invoice to the employer for a course you took part in" : $"Invoice {number} to the employer for a course you took part in";
        return state == InvoiceState.InCollection
            ? $"{invoice} is in debt collection: the invoice data naming the participants is kept until the collection case is closed."
            : $"{invoice} is not paid yet{(dueOn is { } due ? " (due " + due.ToString("d.M.yyyy", CultureInfo.InvariantCulture) + ")" : "")}: the invoice data naming the participants is kept until it is paid.";
    }
}
