using Custodian.Modules.Marketplace.Accounts;
using Custodian.Modules.Marketplace.Collection.Wildberries;
using Custodian.Modules.Marketplace.Dashboards;
using Custodian.Privacy.Abstractions.Analytics;
using Custodian.Simulators.Ozon;
using Custodian.Simulators.Wildberries;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Custodian.Modules.Marketplace.Dashboards.AnalyticsRows;

namespace Custodian.Modules.Marketplace.Tests;

/// <summary>
/// The daily totals the dashboards read stay equal to the facts they add up: after the first collection, after later
/// collections that load rows again and add new days, when a fact moves to another brand, and after a rebuild.
/// </summary>
public sealed class DailyTotalsTests
{
    private static readonly WildberriesSimulatorOptions Wildberries = new() { RequestsPerWindow = 10_000, PageSize = 5_000 };
    private static readonly OzonSimulatorOptions Ozon = new() { RequestsPerSecond = 10_000, AnalyticsPerMinute = 10_000 };
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(AnalyticsEngineUnderTest.DuckDb)]
    [InlineData(AnalyticsEngineUnderTest.ClickHouse)]
    public async Task The_overview_equals_the_facts_after_the_first_collection_and_after_collections_that_load_rows_again(AnalyticsEngineUnderTest engine)
    {
        await using var world = await MarketplaceWorld.StartAsync(engine, Wildberries, Ozon);
        var wildberries = await world.ConnectSellerAsync(91);
        var ozon = await world.ConnectOzonSellerAsync(92);
        Assert.All(await world.SyncAsync(), o => Assert.Null(o.Problem));
        await AssertOverviewEqualsFactsAsync(world, wildberries, ozon);

        world.Clock.Set(world.Clock.GetUtcNow().AddDays(2)); // new days, and the feeds' rewinds load the last days again
        Assert.All(await world.SyncAsync(), o => Assert.Null(o.Problem));
        await AssertOverviewEqualsFactsAsync(world, wildberries, ozon);
    }

    [Theory]
    [InlineData(AnalyticsEngineUnderTest.DuckDb)]
    [InlineData(AnalyticsEngineUnderTest.ClickHouse)]
    public async Task An_order_loaded_again_under_another_brand_leaves_its_old_brand_and_counts_once(AnalyticsEngineUnderTest engine)
    {
        await using var world = await MarketplaceWorld.StartAsync(engine, Wildberries, Ozon);
        var account = await world.ConnectSellerAsync(93);
        Assert.All(await world.SyncAsync(account), o => Assert.Null(o.Problem));
        var today = DateOnly.FromDateTime(world.Simulator.NowMoscow);
        DashboardFilter Filter(string? brandName) => DashboardFilter.Parse(name => name switch { "period" => "90d", "brand" => brandName, _ => null }, today);
        var columns = WildberriesTables.Orders.Columns.Select(c => c.Name).ToList();
        var order = await world.InScopeAsync(async services => (await services.GetRequiredService<IAnalyticsStore>().QueryAsync(
            AnalyticsQuery.Sql($"SELECT * FROM {WildberriesTables.Orders} WHERE account_id = {account.ToString("N")} AND day_local BETWEEN {Filter(null).From} AND {Filter(null).To} ORDER BY day_local DESC, srid LIMIT 1"), Ct)).Rows[0]);
        var brand = Text(order[columns.IndexOf("brand")]);
        var before = (await OverviewAsync(world, [account], Filter(brand))).Totals.Orders;
        var all = (await OverviewAsync(world, [account], Filter(null))).Totals.Orders;

        await world.InScopeAsync(async services =>
        {
            order[columns.IndexOf("brand")] = "Moved brand";
            order[columns.IndexOf("loaded_at")] = Instant(order[columns.IndexOf("loaded_at")]).AddSeconds(1);
            await services.GetRequiredService<IAnalyticsStore>().UpsertAsync(WildberriesTables.Orders, new[] { order }.ToAsyncEnumerable(), Ct);
            await services.GetRequiredService<DailyTotalsRefresh>().RefreshAsync(account, "wb-orders", [Day(order[columns.IndexOf("day_local")])], Ct);
            return 0;
        });

        Assert.Equal(before - 1, (await OverviewAsync(world, [account], Filter(brand))).Totals.Orders);
        Assert.Equal(1, (await OverviewAsync(world, [account], Filter("Moved brand"))).Totals.Orders);
        Assert.Equal(all, (await OverviewAsync(world, [account], Filter(null))).Totals.Orders);
    }

    [Fact]
    public async Task Days_stored_by_a_run_that_stopped_before_adding_them_up_are_added_up_at_the_next_run()
    {
        await using var world = await MarketplaceWorld.StartAsync(AnalyticsEngineUnderTest.DuckDb, Wildberries, Ozon);
        var account = await world.ConnectSellerAsync(97);
        Assert.All(await world.SyncAsync(account), o => Assert.Null(o.Problem));
        var today = DateOnly.FromDateTime(world.Simulator.NowMoscow);
        var filter = DashboardFilter.Parse(name => name == "period" ? "90d" : null, today);
        var columns = WildberriesTables.Orders.Columns.Select(c => c.Name).ToList();
        var before = (await OverviewAsync(world, [account], filter)).Totals.Orders;

        // A row stored, and its day left pending on the checkpoint, as a run that was stopped after the batch leaves them.
        await world.InScopeAsync(async services =>
        {
            var store = services.GetRequiredService<IAnalyticsStore>();
            var order = (await store.QueryAsync(AnalyticsQuery.Sql($"SELECT * FROM {WildberriesTables.Orders} WHERE account_id = {account.ToString("N")} AND day_local BETWEEN {filter.From} AND {filter.To} ORDER BY srid LIMIT 1"), Ct)).Rows[0];
            order[columns.IndexOf("srid")] = "stored-but-not-counted";
            await store.UpsertAsync(WildberriesTables.Orders, new[] { order }.ToAsyncEnumerable(), Ct);
            var db = services.GetRequiredService<MarketplaceDb>();
            var checkpoint = await db.Checkpoints.SingleAsync(c => c.AccountId == account && c.Dataset == "wb-orders", Ct);
            checkpoint.AddTotalsPending([Day(order[columns.IndexOf("day_local")])]);
            return await db.SaveChangesAsync(Ct);
        });
        Assert.Equal(before, (await OverviewAsync(world, [account], filter)).Totals.Orders);

        await world.SyncAsync(account, "wb-cards"); // another dataset's run leaves the orders' pending days alone
        Assert.Equal(before, (await OverviewAsync(world, [account], filter)).Totals.Orders);
        await world.SyncAsync(account, "wb-orders"); // the orders' next run adds them up first

        Assert.Equal(before + 1, (await OverviewAsync(world, [account], filter)).Totals.Orders);
        var pending = await world.InScopeAsync(s => s.GetRequiredService<MarketplaceDb>().Checkpoints.AsNoTracking().Where(c => c.AccountId == account).Select(c => c.TotalsPendingDays).ToListAsync(Ct));
        Assert.All(pending, Assert.Null);
    }

    [Theory]
    [InlineData(AnalyticsEngineUnderTest.DuckDb)]
    [InlineData(AnalyticsEngineUnderTest.ClickHouse)]
    public async Task One_skus_overview_and_products_row_equal_its_facts(AnalyticsEngineUnderTest engine)
    {
        await using var world = await MarketplaceWorld.StartAsync(engine, Wildberries, Ozon);
        var wildberries = await world.ConnectSellerAsync(98);
        Assert.All(await world.SyncAsync(), o => Assert.Null(o.Problem));
        var today = DateOnly.FromDateTime(world.Simulator.NowMoscow);
        var sku = world.Simulator.Seller(98).Products[2].NmId;
        var filter = DashboardFilter.Parse(name => name switch { "period" => "90d", "sku" => sku.ToString(System.Globalization.CultureInfo.InvariantCulture), _ => null }, today);

        var overview = await OverviewAsync(world, [wildberries], filter);
        var (orders, sales) = await world.InScopeAsync(async services =>
        {
            var store = services.GetRequiredService<IAnalyticsStore>();
            var tenant = wildberries.ToString("N");
            var o = Long((await store.QueryAsync(AnalyticsQuery.Sql($"SELECT count(*) FROM {WildberriesTables.Orders} WHERE account_id = {tenant} AND nm_id = {sku} AND day_local BETWEEN {filter.From} AND {filter.To}"), Ct)).Scalar());
            var s = Long((await store.QueryAsync(AnalyticsQuery.Sql($"SELECT count(*) FROM {WildberriesTables.Sales} WHERE account_id = {tenant} AND nm_id = {sku} AND kind = 'sale' AND day_local BETWEEN {filter.From} AND {filter.To}"), Ct)).Scalar());
            return (o, s);
        });
        var product = await world.InScopeAsync(async services => (await services.GetRequiredService<ProductFacts>().LoadAsync(
            [await services.GetRequiredService<DashboardScope>().OperatorViewAsync(wildberries, Ct)], filter, Ct)).Facts.Single(f => f.Sku == sku));

        Assert.True(orders > 0, "the SKU has orders in the period");
        Assert.Equal((orders, sales), (overview.Totals.Orders, overview.Totals.Sales));
        Assert.Equal((orders, sales), (product.Orders, product.Sales));
        Assert.Equal(overview.Totals.Revenue, product.Revenue);
    }

    [Fact]
    public async Task An_account_whose_totals_are_outdated_or_lost_is_rebuilt_at_its_next_collection()
    {
        await using var world = await MarketplaceWorld.StartAsync(AnalyticsEngineUnderTest.DuckDb, Wildberries, Ozon);
        var wildberries = await world.ConnectSellerAsync(94);
        var ozon = await world.ConnectOzonSellerAsync(95);
        Assert.All(await world.SyncAsync(), o => Assert.Null(o.Problem));
        var today = DateOnly.FromDateTime(world.Simulator.NowMoscow);
        var filter = DashboardFilter.Parse(name => name == "period" ? "90d" : null, today);
        var collected = await OverviewAsync(world, [wildberries, ozon], filter);

        await world.InScopeAsync(async services =>
        {
            await services.GetRequiredService<IAnalyticsStore>().DropTableAsync(DailyTotals.Table, Ct);
            return await services.GetRequiredService<MarketplaceDb>().Accounts.ExecuteUpdateAsync(a => a.SetProperty(x => x.DailyTotalsVersion, 0), Ct);
        });
        Assert.True((await OverviewAsync(world, [wildberries, ozon], filter)).Totals.IsEmpty, "without totals the overview is empty");

        await world.SyncAsync(wildberries, "wb-cards"); // any collection of the account rebuilds its totals first
        Assert.Equal(1, await world.InScopeAsync(s => s.GetRequiredService<MarketplaceDb>().Accounts.Where(a => a.Id == wildberries).Select(a => a.DailyTotalsVersion).SingleAsync(Ct)));

        // An account the round does not collect (its key was rejected) is rebuilt by a scheduled round all the same.
        await world.InScopeAsync(s => s.GetRequiredService<MarketplaceDb>().Accounts.Where(a => a.Id == ozon).ExecuteUpdateAsync(a => a.SetProperty(x => x.Status, AccountStatus.KeyRejected), Ct));
        await world.InScopeAsync(async s => (await s.GetRequiredService<Collection.SyncMarketplace>().RunAsync(null, null, null, null, onlyDue: true, Ct)).Count);
        Assert.Equal(collected, await OverviewAsync(world, [wildberries, ozon], filter), OverviewComparer.Instance);
    }

    /// <summary>The Overview of the last 90 days, totals and each day, against hand-written SQL over the facts.</summary>
    private static async Task AssertOverviewEqualsFactsAsync(MarketplaceWorld world, Guid wildberries, Guid ozon)
    {
        var today = DateOnly.FromDateTime(world.Simulator.NowMoscow);
        var filter = DashboardFilter.Parse(name => name == "period" ? "90d" : null, today);
        var overview = await OverviewAsync(world, [wildberries, ozon], filter);
        var facts = await world.InScopeAsync(services => FactsByDayAsync(services.GetRequiredService<IAnalyticsStore>(), wildberries.ToString("N"), ozon.ToString("N"), filter));
        Assert.True(overview.Totals.Orders > 0 && overview.Totals.Sales > 0, "the period has orders and sales");
        foreach (var day in overview.Days)
        {
            Assert.Equal(facts.GetValueOrDefault(day.Day, OverviewNumbers.Zero), day.Numbers);
        }

        Assert.Equal(facts.Values.Aggregate(OverviewNumbers.Zero, (sum, d) => sum.Add(d)), overview.Totals);
    }

    private static async Task<Dictionary<DateOnly, OverviewNumbers>> FactsByDayAsync(IAnalyticsStore store, string wb, string oz, DashboardFilter f)
    {
        var byDay = new Dictionary<DateOnly, OverviewNumbers>();
        async Task AddAsync(FormattableString sql, Func<object?[], OverviewNumbers> numbers)
        {
            foreach (var row in (await store.QueryAsync(AnalyticsQuery.Sql(sql), Ct)).Rows)
            {
                byDay[Day(row[0])] = byDay.GetValueOrDefault(Day(row[0]), OverviewNumbers.Zero).Add(numbers(row));
            }
        }

        await AddAsync(
            $"SELECT day_local, count(*), sum(CASE WHEN is_cancel THEN 1 ELSE 0 END) FROM {WildberriesTables.Orders} WHERE account_id = {wb} AND day_local BETWEEN {f.From} AND {f.To} GROUP BY day_local",
            r => OverviewNumbers.Zero with { Orders = Long(r[1]), Cancelled = Long(r[2]), Units = Long(r[1]) });
        await AddAsync(
            $"SELECT day_local, sum(CASE WHEN kind = 'sale' THEN 1 ELSE 0 END), sum(CASE WHEN kind = 'return' THEN 1 ELSE 0 END), sum(CASE WHEN kind = 'sale' THEN abs(price_with_disc) WHEN kind = 'return' THEN -abs(price_with_disc) ELSE 0 END), sum(CASE WHEN kind = 'sale' THEN abs(for_pay) WHEN kind = 'return' THEN -abs(for_pay) ELSE 0 END) FROM {WildberriesTables.Sales} WHERE account_id = {wb} AND day_local BETWEEN {f.From} AND {f.To} GROUP BY day_local",
            r => OverviewNumbers.Zero with { Sales = Long(r[1]), Returns = Long(r[2]), Revenue = Decimal(r[3]), Payout = Decimal(r[4]) });
        foreach (var postings in new[] { Collection.Ozon.OzonPostings.Fbo, Collection.Ozon.OzonPostings.Fbs })
        {
            await AddAsync(
                $"SELECT day_local, count(DISTINCT posting_number), count(DISTINCT CASE WHEN status = 'cancelled' THEN posting_number END), sum(quantity) FROM {postings} WHERE account_id = {oz} AND day_local BETWEEN {f.From} AND {f.To} GROUP BY day_local",
                r => OverviewNumbers.Zero with { Orders = Long(r[1]), Cancelled = Long(r[2]), Units = Long(r[3]) });
        }

        await AddAsync(
            $"SELECT day_local, count(*), sum(accruals_for_sale), sum(amount) FROM {Collection.Ozon.OzonTransactions.Transactions} WHERE account_id = {oz} AND operation_type = 'OperationAgentDeliveredToCustomer' AND day_local BETWEEN {f.From} AND {f.To} GROUP BY day_local",
            r => OverviewNumbers.Zero with { Sales = Long(r[1]), Revenue = Decimal(r[2]), Payout = Decimal(r[3]) });
        await AddAsync(
            $"SELECT day_local, sum(quantity), sum(price * quantity) FROM {Collection.Ozon.OzonReturns.Returns} WHERE account_id = {oz} AND day_local BETWEEN {f.From} AND {f.To} GROUP BY day_local",
            r => OverviewNumbers.Zero with { Returns = Long(r[1]), Revenue = -Decimal(r[2]) });
        return byDay;
    }

    private static Task<Overview> OverviewAsync(MarketplaceWorld world, IReadOnlyList<Guid> accounts, DashboardFilter filter) =>
        world.InScopeAsync(async services =>
        {
            var scope = services.GetRequiredService<DashboardScope>();
            var views = new List<DashboardAccount>();
            foreach (var account in accounts)
            {
                views.Add(await scope.OperatorViewAsync(account, Ct));
            }

            return await services.GetRequiredService<OverviewQuery>().RunAsync(views, filter, Ct);
        });

    /// <summary>Two Overviews are equal when every day and the totals are.</summary>
    private sealed class OverviewComparer : IEqualityComparer<Overview>
    {
        public static readonly OverviewComparer Instance = new();

        public bool Equals(Overview? x, Overview? y) => x is not null && y is not null && x.Days.SequenceEqual(y.Days) && x.Totals == y.Totals && x.Previous == y.Previous;

        public int GetHashCode(Overview obj) => obj.Totals.GetHashCode();
    }
}
