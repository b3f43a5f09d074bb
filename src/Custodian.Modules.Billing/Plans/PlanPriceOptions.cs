namespace Custodian.Modules.Billing.Plans;

/// <summary>What a plan costs per billing period (an amount in <see cref="PlanPriceOptions.Currency"/>, VAT as the supplier's mode says).</summary>
internal sealed class PlanPrice
{
    public decimal Monthly { get; set; }

    public decimal Annual { get; set; }
}

/// <summary>
/// Billing owns the prices of the plans another module sells (<c>Billing:Plans</c>): per plan id a monthly and an annual
/// price. Settings, so a price change needs no release; a period already paid keeps the price it was sold at.
/// </summary>
internal sealed class PlanPriceOptions
{
    public const string Section = "Billing:Plans";

    public string Currency { get; set; } = "RUB";

    public Dictionary<string, PlanPrice> Prices { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["start"] = new PlanPrice { Monthly = 1_490m, Annual = 14_900m },
        ["business"] = new PlanPrice { Monthly = 3_990m, Annual = 39_900m },
    };

    /// <summary>What is wrong with the settings, one line each (empty when they are right).</summary>
    public IEnumerable<string> Problems()
    {
        if (Currency != "RUB")
        {
            yield return "Billing:Plans:Currency: plans are sold in RUB.";
        }

        foreach (var (plan, price) in Prices)
        {
            foreach (var (cycle, amount) in new[] { ("Monthly", price.Monthly), ("Annual", price.Annual) })
            {
                if (amount <= 0 || decimal.Round(amount, 2) != amount)
                {
                    yield return $"Billing:Plans:Prices:{plan}:{cycle}: a price above zero with at most two decimals.";
                }
            }
        }
    }
}

/// <summary>How often a plan is paid for: a month or a year at a time.</summary>
internal enum BillingCycle
{
    Monthly,
    Annual,
}
