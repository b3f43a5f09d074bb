using Custodian.Modules.Marketplace.Dashboards;

namespace Custodian.Modules.Marketplace.Economics;

/// <summary>Money of a period (or a SKU, or a day): revenue, each charge, cost of goods, and taxes once allocated.</summary>
internal sealed record Money(long Units, decimal Revenue, decimal Commission, decimal Logistics, decimal Storage, decimal Penalties, decimal Acquiring, decimal Deductions, decimal Ads, decimal CostOfGoods, decimal Tax)
{
    public static readonly Money Zero = new(0, 0m, 0m, 0m, 0m, 0m, 0m, 0m, 0m, 0m, 0m);

    public decimal Charges => Commission + Logistics + Storage + Penalties + Acquiring + Deductions + Ads;

    public decimal ProfitBeforeTax => Revenue - Charges - CostOfGoods;

    public decimal Profit => ProfitBeforeTax - Tax;

    /// <summary>Profit after tax per unit sold, or null without units.</summary>
    public decimal? PerUnit => Units > 0 ? Math.Round(Profit / Units, 2) : null;

    /// <summary>Profit after tax against revenue, in percent.</summary>
    public decimal? MarginPercent => Revenue > 0m ? Math.Round(100m * Profit / Revenue, 2) : null;

    /// <summary>Profit after tax against the cost of goods, in percent.</summary>
    public decimal? RoiPercent => CostOfGoods > 0m ? Math.Round(100m * Profit / CostOfGoods, 2) : null;

    public Money Add(Money o) => new(Units + o.Units, Revenue + o.Revenue, Commission + o.Commission, Logistics + o.Logistics, Storage + o.Storage, Penalties + o.Penalties,
        Acquiring + o.Acquiring, Deductions + o.Deductions, Ads + o.Ads, CostOfGoods + o.CostOfGoods, Tax + o.Tax);
}

internal sealed record SkuMoney(DashboardAccount Account, long Sku, string Article, Money Money, bool MissingCost);

/// <summary>A period's unit economics: totals, taxes, every day and every SKU (taxes allocated to SKUs by revenue).</summary>
internal sealed record PeriodEconomics(DateOnly From, DateOnly To, Money Totals, TaxResult Tax, IReadOnlyList<(DateOnly Day, Money Money)> Days, IReadOnlyList<SkuMoney> Skus)
{
    public int MissingCostSkus => Skus.Count(s => s.MissingCost);
}

/// <summary>
/// Unit economics of the accounts: the finance reports' revenue and charges, the cost of goods at the cost price valid
/// on each day (units × price; returns give it back), and taxes under the seller's regime. The same numbers feed the
/// Economics page and ABC analysis.
/// </summary>
internal sealed class UnitEconomics(EconomicsFacts facts, CostPrices costs)
{
    public async Task<(PeriodEconomics Current, PeriodEconomics Previous)> ComputeAsync(IReadOnlyList<DashboardAccount> accounts, DashboardFilter filter, TaxChoice tax, CancellationToken cancellationToken)
    {
        var previous = filter.Previous;
        var yearStart = new DateOnly(previous.From.Year, 1, 1);
        var all = await facts.LoadAsync(accounts, yearStart, filter.To, filter.Sku, cancellationToken);
        var prices = (await costs.ForAsync(accounts, cancellationToken)).ToLookup(p => (p.AccountId, p.Sku));
        var withCost = all.Select(f =>
        {
            var price = f.Sku == 0 ? 0m : CostPrices.On([.. prices[(f.Account.Id, f.Sku)]], f.Day);
            return (Fact: f, Cogs: f.Units * (price ?? 0m), Missing: price is null && f.Sku != 0 && f.Units != 0);
        }).ToList();
        var taxDays = withCost.GroupBy(x => x.Fact.Day).Select(g => new TaxDay(g.Key, g.Sum(x => x.Fact.Revenue), g.Sum(x => x.Fact.Charges), g.Sum(x => x.Cogs))).OrderBy(d => d.Day).ToList();
        return (Period(filter.From, filter.To), Period(previous.From, previous.To));

        PeriodEconomics Period(DateOnly from, DateOnly to)
        {
            var inPeriod = withCost.Where(x => x.Fact.Day >= from && x.Fact.Day <= to).ToList();
            var taxes = TaxCalculation.Compute(tax.Regime, tax.UsnRate, [.. taxDays.Where(d => d.Day >= new DateOnly(from.Year, 1, 1) && d.Day <= to)], from, to, TaxRules.Embedded);
            var revenue = inPeriod.Where(x => x.Fact.Revenue > 0m).Sum(x => x.Fact.Revenue);
            decimal Share(decimal r) => revenue > 0m && r > 0m ? Math.Round(taxes.Total * r / revenue, 2) : 0m;
            Money Of(IEnumerable<(FinanceDay Fact, decimal Cogs, bool Missing)> rows, bool allocate)
            {
                var list = rows.ToList();
                var m = new Money(list.Sum(x => x.Fact.Units), list.Sum(x => x.Fact.Revenue), list.Sum(x => x.Fact.Commission), list.Sum(x => x.Fact.Logistics), list.Sum(x => x.Fact.Storage),
                    list.Sum(x => x.Fact.Penalties), list.Sum(x => x.Fact.Acquiring), list.Sum(x => x.Fact.Deductions), list.Sum(x => x.Fact.Ads), list.Sum(x => x.Cogs), 0m);
                return allocate ? m with { Tax = Share(m.Revenue) } : m;
            }

            var totals = Of(inPeriod, false) with { Tax = taxes.Total };
            var days = Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(from.AddDays)
                .GroupJoin(inPeriod, d => d, x => x.Fact.Day, (d, rows) => (d, Of(rows, true))).ToList();
            var skus = inPeriod.GroupBy(x => (x.Fact.Account, x.Fact.Sku))
                .Select(g => new SkuMoney(g.Key.Account, g.Key.Sku, g.Select(x => x.Fact.Article).FirstOrDefault(a => a.Length > 0) ?? string.Empty, Of(g, true), g.Any(x => x.Missing)))
                .OrderByDescending(s => s.Money.Revenue).ThenBy(s => s.Account.Tenant, StringComparer.Ordinal).ThenBy(s => s.Sku).ToList();
            return new PeriodEconomics(from, to, totals, taxes, days, skus);
        }
    }
}
