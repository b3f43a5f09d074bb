using Custodian.Modules.Marketplace.Dashboards;
using Custodian.Simulators.Ozon;
using Custodian.Simulators.Wildberries;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Marketplace.Tests;

/// <summary>The Geography dashboard against the stand-ins' own orders and sales, on both analytics engines.</summary>
public sealed class GeographyDashboardTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(AnalyticsEngineUnderTest.DuckDb)]
    [InlineData(AnalyticsEngineUnderTest.ClickHouse)]
    public async Task Orders_and_sales_are_placed_by_district_and_region_as_the_marketplaces_name_them_and_places_they_do_not_give_are_said_so(AnalyticsEngineUnderTest engine)
    {
        await using var world = await MarketplaceWorld.StartAsync(engine, new WildberriesSimulatorOptions { RequestsPerWindow = 10_000, Products = 10, Days = 40 },
            new OzonSimulatorOptions { RequestsPerSecond = 10_000, AnalyticsPerMinute = 10_000, Products = 8, Days = 40 });
        var wb = await world.ConnectSellerAsync(76);
        var ozon = await world.ConnectOzonSellerAsync(77);
        foreach (var (account, dataset) in new[] { (wb, "wb-orders"), (wb, "wb-sales"), (ozon, "ozon-fbo"), (ozon, "ozon-fbs") })
        {
            Assert.Null(Assert.Single(await world.SyncAsync(account, dataset)).Problem);
        }

        var filter = DashboardFilter.Parse(q => q == "period" ? "30d" : null, DateOnly.FromDateTime(world.Simulator.NowMoscow));
        var (tables, geography) = await world.InScopeAsync(async sp =>
        {
            var scope = sp.GetRequiredService<DashboardScope>();
            var dashboard = sp.GetRequiredService<GeographyDashboard>();
            var tables = await dashboard.TablesAsync([await scope.OperatorViewAsync(wb, Ct), await scope.OperatorViewAsync(ozon, Ct)], filter, Ct);
            return (tables, dashboard.Numbers!);
        });

        bool InPeriod(DateOnly day) => day >= filter.From && day <= filter.To;
        var now = world.Simulator.NowMoscow;
        var orders = world.Simulator.Seller(76).OrdersAt(now).Where(o => InPeriod(DateOnly.FromDateTime(o.OrderedAt))).ToList();
        var sales = world.Simulator.Seller(76).SalesAt(now).Where(s => s.SaleId[0] == 'S' && InPeriod(DateOnly.FromDateTime(s.SoldAt))).ToList();
        var postings = world.Ozon.Seller(77).PostingsAt(world.Ozon.NowUtc).Where(p => InPeriod(DateOnly.FromDateTime(p.InProcessAt.AddHours(3)))).ToList();
        var ozonPlaces = postings.Select(p => (Region: p.Scheme == "fbo" ? new Place(null, PlaceGap.OzonFboHasNoRegion) : p.Buyer is not null ? new Place(p.Region, PlaceGap.None) : new Place(null, PlaceGap.NotGiven),
            Posting: p.PostingNumber, Sold: p.Status == "delivered" ? (long)p.Quantity : 0)).ToList();
        Assert.Contains(ozonPlaces, p => p.Region.Gap == PlaceGap.None);
        Assert.Contains(ozonPlaces, p => p.Region.Gap == PlaceGap.NotGiven);

        var expectedDistricts = orders.Select(o => (Place: new Place(o.Okrug, PlaceGap.None), Orders: 1L, Sales: 0L))
            .Concat(sales.Select(s => (Place: new Place(s.Okrug, PlaceGap.None), Orders: 0L, Sales: 1L)))
            .Concat([(new Place(null, PlaceGap.OzonHasNoDistrict), postings.Select(p => p.PostingNumber).Distinct().LongCount(), ozonPlaces.Sum(p => p.Sold))]);
        var expectedRegions = orders.Select(o => (Place: new Place(o.Region, PlaceGap.None), Orders: 1L, Sales: 0L))
            .Concat(sales.Select(s => (Place: new Place(s.Region, PlaceGap.None), Orders: 0L, Sales: 1L)))
            .Concat(ozonPlaces.GroupBy(p => p.Region).Select(g => (Place: g.Key, Orders: g.Select(p => p.Posting).Distinct().LongCount(), Sales: g.Sum(p => p.Sold))));
        Assert.Equal(Expected(expectedDistricts), geography.Districts.Select(d => (d.Place, d.Orders, d.Sales)));
        Assert.Equal(Expected(expectedRegions), geography.Regions.Select(r => (r.Place, r.Orders, r.Sales)));
        Assert.Equal(orders.Count + postings.Select(p => p.PostingNumber).Distinct().Count(), geography.Orders);
        Assert.All(geography.Regions, r => Assert.Equal(Math.Round(100m * r.Orders / geography.Orders, 2), r.OrderShare));
        Assert.All(geography.Districts, d => Assert.Equal(Math.Round(100m * d.Sales / geography.Sales, 2), d.SalesShare));

        Assert.Equal(geography.Districts.Count, tables.Single(t => t.Id == "districts").Rows.Count);
        Assert.Equal(Math.Min(GeographyDashboard.TopRegions, geography.Regions.Count), tables.Single(t => t.Id == "top-regions").Rows.Count);
        var regionNames = tables.Single(t => t.Id == "regions").Rows.Select(r => (string)r[0]!).ToList();
        Assert.Equal(geography.Regions.Count, regionNames.Count);
        Assert.All(geography.Regions.Select((r, i) => (r, i)).Where(x => x.r.Place.Gap == PlaceGap.None), x => Assert.Equal(x.r.Place.Name, regionNames[x.i]));
    }

    /// <summary>Summed per place; the most orders first, then named places by name, then the unnamed ones.</summary>
    private static List<(Place, long, long)> Expected(IEnumerable<(Place Place, long Orders, long Sales)> places) =>
        [.. places.GroupBy(p => p.Place).Select(g => (Place: g.Key, Orders: g.Sum(p => p.Orders), Sales: g.Sum(p => p.Sales)))
            .OrderByDescending(p => p.Orders).ThenBy(p => p.Place.Name is null).ThenBy(p => p.Place.Name, StringComparer.Ordinal).ThenBy(p => p.Place.Gap)];
}
