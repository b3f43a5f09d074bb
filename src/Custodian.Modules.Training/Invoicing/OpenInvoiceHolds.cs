using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Training.Invoicing;

/// <summary>
/// Why the invoice data naming a trainee must stay although erasure was asked: an employer's invoice for a session they
/// took part in is not paid yet (requested or issued), or it is in debt collection. The reasons are English sentences a
/// requester can read, naming the invoice by its number, never a person; the training provider's data provider turns
/// them into legal holds. Paid invoices hold nothing here (the accounting period is the retention rule's business).
/// </summary>
internal sealed class OpenInvoiceHolds(TrainingDb db)
{
    public async Task<IReadOnlyList<string>> ReasonsAsync(Guid traineeId, CancellationToken cancellationToken)
    {
        var open = await (from p in db.InvoiceParticipants.AsNoTracking()
                          join i in db.Invoices.AsNoTracking() on p.InvoiceId equals i.Id
                          where p.TraineeId == traineeId && (i.State == InvoiceState.Requested || i.State == InvoiceState.Issued || i.State == InvoiceState.InCollection)
                          orderby i.RequestedAtUtc
                          select new { i.State, i.Number, i.DueOn })
            .ToListAsync(cancellationToken);
        return [.. open.Select(i => Reason(i.State, i.Number, i.DueOn)).Distinct()];
    }

    private static string Reason(InvoiceState state, string? number, DateOnly? dueOn)
    {
        var invoice = number is null ? "An invoice to the employer for a course you took part in" : $"Invoice {number} to the employer for a course you took part in";
        return state == InvoiceState.InCollection
            ? $"{invoice} is in debt collection: the invoice data naming the participants is kept until the collection case is closed."
            : $"{invoice} is not paid yet{(dueOn is { } due ? " (due " + due.ToString("d.M.yyyy", CultureInfo.InvariantCulture) + ")" : "")}: the invoice data naming the participants is kept until it is paid.";
    }
}
