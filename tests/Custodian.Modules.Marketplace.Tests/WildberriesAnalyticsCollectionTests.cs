using Custodian.Modules.Marketplace.Collection.Wildberries;
using Custodian.Simulators.Wildberries;

namespace Custodian.Modules.Marketplace.Tests;

/// <summary>Stocks, prices, the sales funnel and returns, reconciled with the simulator's own numbers.</summary>
public sealed class WildberriesAnalyticsCollectionTests
{
    [Theory]
    [InlineData(AnalyticsEngineUnderTest.DuckDb)]
    [InlineData(AnalyticsEngineUnderTest.ClickHouse)]
    public async Task Stocks_and_prices_are_daily_snapshots_a_rerun_replaces_the_day_and_a_new_day_adds_history(AnalyticsEngineUnderTest engine)
    {
        await using var world = await MarketplaceWorld.StartAsync(engine, new WildberriesSimulatorOptions { RequestsPerWindow = 10_000, Products = 2100, Days = 1 });
        var account = await world.ConnectSellerAsync(21);
        var seller = world.Simulator.Seller(21);

        var stocks = Assert.Single(await world.SyncAsync(account, "wb-stocks"));
        var prices = Assert.Single(await world.SyncAsync(account, "wb-prices"));

        Assert.Null(stocks.Problem);
        Assert.Null(prices.Problem);
        var stockNow = seller.StocksAt(world.Simulator.NowMoscow).ToList();
        Assert.Equal(stockNow.Count, stocks.Rows);
        Assert.Equal(2100, prices.Rows); // three pages of 1000, one size each
        Assert.Equal(stockNow.Sum(s => s.Quantity), await world.SumAsync(WildberriesStocksAndPrices.Stocks, "quantity", account));
        Assert.Equal(seller.Products.Sum(p => WildberriesSellerData.PriceOf(p).Price), await world.SumAsync(WildberriesStocksAndPrices.Prices, "price", account));

        world.Clock.Advance(TimeSpan.FromHours(1)); // same Moscow day unless the test runs at 23:xx Moscow time
        var sameDay = DateOnly.FromDateTime(world.Simulator.NowMoscow) == DateOnly.FromDateTime(world.Simulator.NowMoscow.AddHours(-1));
        await world.SyncAsync(account, "wb-stocks");
        var later = seller.StocksAt(world.Simulator.NowMoscow).ToList();
        var afterRerun = (await world.StatsAsync(account))["wb-stocks"];
        Assert.Equal(afterRerun.Rows, afterRerun.DistinctKeys);
        if (sameDay)
        {
            Assert.Equal(stockNow.Count, afterRerun.Rows);
            Assert.Equal(later.Sum(s => s.Quantity), await world.SumAsync(WildberriesStocksAndPrices.Stocks, "quantity", account)); // the day shows the latest snapshot
        }

        world.Clock.Advance(TimeSpan.FromDays(1));
        await world.SyncAsync(account, "wb-stocks");
        var history = (await world.StatsAsync(account))["wb-stocks"];
        Assert.Equal(history.Rows, history.DistinctKeys);
        Assert.Equal(afterRerun.Rows + stockNow.Count, history.Rows);
        Assert.Equal(1, history.LastDay!.Value.DayNumber - history.FirstDay!.Value.DayNumber - (sameDay ? 0 : 1));
    }

    [Theory]
    [InlineData(AnalyticsEngineUnderTest.DuckDb)]
    [InlineData(AnalyticsEngineUnderTest.ClickHouse)]
    public async Task The_funnel_has_one_row_per_product_and_day_matching_the_orders_and_a_rerun_rereads_only_recent_days(AnalyticsEngineUnderTest engine)
    {
        await using var world = await MarketplaceWorld.StartAsync(engine, new WildberriesSimulatorOptions { RequestsPerWindow = 10_000, Products = 12, Days = 60 });
        var account = await world.ConnectSellerAsync(22);
        var seller = world.Simulator.Seller(22);
        var today = DateOnly.FromDateTime(world.Simulator.NowMoscow);
        var first = today.AddDays(-WildberriesSalesFunnel.FirstCollectionDays);

        var outcome = Assert.Single(await world.SyncAsync(account, "wb-funnel"));

        Assert.Null(outcome.Problem);
        var days = WildberriesSalesFunnel.FirstCollectionDays + 1;
        Assert.Equal(days * 12, outcome.Rows);
        var orders = seller.OrdersAt(world.Simulator.NowMoscow).Where(o => DateOnly.FromDateTime(o.OrderedAt) >= first).ToList();
        Assert.Equal(orders.Count, await world.SumAsync(WildberriesSalesFunnel.Funnel, "order_count", account));
        var stats = (await world.StatsAsync(account))["wb-funnel"];
        // The funnel's sums are whole rubles per product and day (integers in the published schema).
        Assert.Equal(orders.GroupBy(o => (o.Product.NmId, o.OrderedAt.Date)).Sum(g => WildberriesSimulator.Rubles(g.Sum(o => o.PriceWithDisc))), stats.Sums["order_sum"]);
        Assert.Equal(first, stats.FirstDay);
        Assert.Equal(today, stats.LastDay);

        var again = Assert.Single(await world.SyncAsync(account, "wb-funnel"));
        Assert.Equal((WildberriesSalesFunnel.RewindDays + 1) * 12, again.Rows);
        var after = (await world.StatsAsync(account))["wb-funnel"];
        Assert.Equal(days * 12, after.Rows);
        Assert.Equal(after.Rows, after.DistinctKeys);
    }

    [Fact]
    public async Task Returns_arrive_once_per_order_and_a_later_run_updates_their_status()
    {
        await using var world = await MarketplaceWorld.StartAsync(options: new WildberriesSimulatorOptions { RequestsPerWindow = 10_000, Products = 60, Days = 120 });
        var account = await world.ConnectSellerAsync(23);
        var seller = world.Simulator.Seller(23);
        var first = DateOnly.FromDateTime(world.Simulator.NowMoscow).AddDays(-WildberriesStatistics.FirstCollectionDays);

        var outcome = Assert.Single(await world.SyncAsync(account, "wb-returns"));

        Assert.Null(outcome.Problem);
        var expected = seller.ReturnsAt(world.Simulator.NowMoscow).Where(r => DateOnly.FromDateTime(r.ReadyAt) >= first).ToList();
        Assert.True(expected.Count > 10, "the simulated seller has returns");
        var stats = (await world.StatsAsync(account))["wb-returns"];
        Assert.Equal(expected.Count, stats.Rows);
        var waiting = expected.Count(r => r.CompletedAt is null);
        Assert.True(waiting > 0, "some returns are still waiting at the pickup point");

        world.Clock.Advance(TimeSpan.FromDays(6)); // every waiting return is handed over within five days
        await world.SyncAsync(account, "wb-returns");

        var later = seller.ReturnsAt(world.Simulator.NowMoscow).Where(r => DateOnly.FromDateTime(r.ReadyAt) >= first).ToList();
        var after = (await world.StatsAsync(account))["wb-returns"];
        Assert.Equal(later.Count, after.Rows);
        Assert.Equal(after.Rows, after.DistinctKeys);
        var store = world.Get<Privacy.Abstractions.Analytics.IAnalyticsStore>();
        var stillWaiting = await store.QueryAsync(Privacy.Abstractions.Analytics.AnalyticsQuery.Sql(
            $"SELECT count(*) AS n FROM {WildberriesReturns.Returns} WHERE account_id = {account.ToString("N")} AND completed_at IS NULL"), TestContext.Current.CancellationToken);
        Assert.Equal(later.Count(r => r.CompletedAt is null), Convert.ToInt64(stillWaiting.Scalar(), System.Globalization.CultureInfo.InvariantCulture));
    }
}
