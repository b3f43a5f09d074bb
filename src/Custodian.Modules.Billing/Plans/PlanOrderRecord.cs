namespace Custodian.Modules.Billing.Plans;

/// <summary>
/// A plan ordered by invoice (table <c>billing_plan_orders</c>, one per invoice, stored in the invoice's transaction):
/// what the payment of <see cref="InvoiceId"/> buys. The invoice itself stays the accounting document.
/// </summary>
internal sealed class PlanOrderRecord
{
    public Guid Id { get; set; }

    public Guid InvoiceId { get; set; }

    public string Account { get; set; } = string.Empty;

    public string PlanId { get; set; } = string.Empty;

    public BillingCycle Cycle { get; set; }

    public int Months { get; set; }

    /// <summary>The plan's price for the period, before any credit.</summary>
    public decimal Price { get; set; }

    /// <summary>The unused part of the current plan credited against this one (zero unless the plan changes).</summary>
    public decimal Credit { get; set; }

    /// <summary>What the invoice asks: <see cref="Price"/> less <see cref="Credit"/>.</summary>
    public decimal Amount { get; set; }

    public string Currency { get; set; } = "RUB";

    /// <summary>A change of plan: the new period starts when paid and replaces the paid time left.</summary>
    public bool ChangesPlan { get; set; }

    public DateTime OrderedAtUtc { get; set; }

    /// <summary>Set when the invoice was paid after another change of plan had used its credit: the payment extended nothing (<see cref="SupersededChanges"/>).</summary>
    public DateTime? SupersededAtUtc { get; set; }

    public PlanPurchase Purchase() => new(PlanId, Months, Price, Currency, ChangesPlan);
}

/// <summary>What a confirmed payment bought, as <c>billing.payment-confirmed</c> carries it to the module that sells the plan.</summary>
internal sealed record PlanPurchase(string PlanId, int Months, decimal Price, string Currency, bool StartsNow);
