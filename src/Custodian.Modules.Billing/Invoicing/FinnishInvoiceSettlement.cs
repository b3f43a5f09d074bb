using System.Data.Common;
using Custodian.Privacy.Abstractions.Events;
using Custodian.Privacy.Abstractions.Time;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Billing.Invoicing;

/// <summary>
/// Tells the module that requested a Finnish invoice (ADR 0029) that it was paid or sent to debt collection
/// (<c>billing.finnish-invoice-settled.v1</c>, ADR 0044), inside the caller's transaction. Invoices billing's own staff
/// issued (source <c>billing</c>) and invoices no module requested have nobody to tell.
/// </summary>
internal static class FinnishInvoiceSettlement
{
    public static async Task PublishAsync(BillingDb db, IEventOutbox outbox, DbTransaction transaction, Guid invoiceId, string state, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var request = await db.InvoiceRequests.AsNoTracking()
            .Where(r => r.InvoiceId == invoiceId && r.Status == InvoiceRequestRecord.Issued && r.Source != IssueEmployerInvoice.Staff)
            .Select(r => new { r.Source, r.SourceReference })
            .FirstOrDefaultAsync(cancellationToken);
        if (request is not null)
        {
            await outbox.AddAsync(transaction, new FinnishInvoiceSettled(request.Source, request.SourceReference, invoiceId, state, LocalDays.Helsinki(nowUtc)), cancellationToken);
        }
    }
}
