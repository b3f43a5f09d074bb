using Custodian.Modules.Marketplace.Accounts;
using Custodian.Modules.Marketplace.Collection;
using Custodian.Modules.Marketplace.Collection.Wildberries;
using Custodian.Modules.Marketplace.Sellers;
using Custodian.Modules.Marketplace.Stats;
using Custodian.Simulators.Wildberries;
using Custodian.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Marketplace.Tests;

/// <summary>
/// Issue 14, several instances: two instances on one PostgreSQL database collect into a two-shard ClickHouse cluster of
/// the test's own, one of whose shards is down for a round. That round tries every due dataset of every account, records
/// why each could not be stored on its checkpoint and goes on; once the shard is back the next round collects them,
/// and every account holds exactly the marketplace's rows, none twice.
/// </summary>
public sealed class ClickHouseShardOutageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_round_with_a_shard_down_records_each_datasets_failure_and_the_next_round_collects_them_once()
    {
        await using var cluster = await PrivateClickHouseCluster.StartNewAsync(Ct);
        var clock = new SettableClock(TimeProvider.System.GetUtcNow());
        await using var wildberries = await WildberriesSimulator.StartAsync(
            new WildberriesSimulatorOptions { RequestsPerWindow = 10_000, Products = 8 } /* 120 days of history: more than the first window */, null, clock, MarketplaceWorld.SigningKey, cancellationToken: Ct);
        var postgres = PostgresDatabase.NewConnectionString("outage");
        await using var dropped = new DroppedAtEnd(postgres);
        using var secrets = new TemporaryFolder();
        var masterKey = secrets.File("master.key");
        await File.WriteAllTextAsync(masterKey, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)), Ct);
        string[] args =
        [
            "--Database:Provider=Postgres", "--Database:ConnectionString=" + postgres, .. cluster.AnalyticsArgs($"custodian_{Guid.NewGuid():N}"),
            "--Privacy:MasterKeyFile=" + masterKey, "--Marketplace:Wildberries:BaseUrl=" + wildberries.BaseAddress, "--Marketplace:Wildberries:RequestsPerMinute:all=6000",
            "--Logging:LogLevel:Default=Critical",
        ];
        await using var first = await CustodianHost.Builder().WithClock(clock).WithArgs(args).BuildAsync(Ct);
        await using var second = await CustodianHost.Builder().WithClock(clock).WithArgs(args).BuildAsync(Ct);
        var perAccount = first.Get<MarketplaceDatasets>().All.Count(d => d.Marketplace == MarketplaceKind.Wildberries);
        int[] seeds = [3, 4, 5];
        var accounts = new Dictionary<int, Guid>();
        foreach (var seed in seeds)
        {
            accounts[seed] = await ConnectAsync(seed % 2 == 0 ? first : second, wildberries, clock, seed);
        }

        var windowStart = DateOnly.FromDateTime(wildberries.NowMoscow).AddDays(-WildberriesStatistics.FirstCollectionDays).ToDateTime(TimeOnly.MinValue);
        var collected = (await Task.WhenAll(RoundAsync(first), RoundAsync(second))).SelectMany(r => r).ToList();
        Assert.Equal(seeds.Length * perAccount, collected.Count);
        Assert.All(collected, o => Assert.True(o.Problem is null, $"{o.Dataset}: {o.Problem}"));

        clock.Advance(TimeSpan.FromDays(1)); // every dataset is due again, with new orders and changes to earlier ones
        await cluster.StopAsync(2, Ct);
        var duringOutage = (await Task.WhenAll(RoundAsync(first), RoundAsync(second))).SelectMany(r => r).ToList();

        // No round stopped at its first failing dataset: every due dataset of every account was tried (a dataset one
        // instance failed is still due, so the other instance's round tries it again).
        Assert.Equal(seeds.Length * perAccount, duringOutage.Select(o => (o.AccountId, o.Dataset)).Distinct().Count());
        Assert.All(duringOutage, o => Assert.False(string.IsNullOrWhiteSpace(o.Problem), $"{o.Dataset} reported no problem with shard 2 down"));
        await using (var scope = first.Scope())
        {
            var checkpoints = await scope.ServiceProvider.GetRequiredService<MarketplaceDb>().Checkpoints.AsNoTracking().ToListAsync(Ct);
            Assert.Equal(seeds.Length * perAccount, checkpoints.Count);
            Assert.All(checkpoints, c => Assert.False(string.IsNullOrWhiteSpace(c.LastError), $"{c.Dataset} of {c.AccountId}: no LastError"));
        }

        await cluster.StartAsync(2, Ct);
        var after = (await Task.WhenAll(RoundAsync(first), RoundAsync(second))).SelectMany(r => r).ToList();

        Assert.Equal(seeds.Length * perAccount, after.Count);
        Assert.All(after, o => Assert.True(o.Problem is null, $"{o.Dataset}: {o.Problem}"));
        foreach (var (seed, account) in accounts)
        {
            var now = wildberries.NowMoscow;
            var seller = wildberries.Seller(seed);
            var orders = seller.OrdersAt(now).Count(o => o.LastChangeDate > windowStart);
            var sales = seller.SalesAt(now).Count(s => s.LastChangeDate > windowStart);
            var stats = await StatsAsync(seed % 2 == 0 ? second : first, account);
            Assert.True(orders == stats["wb-orders"].Rows, $"seller {seed}: {orders} orders expected; " + string.Join("; ", stats.Values.Select(s => $"{s.Dataset} {s.Rows}/{s.DistinctKeys}")) + " | " + string.Join("; ", collected.Concat(after).Where(o => o.AccountId == account && o.Dataset == "wb-orders").Select(o => o.Rows)));
            Assert.Equal(sales, stats["wb-sales"].Rows);
            Assert.All(stats.Values, s => Assert.True(s.Rows == s.DistinctKeys, $"{s.Dataset} of seller {seed}: {s.Rows} rows, {s.DistinctKeys} distinct keys"));
            Assert.All(stats.Values, s => Assert.Null(s.LastError));
        }
    }

    private static async Task<Guid> ConnectAsync(CustodianHost host, WildberriesSimulator wildberries, TimeProvider clock, int seed)
    {
        await using var scope = host.Scope();
        var seller = await scope.ServiceProvider.GetRequiredService<AddSeller>().AddAsync($"seller{seed}.{Guid.NewGuid():N}@example.ru", null, "operator", true, Ct);
        var token = wildberries.Tokens.Issue(seed, WildberriesCategories.All, clock.GetUtcNow().AddDays(180));
        return (await scope.ServiceProvider.GetRequiredService<ConnectMarketplaceAccount>().ConnectWildberriesAsync(seller.Id, token, Ct)).Id;
    }

    /// <summary>One scheduled collection round of <paramref name="host"/>, as its background runner does it.</summary>
    private static async Task<IReadOnlyList<DatasetOutcome>> RoundAsync(CustodianHost host)
    {
        await using var scope = host.Scope();
        return await scope.ServiceProvider.GetRequiredService<SyncMarketplace>().RunAsync(null, null, null, null, onlyDue: true, Ct);
    }

    private static async Task<IReadOnlyDictionary<string, DatasetStats>> StatsAsync(CustodianHost host, Guid account)
    {
        await using var scope = host.Scope();
        return (await scope.ServiceProvider.GetRequiredService<AccountStats>().ForAsync(account, Ct)).ToDictionary(s => s.Dataset);
    }
}
