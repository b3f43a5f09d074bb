namespace Custodian.Modules.Marketplace.Subscriptions;

/// <summary>
/// One paid period of a seller's plan (the trial is not stored: it is the first <see cref="SellerPlan.TrialLength"/>
/// after sign-up). Periods follow each other; the seller is subscribed while one covers the present.
/// </summary>
internal sealed class SubscriptionRecord
{
    public Guid Id { get; set; }

    public Guid SellerId { get; set; }

    public string PlanId { get; set; } = string.Empty;

    public DateTime StartsAtUtc { get; set; }

    public DateTime EndsAtUtc { get; set; }

    /// <summary>The price of the whole period when it was recorded (amount and currency).</summary>
    public decimal PriceAmount { get; set; }

    public string PriceCurrency { get; set; } = "RUB";

    public DateTime RecordedAtUtc { get; set; }
}
