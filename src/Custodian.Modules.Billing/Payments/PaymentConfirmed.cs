using Custodian.Privacy.Abstractions.Events;

namespace Custodian.Modules.Billing.Payments;

/// <summary>
/// An invoice was paid, confirmed by the provider (ADR 0021): the module that sold what the invoice is for (the
/// marketplace's plan) extends it. <paramref name="Account"/> is the paying account (e.g. <c>seller-…</c>);
/// <paramref name="Plan"/> what the invoice bought when it was a plan's (ADR 0026).
/// </summary>
internal sealed record PaymentConfirmed(Guid PaymentId, Guid InvoiceId, string Account, decimal Amount, string Description, Plans.PlanPurchase? Plan = null) : IDomainEvent
{
    public static string EventName => "billing.payment-confirmed";
}
