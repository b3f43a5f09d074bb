using Custodian.Modules.Marketplace.Dashboards;
using Microsoft.Extensions.Localization;

namespace Custodian.Modules.Marketplace.Pages.Seller.Dashboards;

/// <summary>Overview: orders, cancellations, sales, returns, revenue, payout, buyout % and average check, by day and for the period, with the previous period beside it.</summary>
internal sealed class OverviewModel(OverviewQuery overview, DashboardScope scope, TimeProvider clock, IStringLocalizer<MarketplaceText> t) : DashboardPage(scope, clock, t)
{
    public override string Route => "/seller/dashboards/overview";

    public Overview? Numbers { get; private set; }

    public override IReadOnlyList<DashboardTable> Tables { get; protected set; } = [];

    protected override async Task LoadAsync(CancellationToken cancellationToken)
    {
        Numbers = await overview.RunAsync(Selected, Filter, cancellationToken);
        var days = Numbers.Days;
        Tables =
        [
            new DashboardTable("orders-and-sales", Text["Orders and sales by day"],
                [new(Text["Day"], ColumnKind.Day), new(Text["Orders"], ColumnKind.Count), new(Text["Cancelled"], ColumnKind.Count), new(Text["Sales"], ColumnKind.Count), new(Text["Returns"], ColumnKind.Count)],
                [.. days.Select(d => new object?[] { d.Day, d.Numbers.Orders, d.Numbers.Cancelled, d.Numbers.Sales, d.Numbers.Returns })]) { Chart = new ChartSpec("line", [1, 2, 3, 4]) },
            new DashboardTable("revenue", Text["Revenue and payout by day"],
                [new(Text["Day"], ColumnKind.Day), new(Text["Revenue"], ColumnKind.Money), new(Text["Payout"], ColumnKind.Money), new(Text["Buyout %"], ColumnKind.Percent), new(Text["Average check"], ColumnKind.Money)],
                [.. days.Select(d => new object?[] { d.Day, d.Numbers.Revenue, d.Numbers.Payout, d.Numbers.BuyoutPercent, d.Numbers.AverageCheck })]) { Chart = new ChartSpec("line", [1, 2]) },
        ];
    }
}
