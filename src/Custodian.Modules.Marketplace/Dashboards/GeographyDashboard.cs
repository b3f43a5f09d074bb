using Microsoft.Extensions.Localization;

namespace Custodian.Modules.Marketplace.Dashboards;

/// <summary>The Geography page's widgets: orders and sales by federal district, the top regions as a chart, and every region as a table.</summary>
internal sealed class GeographyDashboard(GeographyQuery query, DatasetCoverage coverage, IStringLocalizer<MarketplaceText> t) : IDashboard
{
    /// <summary>How many regions the chart draws (Russia has 89; the table lists them all).</summary>
    public const int TopRegions = 15;

    public string Id => "geography";

    /// <summary>The numbers of the last <see cref="TablesAsync"/>.</summary>
    public Geography? Numbers { get; private set; }

    /// <summary>Why some of the selected accounts have no orders or sales to place, in the seller's language.</summary>
    public IReadOnlyList<string> Gaps { get; private set; } = [];

    public async Task<IReadOnlyList<DashboardTable>> TablesAsync(IReadOnlyList<DashboardAccount> accounts, DashboardFilter filter, CancellationToken cancellationToken)
    {
        var geography = Numbers = await query.RunAsync(accounts, filter, cancellationToken);
        Gaps = [.. (await coverage.GapsAsync(accounts, DatasetCoverage.Geography, cancellationToken)).Select(coverage.Explain)];
        return
        [
            Table("districts", t["By federal district"], t["Federal district"], geography.Districts, chart: true, districts: true),
            Table("top-regions", t["Top {0} regions", TopRegions], t["Region"], [.. geography.Regions.Take(TopRegions)], chart: true, districts: false),
            Table("regions", t["All regions"], t["Region"], geography.Regions, chart: false, districts: false),
        ];
    }

    private DashboardTable Table(string id, string title, string placeTitle, IReadOnlyList<PlaceNumbers> places, bool chart, bool districts) =>
        new(id, title,
            [new(placeTitle, ColumnKind.Text), new(t["Orders"], ColumnKind.Count), new(t["Share of orders"], ColumnKind.Percent), new(t["Sales"], ColumnKind.Count), new(t["Share of sales"], ColumnKind.Percent)],
            [.. places.Select(p => new object?[] { Name(p.Place, districts), p.Orders, p.OrderShare, p.Sales, p.SalesShare })])
        {
            Chart = chart ? new ChartSpec("bar", [1, 3], Horizontal: true) : null,
        };

    private string Name(Place place, bool district) => place.Gap switch
    {
        PlaceGap.None => place.Name!,
        PlaceGap.OzonHasNoDistrict => t["Ozon: district not given by the marketplace"],
        PlaceGap.OzonFboHasNoRegion => t["Ozon FBO: region unknown (Ozon does not give it)"],
        _ => district ? t["District not given"] : t["Region not given"],
    };
}
