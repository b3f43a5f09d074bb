using Custodian.Privacy.Abstractions.Events;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Billing.Payments;

/// <summary>
/// An invoice was paid, confirmed by the provider (ADR 0021): the module that sold what the invoice is for (the
/// marketplace's plan) extends it. <paramref name="Account"/> is the paying account (e.g. <c>seller-…</c>);
/// <paramref name="Plan"/> what the invoice bought when it was a plan's (ADR 0026); null too for a change of plan paid
/// after another change had used its credit (<see cref="Plans.SupersededChanges"/>).
/// </summary>
internal sealed record PaymentConfirmed(Guid PaymentId, Guid InvoiceId, string Account, decimal Amount, string Description, Plans.PlanPurchase? Plan = null) : IDomainEvent
{
    public static string EventName => "billing.payment-confirmed";

    /// <summary>The event of a payment of an invoice, however it was paid (online or by transfer), with the plan the invoice sold if any.</summary>
    public static async Task<PaymentConfirmed> OfAsync(BillingDb db, PaymentRecord payment, Documents.DocumentRecord invoice, CancellationToken cancellationToken)
    {
        var order = await db.PlanOrders.AsNoTracking().SingleOrDefaultAsync(o => o.InvoiceId == invoice.Id, cancellationToken);
        // A change whose credit another change already used extends nothing: the money waits for an operator.
        var applies = order is not { ChangesPlan: true } || !await Plans.SupersededChanges.IsSupersededAsync(db, order, payment.Id, payment.ConfirmedAtUtc ?? payment.CreatedAtUtc, cancellationToken);
        return new PaymentConfirmed(payment.Id, invoice.Id, payment.Account, payment.Amount, invoice.Description, applies ? order?.Purchase() : null);
    }
}
