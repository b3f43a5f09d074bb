using Custodian.Modules.Marketplace.Accounts;
using Custodian.Modules.Marketplace.Collection.Ozon;
using Custodian.Modules.Marketplace.Collection.Wildberries;
using Custodian.Privacy.Abstractions.Analytics;
using static Custodian.Modules.Marketplace.Dashboards.AnalyticsRows;

namespace Custodian.Modules.Marketplace.Dashboards;

/// <summary>Why a place has no name: the marketplace sent it blank, or does not give it at all.</summary>
internal enum PlaceGap
{
    None,

    /// <summary>The row's district or region came blank.</summary>
    NotGiven,

    /// <summary>Ozon gives no federal district at all.</summary>
    OzonHasNoDistrict,

    /// <summary>Ozon's FBO posting list has no region (published schema of <c>/v2/posting/fbo/list</c>).</summary>
    OzonFboHasNoRegion,
}

/// <summary>A federal district or region as the marketplace names it (exactly: nothing is merged or renamed), or why it has no name.</summary>
internal sealed record Place(string? Name, PlaceGap Gap);

internal sealed record PlaceNumbers(Place Place, long Orders, long Sales, decimal? OrderShare, decimal? SalesShare);

internal sealed record Geography(IReadOnlyList<PlaceNumbers> Districts, IReadOnlyList<PlaceNumbers> Regions, long Orders, long Sales)
{
    public bool IsEmpty => Orders == 0 && Sales == 0;
}

/// <summary>
/// Orders and sales by federal district and by region. Wildberries: order lines by order day (cancelled ones included,
/// as on the Overview) and sale lines by sale day, placed by the row's <c>oblastOkrugName</c> and <c>regionName</c>.
/// Ozon: postings by the day Ozon started processing them and, of those, the items delivered by now (Ozon's FBS list
/// gives no delivery date), placed by the posting's region where Ozon sends one (rFBS only); Ozon names no districts.
/// Names are kept as sent, so "Татарстан" and "Республика Татарстан" stay two rows.
/// </summary>
internal sealed class GeographyQuery(AnalyticsRows rows)
{
    public async Task<Geography> RunAsync(IReadOnlyList<DashboardAccount> accounts, DashboardFilter filter, CancellationToken cancellationToken)
    {
        var places = filter.Sku is null && !filter.ByProductAttributes ? await FromTotalsAsync(accounts, filter, cancellationToken) : await FromFactsAsync(accounts, filter, cancellationToken);
        var (orders, sales) = (places.Sum(p => p.Orders), places.Sum(p => p.Sales));
        return new Geography(Breakdown(places.Select(p => (p.District, p.Orders, p.Sales)), orders, sales), Breakdown(places.Select(p => (p.Region, p.Orders, p.Sales)), orders, sales), orders, sales);
    }

    /// <summary>Places from the daily totals by place (one small query); used unless a product is asked for, since those totals carry none.</summary>
    private async Task<List<(Place District, Place Region, long Orders, long Sales)>> FromTotalsAsync(IReadOnlyList<DashboardAccount> accounts, DashboardFilter filter, CancellationToken cancellationToken)
    {
        var places = new List<(Place District, Place Region, long Orders, long Sales)>();
        var sql = new Sql($"SELECT source, district, region, sum(orders) AS orders, sum(sales) AS sales FROM {DailyTotals.Table} WHERE")
            .Tenants([.. accounts.Select(a => a.Tenant)]).Append($" AND").In(new AnalyticsColumn("source", AnalyticsType.String), [.. DailyTotals.Places.Select(p => p.Name)])
            .Days("day_local", filter).Append($" GROUP BY source, district, region");
        foreach (var row in await rows.QueryAsync(sql, cancellationToken))
        {
            var source = Text(row[0]);
            places.Add(source.StartsWith("wb-", StringComparison.Ordinal)
                ? (Named(row[1]), Named(row[2]), Long(row[3]), Long(row[4]))
                : OzonPlace(row[2], source == DailyTotals.OzonFboPlaces.Name, Long(row[3]), Long(row[4])));
        }

        return places;
    }

    private async Task<List<(Place District, Place Region, long Orders, long Sales)>> FromFactsAsync(IReadOnlyList<DashboardAccount> accounts, DashboardFilter filter, CancellationToken cancellationToken)
    {
        var places = new List<(Place District, Place Region, long Orders, long Sales)>();
        var wildberries = OverviewQuery.Tenants(accounts, MarketplaceKind.Wildberries);
        if (wildberries.Count > 0)
        {
            foreach (var row in await rows.QueryAsync(WildberriesOrders(wildberries, filter), [WildberriesTables.Orders], cancellationToken))
            {
                places.Add((Named(row[0]), Named(row[1]), Long(row[2]), 0));
            }

            foreach (var row in await rows.QueryAsync(WildberriesSales(wildberries, filter), [WildberriesTables.Sales], cancellationToken))
            {
                places.Add((Named(row[0]), Named(row[1]), 0, Long(row[2])));
            }
        }

        var ozon = filter.ByProductAttributes ? [] : OverviewQuery.Tenants(accounts, MarketplaceKind.Ozon);
        if (ozon.Count > 0)
        {
            foreach (var postings in (AnalyticsTable[])[OzonPostings.Fbo, OzonPostings.Fbs])
            {
                foreach (var row in await rows.QueryAsync(OzonOrders(postings, ozon, filter), [postings], cancellationToken))
                {
                    places.Add(OzonPlace(row[0], postings == OzonPostings.Fbo, Long(row[1]), Long(row[2])));
                }
            }
        }

        return places;
    }

    /// <summary>An Ozon posting's place: its region (FBO postings give none), never a federal district.</summary>
    private static (Place District, Place Region, long Orders, long Sales) OzonPlace(object? region, bool fbo, long orders, long sales) =>
        (new Place(null, PlaceGap.OzonHasNoDistrict), Text(region) is var name && name.Trim().Length > 0 ? new Place(name, PlaceGap.None) : new Place(null, fbo ? PlaceGap.OzonFboHasNoRegion : PlaceGap.NotGiven), orders, sales);

    /// <summary>Sums per place, largest by orders first, then by name (unnamed places after named ones), with each one's share.</summary>
    private static List<PlaceNumbers> Breakdown(IEnumerable<(Place Place, long Orders, long Sales)> places, long orders, long sales) =>
        [.. places.GroupBy(p => p.Place).Select(g => (Place: g.Key, Orders: g.Sum(p => p.Orders), Sales: g.Sum(p => p.Sales)))
            .OrderByDescending(p => p.Orders).ThenBy(p => p.Place.Name is null).ThenBy(p => p.Place.Name, StringComparer.Ordinal).ThenBy(p => p.Place.Gap)
            .Select(p => new PlaceNumbers(p.Place, p.Orders, p.Sales, Percent(p.Orders, orders), Percent(p.Sales, sales)))];

    private static Place Named(object? value) => Text(value) is var name && name.Trim().Length > 0 ? new Place(name, PlaceGap.None) : new Place(null, PlaceGap.NotGiven);

    internal static Sql WildberriesOrders(IReadOnlyList<string> tenants, DashboardFilter filter) =>
        new Sql($"SELECT oblast_okrug_name, region_name, count(*) AS orders FROM {WildberriesTables.Orders} WHERE")
            .Tenants(tenants).Days("day_local", filter).Products(filter, "nm_id").Append($" GROUP BY oblast_okrug_name, region_name");

    internal static Sql WildberriesSales(IReadOnlyList<string> tenants, DashboardFilter filter) =>
        new Sql($"SELECT oblast_okrug_name, region_name, count(*) AS sales FROM {WildberriesTables.Sales} WHERE kind = 'sale' AND")
            .Tenants(tenants).Days("day_local", filter).Products(filter, "nm_id").Append($" GROUP BY oblast_okrug_name, region_name");

    internal static Sql OzonOrders(AnalyticsTable postings, IReadOnlyList<string> tenants, DashboardFilter filter) =>
        new Sql($"SELECT region, count(DISTINCT posting_number) AS orders, sum(CASE WHEN status = 'delivered' THEN quantity ELSE 0 END) AS sold FROM {postings} WHERE")
            .Tenants(tenants).Days("day_local", filter).Products(filter, "sku", hasBrandAndCategory: false).Append($" GROUP BY region");
}
