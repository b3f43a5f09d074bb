using Custodian.Modules.Marketplace.Accounts;
using Microsoft.Extensions.Localization;

namespace Custodian.Modules.Marketplace.Dashboards;

/// <summary>
/// The Funnel page's widgets: the period's four steps with their conversions, views and orders by day, and every product's
/// funnel. A period without any funnel row has empty tables, so the page says why instead of drawing zeros.
/// </summary>
internal sealed class FunnelDashboard(FunnelQuery query, DatasetCoverage coverage, IStringLocalizer<MarketplaceText> t) : IDashboard
{
    public string Id => "funnel";

    /// <summary>The numbers of the last <see cref="TablesAsync"/>.</summary>
    public Funnel? Numbers { get; private set; }

    /// <summary>Why some of the selected accounts have no funnel (or part of it), in the seller's language.</summary>
    public IReadOnlyList<string> Gaps { get; private set; } = [];

    public async Task<IReadOnlyList<DashboardTable>> TablesAsync(IReadOnlyList<DashboardAccount> accounts, DashboardFilter filter, CancellationToken cancellationToken)
    {
        var funnel = Numbers = await query.RunAsync(accounts, filter, cancellationToken);
        Gaps = [.. (await coverage.GapsAsync(accounts, DatasetCoverage.Funnel, cancellationToken)).Select(coverage.Explain)];
        var totals = funnel.Totals;
        return
        [
            new DashboardTable("funnel-steps", t["Funnel for the period"],
                [new(t["Step"], ColumnKind.Text), new(t["Count"], ColumnKind.Count), new(t["Conversion from the previous step"], ColumnKind.Percent)],
                funnel.IsEmpty ? [] :
                [
                    [t["Card views"].Value, totals.Views, null],
                    [t["Added to cart"].Value, totals.Carts, funnel.ViewToCart],
                    [t["Orders"].Value, totals.Orders, funnel.CartToOrder],
                    [t["Buyouts"].Value, totals.Buyouts, funnel.OrderToBuyout],
                ]) { Chart = new ChartSpec("bar", [1]) },
            new DashboardTable("funnel-days", t["Card views and orders by day"],
                [new(t["Day"], ColumnKind.Day), new(t["Card views"], ColumnKind.Count), new(t["Orders"], ColumnKind.Count)],
                funnel.IsEmpty ? [] : [.. funnel.Days.Select(d => new object?[] { d.Day, d.Views, d.Orders })]) { Chart = new ChartSpec("line", [1, 2]) },
            new DashboardTable("funnel-products", t["Funnel by product"],
                [
                    new(t["Marketplace"], ColumnKind.Text), new(t["SKU"], ColumnKind.Text), new(t["Article"], ColumnKind.Text), new(t["Name"], ColumnKind.Text),
                    new(t["Card views"], ColumnKind.Count), new(t["Added to cart"], ColumnKind.Count), new(t["Orders"], ColumnKind.Count), new(t["Buyouts"], ColumnKind.Count),
                    new(t["View → cart"], ColumnKind.Percent), new(t["Cart → order"], ColumnKind.Percent), new(t["Order → buyout"], ColumnKind.Percent),
                ],
                [.. funnel.Products.Select(p => new object?[]
                {
                    p.Marketplace == MarketplaceKind.Wildberries ? "Wildberries" : "Ozon", AnalyticsRows.Sku(p.Sku), p.Article, p.Name,
                    p.Steps.Views, p.Steps.Carts, p.Steps.Orders, p.Steps.Buyouts, p.Steps.ViewToCart, p.Steps.CartToOrder, p.Steps.OrderToBuyout,
                })]),
        ];
    }
}
