using Custodian.Modules.Marketplace.Accounts;
using Custodian.Modules.Marketplace.Collection.Ozon;
using Custodian.Modules.Marketplace.Dashboards;
using Custodian.Simulators.Ozon;
using Custodian.Simulators.Wildberries;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Marketplace.Tests;

/// <summary>The Funnel dashboard against the stand-ins' own funnel numbers, on both analytics engines.</summary>
public sealed class FunnelDashboardTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly WildberriesSimulatorOptions Wildberries = new() { RequestsPerWindow = 10_000, Products = 12, Days = 40 };
    private static readonly OzonSimulatorOptions Ozon = new() { RequestsPerSecond = 10_000, AnalyticsPerMinute = 10_000, Products = 8, Days = 40 };

    [Theory]
    [InlineData(AnalyticsEngineUnderTest.DuckDb)]
    [InlineData(AnalyticsEngineUnderTest.ClickHouse)]
    public async Task Every_products_funnel_and_the_totals_match_the_marketplaces_and_steps_a_marketplace_does_not_give_are_empty_not_zero(AnalyticsEngineUnderTest engine)
    {
        await using var world = await MarketplaceWorld.StartAsync(engine, Wildberries, Ozon);
        var wb = await world.ConnectSellerAsync(71);
        var ozon = await world.ConnectOzonSellerAsync(72);
        var basic = await world.ConnectOzonSellerAsync(73, OzonPlan.Basic);
        foreach (var (account, dataset) in new[] { (wb, "wb-funnel"), (wb, "wb-cards"), (ozon, "ozon-analytics"), (ozon, "ozon-products"), (basic, "ozon-analytics") })
        {
            Assert.Null(Assert.Single(await world.SyncAsync(account, dataset)).Problem);
        }

        var filter = DashboardFilter.Parse(q => q == "period" ? "7d" : null, DateOnly.FromDateTime(world.Simulator.NowMoscow));
        var (tables, funnel, _) = await FunnelAsync(world, [wb, ozon, basic], filter);

        var days = Enumerable.Range(0, filter.Days).Select(filter.From.AddDays).ToList();
        var wbSeller = world.Simulator.Seller(71);
        var wbFunnel = days.SelectMany(d => wbSeller.FunnelOn(d, world.Simulator.NowMoscow)).ToList();
        foreach (var product in wbSeller.Products)
        {
            var f = wbFunnel.Where(x => x.Product.NmId == product.NmId).ToList();
            var row = funnel.Products.Single(p => p.Marketplace == MarketplaceKind.Wildberries && p.Sku == product.NmId);
            Assert.Equal(new FunnelSteps(f.Sum(x => x.OpenCount), f.Sum(x => x.CartCount), f.Sum(x => x.OrderCount), f.Sum(x => x.BuyoutCount)), row.Steps);
            Assert.Equal((product.Article, product.Subject + " " + product.Article), (row.Article, row.Name));
        }

        var ozonSeller = world.Ozon.Seller(72);
        var ozonAnalytics = ozonSeller.AnalyticsOn(filter.From, filter.To, world.Ozon.NowUtc).ToList();
        foreach (var product in ozonSeller.Products)
        {
            var a = ozonAnalytics.Where(x => x.Sku == product.Sku).ToList();
            var row = funnel.Products.Single(p => p.Marketplace == MarketplaceKind.Ozon && p.Sku == product.Sku && p.Steps.Views is not null);
            Assert.Equal(new FunnelSteps(a.Sum(x => x.HitsView), a.Sum(x => x.HitsToCart), a.Sum(x => x.OrderedUnits), null), row.Steps);
            Assert.Equal((product.OfferId, product.Name), (row.Article, row.Name));
        }

        var basicAnalytics = world.Ozon.Seller(73).AnalyticsOn(filter.From, filter.To, world.Ozon.NowUtc).ToList();
        var withoutPlan = funnel.Products.Where(p => p.Marketplace == MarketplaceKind.Ozon && p.Steps.Views is null).ToList();
        Assert.Equal(world.Ozon.Seller(73).Products.Count, withoutPlan.Count);
        Assert.All(withoutPlan, p => Assert.Equal(new FunnelSteps(null, null, basicAnalytics.Where(x => x.Sku == p.Sku).Sum(x => x.OrderedUnits), null), p.Steps));
        Assert.Equal(wbSeller.Products.Count + ozonSeller.Products.Count + withoutPlan.Count, funnel.Products.Count);

        var (views, carts) = (wbFunnel.Sum(x => (long)x.OpenCount) + ozonAnalytics.Sum(x => x.HitsView), wbFunnel.Sum(x => (long)x.CartCount) + ozonAnalytics.Sum(x => x.HitsToCart));
        var (wbOrders, ozonOrders, basicOrders, buyouts) = (wbFunnel.Sum(x => (long)x.OrderCount), ozonAnalytics.Sum(x => (long)x.OrderedUnits), basicAnalytics.Sum(x => (long)x.OrderedUnits), wbFunnel.Sum(x => (long)x.BuyoutCount));
        Assert.Equal(new FunnelSteps(views, carts, wbOrders + ozonOrders + basicOrders, buyouts), funnel.Totals);
        Assert.Equal(Math.Round(100m * carts / views, 2), funnel.ViewToCart);
        Assert.Equal(Math.Round(100m * (wbOrders + ozonOrders) / carts, 2), funnel.CartToOrder); // the basic plan's orders have no carts to come from
        Assert.Equal(Math.Round(100m * buyouts / wbOrders, 2), funnel.OrderToBuyout);
        Assert.True(views > 0 && buyouts > 0 && wbOrders > 0 && ozonOrders > 0, "the stand-ins have a funnel in the period");

        Assert.Equal(days, funnel.Days.Select(d => d.Day));
        foreach (var day in funnel.Days)
        {
            Assert.Equal(wbFunnel.Where(x => x.Day == day.Day).Sum(x => (long)x.OpenCount) + ozonAnalytics.Where(x => x.Day == day.Day).Sum(x => x.HitsView), day.Views);
            Assert.Equal(wbFunnel.Where(x => x.Day == day.Day).Sum(x => (long)x.OrderCount) + ozonAnalytics.Concat(basicAnalytics).Where(x => x.Day == day.Day).Sum(x => x.OrderedUnits), day.Orders);
        }

        var steps = tables.Single(t => t.Id == "funnel-steps");
        Assert.Equal(new long?[] { views, carts, wbOrders + ozonOrders + basicOrders, buyouts }, steps.Rows.Select(r => (long?)r[1]));
        var products = tables.Single(t => t.Id == "funnel-products");
        Assert.Equal(funnel.Products.Count, products.Rows.Count);
        Assert.All(products.Rows.Where(r => (string)r[0]! == "Ozon"), r => Assert.Null(r[7])); // no buyouts from Ozon: empty, not 0

        // A brand and a category (the subject) select Wildberries products through their orders and cards; Ozon drops out.
        var subject = wbSeller.Products[0].Subject;
        var narrowed = DashboardFilter.Parse(q => q switch { "period" => "7d", "brand" => wbSeller.Products[0].Brand, "category" => subject, _ => null }, filter.To.AddDays(1));
        var (_, ofSubject, _) = await FunnelAsync(world, [wb, ozon, basic], narrowed);
        Assert.Equal(wbSeller.Products.Where(p => p.Subject == subject).Select(p => p.NmId).Order(), ofSubject.Products.Select(p => p.Sku).Order());
        Assert.Equal(wbFunnel.Where(x => x.Product.Subject == subject).Sum(x => (long)x.OrderCount), ofSubject.Totals.Orders);
    }

    [Fact]
    public async Task A_plan_without_views_a_token_without_analytics_and_an_account_not_collected_yet_are_each_explained()
    {
        await using var world = await MarketplaceWorld.StartAsync(AnalyticsEngineUnderTest.DuckDb, Wildberries, Ozon);
        var basic = await world.ConnectOzonSellerAsync(73, OzonPlan.Basic);
        var noAnalytics = await world.ConnectSellerAsync(74, world.Token(74, WildberriesCategories.All & ~WildberriesCategories.Analytics));
        var notYet = await world.ConnectOzonSellerAsync(75);
        Assert.Null(Assert.Single(await world.SyncAsync(basic, "ozon-analytics")).Problem);

        var filter = DashboardFilter.Parse(q => q == "period" ? "7d" : null, DateOnly.FromDateTime(world.Simulator.NowMoscow));
        var gaps = await world.InScopeAsync(async sp => await sp.GetRequiredService<DatasetCoverage>().GapsAsync(await AccountsAsync(sp, [basic, noAnalytics, notYet]), DatasetCoverage.Funnel, Ct));
        var (_, funnel, explained) = await FunnelAsync(world, [noAnalytics, notYet], filter);

        Assert.Equal(
            new (Guid, CoverageGap, string?)[] { (basic, CoverageGap.Notice, OzonAnalytics.FunnelNotAvailable), (noAnalytics, CoverageGap.MissingCategory, "analytics"), (notYet, CoverageGap.NotCollectedYet, null) },
            gaps.Select(g => (g.Account.Id, g.Gap, g.Detail)));
        Assert.True(funnel.IsEmpty);
        Assert.Equal(2, explained.Count);
        Assert.All(explained, e => Assert.False(string.IsNullOrWhiteSpace(e)));
    }

    [Fact]
    public async Task An_unknown_sku_leaves_every_table_empty()
    {
        await using var world = await MarketplaceWorld.StartAsync(AnalyticsEngineUnderTest.DuckDb, Wildberries, Ozon);
        var wb = await world.ConnectSellerAsync(71);
        Assert.Null(Assert.Single(await world.SyncAsync(wb, "wb-funnel")).Problem);

        var filter = DashboardFilter.Parse(q => q switch { "period" => "7d", "sku" => "999999999", _ => null }, DateOnly.FromDateTime(world.Simulator.NowMoscow));
        var (tables, funnel, _) = await FunnelAsync(world, [wb], filter);

        Assert.True(funnel.IsEmpty);
        Assert.All(tables, t => Assert.Empty(t.Rows));
    }

    private static async Task<IReadOnlyList<DashboardAccount>> AccountsAsync(IServiceProvider services, IEnumerable<Guid> ids)
    {
        var accounts = new List<DashboardAccount>();
        foreach (var id in ids)
        {
            accounts.Add(await services.GetRequiredService<DashboardScope>().OperatorViewAsync(id, Ct));
        }

        return accounts;
    }

    private static Task<(IReadOnlyList<DashboardTable> Tables, Funnel Funnel, IReadOnlyList<string> Gaps)> FunnelAsync(MarketplaceWorld world, IEnumerable<Guid> accounts, DashboardFilter filter) =>
        world.InScopeAsync(async sp =>
        {
            var dashboard = sp.GetRequiredService<FunnelDashboard>();
            var tables = await dashboard.TablesAsync(await AccountsAsync(sp, accounts), filter, Ct);
            return (tables, dashboard.Numbers!, dashboard.Gaps);
        });
}
