using Microsoft.Extensions.Localization;

namespace Custodian.Modules.Marketplace.Dashboards;

/// <summary>The Overview page's widgets: the period's totals (and the previous period's), orders and sales by day, revenue and payout by day.</summary>
internal sealed class OverviewDashboard(OverviewQuery overview, IStringLocalizer<MarketplaceText> t) : IDashboard
{
    public string Id => "overview";

    /// <summary>The numbers of the last <see cref="TablesAsync"/> (the page's KPI cards).</summary>
    public Overview? Numbers { get; private set; }

    public async Task<IReadOnlyList<DashboardTable>> TablesAsync(IReadOnlyList<DashboardAccount> accounts, DashboardFilter filter, CancellationToken cancellationToken)
    {
        var numbers = Numbers = await overview.RunAsync(accounts, filter, cancellationToken);
        var days = numbers.Days;
        List<(string Title, OverviewNumbers? Numbers)> periods = [(t["This period"], numbers.Totals), .. filter.Compare ? [(t["Previous period"], numbers.Previous)] : Array.Empty<(string, OverviewNumbers?)>()];
        return
        [
            new DashboardTable("totals", t["Totals"],
                [new(t["Period"], ColumnKind.Text), new(t["Orders"], ColumnKind.Count), new(t["Cancelled"], ColumnKind.Count), new(t["Units ordered"], ColumnKind.Count), new(t["Sales"], ColumnKind.Count),
                 new(t["Returns"], ColumnKind.Count), new(t["Revenue"], ColumnKind.Money), new(t["Payout"], ColumnKind.Money), new(t["Buyout %"], ColumnKind.Percent), new(t["Average check"], ColumnKind.Money)],
                [.. periods.Where(p => p.Numbers is not null).Select(p => new object?[] { p.Title, p.Numbers!.Orders, p.Numbers.Cancelled, p.Numbers.Units, p.Numbers.Sales, p.Numbers.Returns, p.Numbers.Revenue, p.Numbers.Payout, p.Numbers.BuyoutPercent, p.Numbers.AverageCheck })]),
            new DashboardTable("orders-and-sales", t["Orders and sales by day"],
                [new(t["Day"], ColumnKind.Day), new(t["Orders"], ColumnKind.Count), new(t["Cancelled"], ColumnKind.Count), new(t["Sales"], ColumnKind.Count), new(t["Returns"], ColumnKind.Count)],
                [.. days.Select(d => new object?[] { d.Day, d.Numbers.Orders, d.Numbers.Cancelled, d.Numbers.Sales, d.Numbers.Returns })]) { Chart = new ChartSpec("line", [1, 2, 3, 4]) },
            new DashboardTable("revenue", t["Revenue and payout by day"],
                [new(t["Day"], ColumnKind.Day), new(t["Revenue"], ColumnKind.Money), new(t["Payout"], ColumnKind.Money), new(t["Buyout %"], ColumnKind.Percent), new(t["Average check"], ColumnKind.Money)],
                [.. days.Select(d => new object?[] { d.Day, d.Numbers.Revenue, d.Numbers.Payout, d.Numbers.BuyoutPercent, d.Numbers.AverageCheck })]) { Chart = new ChartSpec("line", [1, 2]) },
        ];
    }
}
