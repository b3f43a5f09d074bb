using Custodian.Modules.Marketplace.Accounts;
using Custodian.Modules.Marketplace.Collection.Ozon;
using Custodian.Privacy.Abstractions.Analytics;
using Custodian.Simulators.Ozon;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Marketplace.Tests;

/// <summary>Every Ozon dataset collected over real HTTP from the Ozon stand-in, reconciled with its own data.</summary>
public sealed class OzonCollectionTests
{
    private static readonly OzonSimulatorOptions Fast = new() { RequestsPerSecond = 10_000, AnalyticsPerMinute = 10_000 };

    [Theory]
    [InlineData(AnalyticsEngineUnderTest.DuckDb)]
    [InlineData(AnalyticsEngineUnderTest.ClickHouse)]
    public async Task Every_dataset_matches_the_marketplace_and_a_second_sync_duplicates_nothing(AnalyticsEngineUnderTest engine)
    {
        await using var world = await MarketplaceWorld.StartAsync(engine, null, Fast);
        var account = await world.ConnectOzonSellerAsync(31);
        var seller = world.Ozon.Seller(31);
        var now = world.Ozon.NowUtc;
        var first = now.Date.AddDays(-OzonPostings.FirstCollectionDays);

        var outcomes = await world.SyncAsync(account);

        Assert.All(outcomes, o => Assert.Null(o.Problem));
        Assert.All(outcomes, o => Assert.Null(o.Notice));
        Assert.Equal(10, outcomes.Count);
        var stats = await world.StatsAsync(account);
        var postings = seller.PostingsAt(now).Where(p => p.CreatedAt >= first).ToList();
        Assert.Equal(seller.Products.Count, stats["ozon-products"].Rows);
        Assert.Equal(seller.Products.Count * 2, stats["ozon-stocks"].Rows);
        Assert.Equal(seller.Products.Count, stats["ozon-prices"].Rows);
        Assert.Equal(postings.Count(p => p.Scheme == "fbo"), stats["ozon-fbo"].Rows);
        Assert.Equal(postings.Where(p => p.Scheme == "fbo").Sum(p => p.Payout), stats["ozon-fbo"].Sums["payout"]);
        Assert.Equal(postings.Count(p => p.Scheme == "fbs"), stats["ozon-fbs"].Rows);
        Assert.Equal(postings.Where(p => p.Scheme == "fbs").Sum(p => p.Commission), stats["ozon-fbs"].Sums["commission_amount"]);
        var transactions = seller.TransactionsAt(now).Where(t => t.At >= first).ToList();
        Assert.Equal(transactions.Count, stats["ozon-finance"].Rows);
        Assert.Equal(transactions.Sum(t => t.Amount), stats["ozon-finance"].Sums["amount"]);
        Assert.Equal(seller.ReturnsAt(now).Count(r => r.ReturnedAt >= first), stats["ozon-returns"].Rows);
        var today = DateOnly.FromDateTime(now.AddHours(3));
        var analytics = seller.AnalyticsOn(today.AddDays(-OzonAnalytics.FirstCollectionDays), today, now).ToList();
        Assert.Equal(analytics.Count, stats["ozon-analytics"].Rows);
        Assert.Equal(analytics.Sum(a => a.Revenue), stats["ozon-analytics"].Sums["revenue"]);
        Assert.Equal(analytics.Sum(a => a.HitsView), await world.SumAsync(OzonAnalytics.Analytics, "hits_view", account));
        Assert.Equal(3, stats["ozon-rating"].Rows);
        var reviews = seller.ReviewsAt(now).ToList();
        Assert.Equal(reviews.Count, stats["ozon-reviews"].Rows);
        Assert.Equal(reviews.Count, await world.InScopeAsync(sp => sp.GetRequiredService<MarketplaceDb>().BuyerReviews.CountAsync(r => r.AccountId == account, TestContext.Current.CancellationToken)));

        world.Clock.Advance(TimeSpan.FromHours(7)); // statuses move on; new postings, operations, reviews
        Assert.All(await world.SyncAsync(account), o => Assert.Null(o.Problem));

        var after = await world.StatsAsync(account);
        Assert.All(after.Values, s => Assert.Equal(s.Rows, s.DistinctKeys));
        // What the store must hold now: every posting seen, in its latest state (the simulated history window may have moved past a day).
        var latest = postings.Concat(seller.PostingsAt(world.Ozon.NowUtc).Where(p => p.CreatedAt >= first)).GroupBy(p => p.PostingNumber).Select(g => g.Last()).ToList();
        Assert.Equal(latest.Count(p => p.Scheme == "fbs"), after["ozon-fbs"].Rows);
        Assert.Equal(latest.Where(p => p.Scheme == "fbs").Sum(p => p.Payout), after["ozon-fbs"].Sums["payout"]); // delivered since: payouts updated in place
        Assert.Equal(latest.Where(p => p.Scheme == "fbo").Sum(p => p.Payout), after["ozon-fbo"].Sums["payout"]);
        Assert.Equal(reviews.Concat(seller.ReviewsAt(world.Ozon.NowUtc)).Select(r => r.Id).Distinct().Count(), after["ozon-reviews"].Rows);
    }

    [Fact]
    public async Task Fbs_postings_without_created_at_as_Ozon_sends_them_load_dated_by_in_process_at_and_none_is_rejected()
    {
        await using var world = await MarketplaceWorld.StartAsync(AnalyticsEngineUnderTest.DuckDb, null, Fast);
        var account = await world.ConnectOzonSellerAsync(33);

        var outcome = Assert.Single(await world.SyncAsync(account, "ozon-fbs"));

        var stats = (await world.StatsAsync(account))["ozon-fbs"];
        Assert.Null(outcome.Problem);
        Assert.Equal(0, outcome.Rejected);
        Assert.True(outcome.Rows > 0, "the stand-in's FBS postings were read");
        Assert.Equal(outcome.Rows, stats.Rows);
        Assert.Equal(0, stats.Rejected);
    }

    [Fact]
    public async Task Returns_whose_ids_come_as_strings_as_Ozon_publishes_them_are_all_collected_and_none_is_rejected()
    {
        await using var world = await MarketplaceWorld.StartAsync(AnalyticsEngineUnderTest.DuckDb, null, Fast);
        var account = await world.ConnectOzonSellerAsync(35);

        var outcome = Assert.Single(await world.SyncAsync(account, "ozon-returns"));

        var first = world.Ozon.NowUtc.Date.AddDays(-OzonPostings.FirstCollectionDays);
        var expected = world.Ozon.Seller(35).ReturnsAt(world.Ozon.NowUtc).Count(r => r.ReturnedAt >= first);
        Assert.True(expected > 0, "the simulated seller has returns");
        Assert.Null(outcome.Problem);
        Assert.Equal(0, outcome.Rejected);
        Assert.Equal(expected, (await world.StatsAsync(account))["ozon-returns"].Rows);
    }

    [Fact]
    public async Task Fbs_postings_name_their_warehouse_as_the_v3_list_does()
    {
        await using var world = await MarketplaceWorld.StartAsync(AnalyticsEngineUnderTest.DuckDb, null, Fast);
        var account = await world.ConnectOzonSellerAsync(36);

        await world.SyncAsync(account, "ozon-fbs");

        var rows = await world.Get<IAnalyticsStore>().QueryAsync(AnalyticsQuery.Sql($"SELECT warehouse_name FROM {OzonPostings.Fbs} WHERE account_id = {account.ToString("N")}"), TestContext.Current.CancellationToken);
        Assert.NotEmpty(rows.Rows);
        Assert.All(rows.Rows, r => Assert.False(string.IsNullOrEmpty(r[0] as string), "analytics_data.warehouse is read"));
    }

    [Fact]
    public async Task Buyer_names_phones_and_addresses_in_fbs_answers_are_never_stored()
    {
        await using var world = await MarketplaceWorld.StartAsync(AnalyticsEngineUnderTest.DuckDb, null, Fast);
        var account = await world.ConnectOzonSellerAsync(32);

        await world.SyncAsync(account, "ozon-fbs");

        var buyers = world.Ozon.Seller(32).PostingsAt(world.Ozon.NowUtc).Where(p => p.Buyer is not null).Select(p => p.Buyer!).ToList();
        Assert.NotEmpty(buyers);
        var store = world.Get<IAnalyticsStore>();
        var rows = await store.QueryAsync(AnalyticsQuery.Sql($"SELECT * FROM {OzonPostings.Fbs} WHERE account_id = {account.ToString("N")}"), TestContext.Current.CancellationToken);
        Assert.NotEmpty(rows.Rows);
        var values = rows.Rows.SelectMany(r => r).OfType<string>().ToList();
        Assert.DoesNotContain(values, v => buyers.Any(b => v.Contains(b.Name, StringComparison.Ordinal) || v.Contains(b.Phone, StringComparison.Ordinal) || v.Contains(b.Address, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task On_a_basic_plan_the_funnel_and_reviews_are_reported_not_available_and_the_rest_is_collected()
    {
        await using var world = await MarketplaceWorld.StartAsync(AnalyticsEngineUnderTest.DuckDb, null, Fast);
        var account = await world.ConnectOzonSellerAsync(33, OzonPlan.Basic);

        var analytics = Assert.Single(await world.SyncAsync(account, "ozon-analytics"));
        var reviews = Assert.Single(await world.SyncAsync(account, "ozon-reviews"));

        Assert.Null(analytics.Problem);
        Assert.Equal(OzonAnalytics.FunnelNotAvailable, analytics.Notice);
        Assert.True(analytics.Rows > 0);
        Assert.True(await world.SumAsync(OzonAnalytics.Analytics, "revenue", account) > 0);
        Assert.Equal(0, await world.SumAsync(OzonAnalytics.Analytics, "hits_view", account)); // null, not invented
        Assert.Null(reviews.Problem);
        Assert.Equal(OzonReviews.NotAvailable, reviews.Notice);
        var state = await world.InScopeAsync(sp => sp.GetRequiredService<MarketplaceDb>().Accounts.SingleAsync(a => a.Id == account, TestContext.Current.CancellationToken));
        Assert.Equal(AccountStatus.Active, state.Status);
    }

    [Fact]
    public async Task A_key_without_the_role_for_one_report_gets_a_notice_for_it_and_the_rest_is_collected()
    {
        await using var world = await MarketplaceWorld.StartAsync(AnalyticsEngineUnderTest.DuckDb, null, Fast with { ClosedMethods = ["/v3/finance/transaction/list"] });
        var account = await world.ConnectOzonSellerAsync(37);

        var outcomes = (await world.SyncAsync(account)).ToDictionary(o => o.Dataset);

        Assert.All(outcomes.Values, o => Assert.Null(o.Problem));
        Assert.Contains("/v3/finance/transaction/list", outcomes["ozon-finance"].Notice, StringComparison.Ordinal);
        Assert.Equal(0, outcomes["ozon-finance"].Rows);
        Assert.True(outcomes["ozon-fbo"].Rows > 0);
        var state = await world.InScopeAsync(sp => sp.GetRequiredService<MarketplaceDb>().Accounts.SingleAsync(a => a.Id == account, TestContext.Current.CancellationToken));
        Assert.Equal(AccountStatus.Active, state.Status);
    }

    [Fact]
    public async Task Products_stocks_and_prices_page_through_a_large_assortment()
    {
        await using var world = await MarketplaceWorld.StartAsync(AnalyticsEngineUnderTest.DuckDb, null, Fast with { Products = 2500, Days = 1 });
        var account = await world.ConnectOzonSellerAsync(34);

        var products = Assert.Single(await world.SyncAsync(account, "ozon-products"));
        var stocks = Assert.Single(await world.SyncAsync(account, "ozon-stocks"));
        var prices = Assert.Single(await world.SyncAsync(account, "ozon-prices"));

        Assert.Equal(2500, products.Rows);
        Assert.Equal(5000, stocks.Rows);
        Assert.Equal(2500, prices.Rows);
        Assert.Equal(world.Ozon.Seller(34).Products.Sum(p => p.Price), await world.SumAsync(OzonSnapshot.Prices, "price", account));
    }

    [Fact]
    public async Task A_deactivated_key_stops_the_account_and_wrong_keys_are_refused_before_anything_is_stored()
    {
        await using var world = await MarketplaceWorld.StartAsync(AnalyticsEngineUnderTest.DuckDb, null, Fast);
        var account = await world.ConnectOzonSellerAsync(35);
        world.Ozon.Keys.Revoke(world.Ozon.Keys.Issue(35).ClientId);

        var outcome = Assert.Single(await world.SyncAsync(account));

        Assert.StartsWith("key rejected", outcome.Problem, StringComparison.Ordinal);
        Assert.Contains("deactivated", outcome.Problem, StringComparison.Ordinal);
        var before = await world.InScopeAsync(sp => sp.GetRequiredService<MarketplaceDb>().Accounts.CountAsync(TestContext.Current.CancellationToken));
        await world.InScopeAsync(async sp =>
        {
            var seller = await sp.GetRequiredService<MarketplaceDb>().Sellers.FirstAsync(TestContext.Current.CancellationToken);
            var connect = sp.GetRequiredService<ConnectMarketplaceAccount>();
            var (clientId, _) = world.Ozon.Keys.Issue(36);
            var wrong = await Assert.ThrowsAsync<MarketplaceInputException>(() => connect.ConnectOzonAsync(seller.Id, clientId, Guid.NewGuid().ToString(), TestContext.Current.CancellationToken));
            Assert.Contains("refused", wrong.Message, StringComparison.Ordinal);
            await Assert.ThrowsAsync<MarketplaceInputException>(() => connect.ConnectOzonAsync(seller.Id, "12ab", Guid.NewGuid().ToString(), TestContext.Current.CancellationToken));
            await Assert.ThrowsAsync<MarketplaceInputException>(() => connect.ConnectOzonAsync(seller.Id, clientId, "not-a-key", TestContext.Current.CancellationToken));
            return 0;
        });
        Assert.Equal(before, await world.InScopeAsync(sp => sp.GetRequiredService<MarketplaceDb>().Accounts.CountAsync(TestContext.Current.CancellationToken)));
    }
}
