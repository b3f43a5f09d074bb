namespace Custodian.Modules.Billing.Payments;

/// <summary>
/// An online payment of an invoice at the provider (table <c>billing_payments</c>): our id is the idempotence key, the
/// provider's id comes back from creation. Its status changes only after the provider confirmed it on a fetch.
/// </summary>
internal sealed class PaymentRecord
{
    public Guid Id { get; set; }

    public Guid InvoiceId { get; set; }

    public string Account { get; set; } = string.Empty;

    public string ProviderPaymentId { get; set; } = string.Empty;

    public decimal Amount { get; set; }

    /// <summary>pending, succeeded, canceled or refunded: the provider's state as last fetched.</summary>
    public string Status { get; set; } = "pending";

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? ConfirmedAtUtc { get; set; }
}
