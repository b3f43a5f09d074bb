using System.Data.Common;
using Custodian.Modules.Billing.Documents;
using Custodian.Modules.Billing.Payments;
using Custodian.Privacy.Abstractions.Events;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Billing.Statements;

/// <summary>
/// Records a bank transfer as the invoice's payment, inside the caller's transaction: a succeeded
/// <see cref="PaymentRecord"/> (so every "is it paid" check, online or not, sees it) and the same
/// <see cref="PaymentConfirmed"/> event an online payment publishes, so the plan is extended the same way; a Finnish invoice
/// a module requested also tells that module it is paid (<c>billing.finnish-invoice-settled.v1</c>).
/// </summary>
internal static class InvoiceSettlement
{
    /// <summary>Succeeded online or by transfer (a refund follows a success: still settled once).</summary>
    public static Task<bool> IsPaidAsync(BillingDb db, Guid invoiceId, CancellationToken cancellationToken) =>
        db.Payments.AnyAsync(p => p.InvoiceId == invoiceId && (p.Status == "succeeded" || p.Status == "refunded"), cancellationToken);

    public static async Task SettleAsync(BillingDb db, IEventOutbox outbox, DbTransaction transaction, StatementPaymentRecord transfer, DocumentRecord invoice, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var account = await db.Payers.AsNoTracking().Where(p => p.Id == invoice.PayerId).Select(p => p.Account).SingleAsync(cancellationToken);
        var payment = new PaymentRecord
        {
            Id = Guid.CreateVersion7(),
            InvoiceId = invoice.Id,
            Account = account,
            // Unique like a provider's id: one payment record per transfer, however often it is imported.
            ProviderPaymentId = "statement:" + transfer.LineKey[..40],
            Amount = transfer.Amount,
            Status = "succeeded",
            CreatedAtUtc = nowUtc,
            ConfirmedAtUtc = nowUtc,
        };
        db.Payments.Add(payment);
        await db.SaveChangesAsync(cancellationToken);
        await outbox.AddAsync(transaction, await PaymentConfirmed.OfAsync(db, payment, invoice, cancellationToken), cancellationToken);
        if (invoice.Kind == DocumentKind.FinnishInvoice)
        {
            await Invoicing.FinnishInvoiceSettlement.PublishAsync(db, outbox, transaction, invoice.Id, FinnishInvoiceSettled.Paid, nowUtc, cancellationToken);
        }
    }
}
