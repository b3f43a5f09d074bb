using Custodian.Modules.Marketplace.Accounts;
using Custodian.Simulators;
using Custodian.Simulators.Wildberries;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Marketplace.Tests;

/// <summary>Collection from the Wildberries statistics feeds into each analytics engine, checked against the simulator's own data.</summary>
public abstract class WildberriesCollectionContract
{
    protected abstract AnalyticsEngineUnderTest Engine { get; }

    [Fact]
    public async Task A_sync_loads_every_order_and_sale_once_with_the_marketplaces_totals()
    {
        await using var world = await MarketplaceWorld.StartAsync(Engine, new WildberriesSimulatorOptions { RequestsPerWindow = 10_000, PageSize = 700 });
        var account = await world.ConnectSellerAsync(7);
        var other = await world.ConnectSellerAsync(8);
        var (orders, sales) = world.Expected(7);

        var outcomes = await world.SyncAsync();

        Assert.All(outcomes, o => Assert.Null(o.Problem));
        var stats = await world.StatsAsync(account);
        Assert.True(orders.Count > 2 * 700, "the data spans several pages");
        Assert.Equal(orders.Count, stats["wb-orders"].Rows);
        Assert.Equal(orders.Count, stats["wb-orders"].DistinctKeys);
        Assert.Equal(orders.Sum(o => o.FinishedPrice), stats["wb-orders"].Sums["finished_price"]);
        Assert.Equal(sales.Count, stats["wb-sales"].Rows);
        Assert.Equal(sales.Sum(s => s.ForPay), stats["wb-sales"].Sums["for_pay"]);
        Assert.Equal(world.Expected(8).Orders.Count, (await world.StatsAsync(other))["wb-orders"].Rows); // tenants kept apart

        await world.SyncAsync();

        var again = await world.StatsAsync(account);
        Assert.Equal(orders.Count, again["wb-orders"].Rows);
        Assert.Equal(sales.Count, again["wb-sales"].Rows);
    }

    [Fact]
    public async Task Later_changes_replace_the_rows_they_change()
    {
        await using var world = await MarketplaceWorld.StartAsync(Engine);
        var account = await world.ConnectSellerAsync(3);
        var windowStart = world.FirstWindowStart;
        await world.SyncAsync();
        var before = (await world.StatsAsync(account))["wb-orders"];

        world.Clock.Advance(TimeSpan.FromDays(3)); // new orders, and cancellations of earlier ones
        await world.SyncAsync();

        var (orders, sales) = world.Expected(3, windowStart);
        var loaded = (await world.StatsAsync(account))["wb-orders"];
        Assert.True(loaded.Rows > before.Rows, "orders of the new days arrived");
        Assert.Equal(orders.Count, loaded.Rows);
        Assert.Equal(loaded.Rows, loaded.DistinctKeys);
        Assert.Equal(orders.Sum(o => o.FinishedPrice), loaded.Sums["finished_price"]);
        Assert.Equal(sales.Sum(s => s.ForPay), (await world.StatsAsync(account))["wb-sales"].Sums["for_pay"]); // payouts filled in after the day of sale
    }
}

public sealed class WildberriesCollectionOnDuckDb : WildberriesCollectionContract
{
    protected override AnalyticsEngineUnderTest Engine => AnalyticsEngineUnderTest.DuckDb;
}

public sealed class WildberriesCollectionOnClickHouse : WildberriesCollectionContract
{
    protected override AnalyticsEngineUnderTest Engine => AnalyticsEngineUnderTest.ClickHouse;
}

public sealed class WildberriesCollectionOnClickHouseCluster : WildberriesCollectionContract
{
    protected override AnalyticsEngineUnderTest Engine => AnalyticsEngineUnderTest.ClickHouseCluster;
}

/// <summary>Faults and refusals, on the embedded engine.</summary>
public sealed class WildberriesFaultTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Server_errors_cut_bodies_duplicated_pages_and_rate_limits_end_with_the_same_totals()
    {
        var options = new WildberriesSimulatorOptions { PageSize = 400, RequestsPerWindow = 4, Window = TimeSpan.FromSeconds(1), DuplicatePageEvery = 3, ThrottleEvery = 7 };
        var faults = new SimulatedFaults { ServerErrorEvery = 4, TruncateEvery = 5 };
        await using var world = await MarketplaceWorld.StartAsync(AnalyticsEngineUnderTest.DuckDb, options, faults);
        var account = await world.ConnectSellerAsync(11);

        var outcomes = await world.SyncAsync(account);

        Assert.All(outcomes, o => Assert.True(o.Problem is null, o.Problem));
        var (orders, sales) = world.Expected(11);
        var stats = await world.StatsAsync(account);
        Assert.Equal(orders.Count, stats["wb-orders"].Rows);
        Assert.Equal(orders.Count, stats["wb-orders"].DistinctKeys);
        Assert.Equal(orders.Sum(o => o.TotalPrice), stats["wb-orders"].Sums["total_price"]);
        Assert.Equal(sales.Count, stats["wb-sales"].Rows);
        Assert.True(world.Simulator.Throttled > 0, "the simulator's rate limit was hit and honoured");
    }

    [Fact]
    public async Task A_token_that_stops_working_marks_the_account_and_stops_its_collection_without_retrying()
    {
        await using var world = await MarketplaceWorld.StartAsync();
        var account = await world.ConnectSellerAsync(5, world.Token(5, validFor: TimeSpan.FromHours(1)));
        world.Clock.Advance(TimeSpan.FromHours(2)); // the token expired at Wildberries

        var outcomes = await world.SyncAsync();

        var failed = Assert.Single(outcomes);
        Assert.Contains("key rejected", failed.Problem, StringComparison.Ordinal);
        var stored = await world.InScopeAsync(sp => sp.GetRequiredService<MarketplaceDb>().Accounts.AsNoTracking().SingleAsync(a => a.Id == account, Ct));
        Assert.Equal(AccountStatus.KeyRejected, stored.Status);
        Assert.Empty(await world.SyncAsync()); // no retry storm: the account waits for a new key
    }

    [Theory]
    [InlineData("not a token at all")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.eyJzIjozMn0.forged-signature-forged-signature")]
    public async Task A_token_wildberries_refuses_is_not_saved(string token)
    {
        await using var world = await MarketplaceWorld.StartAsync();

        var error = await Assert.ThrowsAsync<MarketplaceInputException>(() => world.ConnectSellerAsync(1, token));

        Assert.Equal("wildberries-token", error.Field);
        Assert.DoesNotContain(token, error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await world.InScopeAsync(sp => sp.GetRequiredService<MarketplaceDb>().Accounts.CountAsync(Ct)));
    }

    [Fact]
    public async Task Expired_tokens_and_tokens_without_statistics_are_refused_before_any_call()
    {
        await using var world = await MarketplaceWorld.StartAsync();

        var expired = await Assert.ThrowsAsync<MarketplaceInputException>(() => world.ConnectSellerAsync(1, world.Simulator.Tokens.Issue(1, WildberriesCategories.All, world.Clock.GetUtcNow().AddDays(-1))));
        var narrow = await Assert.ThrowsAsync<MarketplaceInputException>(() => world.ConnectSellerAsync(1, world.Token(1, WildberriesCategories.Content)));

        Assert.Contains("expired", expired.Message, StringComparison.Ordinal);
        Assert.Contains("Statistics", narrow.Message, StringComparison.Ordinal);
    }
}
