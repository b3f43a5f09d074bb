using Custodian.Modules.Marketplace.Accounts;
using Custodian.Modules.Marketplace.Dashboards;
using Microsoft.Extensions.Localization;

namespace Custodian.Modules.Marketplace.Economics;

/// <summary>
/// Economics: the P&amp;L of the period beside the previous one (revenue, each marketplace charge, advertising, cost of
/// goods, taxes under the seller's regime, profit, margin, ROI), profit by day, and unit economics per SKU.
/// </summary>
internal sealed class EconomicsDashboard(UnitEconomics economics, IStringLocalizer<MarketplaceText> t) : IDashboard
{
    public string Id => "economics";

    /// <summary>Set by the page before the tables load: the viewer's tax regime.</summary>
    public TaxChoice Tax { get; set; } = TaxChoice.Default;

    public PeriodEconomics? Current { get; private set; }

    public PeriodEconomics? Previous { get; private set; }

    public async Task<IReadOnlyList<DashboardTable>> TablesAsync(IReadOnlyList<DashboardAccount> accounts, DashboardFilter filter, CancellationToken cancellationToken)
    {
        var (current, previous) = await economics.ComputeAsync(accounts, filter, Tax, cancellationToken);
        (Current, Previous) = (current, previous);
        return [Pnl(current, previous), ByDay(current), BySku(current)];
    }

    private DashboardTable Pnl(PeriodEconomics c, PeriodEconomics p)
    {
        object?[] Line(string title, decimal now, decimal before) => [t[title].Value, now, before, now - before];
        var (a, b) = (c.Totals, p.Totals);
        return new DashboardTable("pnl", t["Profit and loss"], [new(t["Line"], ColumnKind.Text), new(t["Period"], ColumnKind.Money), new(t["Previous period"], ColumnKind.Money), new(t["Change"], ColumnKind.Money)],
        [
            Line("Revenue", a.Revenue, b.Revenue),
            Line("Marketplace commission", a.Commission, b.Commission),
            Line("Logistics", a.Logistics, b.Logistics),
            Line("Storage and acceptance", a.Storage, b.Storage),
            Line("Penalties", a.Penalties, b.Penalties),
            Line("Acquiring", a.Acquiring, b.Acquiring),
            Line("Other deductions", a.Deductions, b.Deductions),
            Line("Advertising", a.Ads, b.Ads),
            Line("Cost of goods", a.CostOfGoods, b.CostOfGoods),
            Line("Profit before tax", a.ProfitBeforeTax, b.ProfitBeforeTax),
            Line("USN tax", c.Tax.Usn, p.Tax.Usn),
            Line("VAT", c.Tax.Vat, p.Tax.Vat),
            Line("Profit tax", c.Tax.ProfitTax, p.Tax.ProfitTax),
            Line("Profit after tax", a.Profit, b.Profit),
        ]);
    }

    /// <summary>The P&amp;L's percentages (margin, ROI) and units, shown beside the money lines.</summary>
    public IReadOnlyList<(string Title, decimal? Now, decimal? Before)> Ratios() => Current is not { } c || Previous is not { } p ? [] :
    [
        (t["Margin"], c.Totals.MarginPercent, p.Totals.MarginPercent),
        (t["ROI"], c.Totals.RoiPercent, p.Totals.RoiPercent),
    ];

    private DashboardTable ByDay(PeriodEconomics c) =>
        new("profit-by-day", t["Profit by day"], [new(t["Day"], ColumnKind.Day), new(t["Revenue"], ColumnKind.Money), new(t["Profit after tax"], ColumnKind.Money)],
            [.. c.Days.Select(d => new object?[] { d.Day, d.Money.Revenue, d.Money.Profit })]) { Chart = new ChartSpec("line", [1, 2]) };

    private DashboardTable BySku(PeriodEconomics c) =>
        new("unit-economics", t["Unit economics by SKU"],
        [
            new(t["Marketplace"], ColumnKind.Text), new(t["Account"], ColumnKind.Text), new(t["SKU"], ColumnKind.Text), new(t["Article"], ColumnKind.Text), new(t["Units sold"], ColumnKind.Count),
            new(t["Revenue"], ColumnKind.Money), new(t["Marketplace charges"], ColumnKind.Money), new(t["Advertising"], ColumnKind.Money), new(t["Cost of goods"], ColumnKind.Money),
            new(t["Tax"], ColumnKind.Money), new(t["Profit after tax"], ColumnKind.Money), new(t["Profit per unit"], ColumnKind.Money), new(t["Margin"], ColumnKind.Percent), new(t["ROI"], ColumnKind.Percent),
            new(t["Cost price"], ColumnKind.Text),
        ],
        [.. c.Skus.Select(s => new object?[]
        {
            s.Account.Marketplace == MarketplaceKind.Wildberries ? "Wildberries" : "Ozon", s.Account.KeyTail, s.Sku == 0 ? t["Account-wide charges"].Value : AnalyticsRows.Sku(s.Sku), s.Article, s.Money.Units,
            s.Money.Revenue, s.Money.Charges - s.Money.Ads, s.Money.Ads, s.Money.CostOfGoods, s.Money.Tax, s.Money.Profit, s.Money.PerUnit, s.Money.MarginPercent, s.Money.RoiPercent,
            s.MissingCost ? t["not given"].Value : string.Empty,
        })]);
}
