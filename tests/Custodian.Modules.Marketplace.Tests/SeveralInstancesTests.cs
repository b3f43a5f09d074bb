using Custodian.Modules.Marketplace.Accounts;
using Custodian.Modules.Marketplace.Collection;
using Custodian.Modules.Marketplace.Sellers;
using Custodian.Privacy.Abstractions.Scheduling;
using Custodian.Simulators.Wildberries;
using Custodian.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Marketplace.Tests;

/// <summary>
/// Two instances of the service on one PostgreSQL database and one ClickHouse database, collecting at once from one
/// Wildberries stand-in that refuses (429) every request above its limit per key: each due dataset runs once in all,
/// and no key is called faster than its limit although both instances work at the same time.
/// </summary>
public sealed class SeveralInstancesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_instances_run_each_due_dataset_once_and_never_exceed_a_keys_limit_together()
    {
        // 5 requests per second per key and method group at the stand-in; each instance paces a key at 4 per second,
        // so two instances calling with one key at once would be refused.
        await using var wildberries = await WildberriesSimulator.StartAsync(
            new WildberriesSimulatorOptions { RequestsPerWindow = 5, Window = TimeSpan.FromSeconds(1), Products = 10, Days = 20 }, signingKey: MarketplaceWorld.SigningKey, cancellationToken: Ct);
        var postgres = PostgresDatabase.NewConnectionString("instances");
        await using var dropped = new DroppedAtEnd(postgres);
        using var secrets = new TemporaryFolder();
        var masterKey = MasterKeyFile(secrets); // each instance has its own data folder; the keys are shared under the master key
        string[] args =
        [
            "--Database:Provider=Postgres", "--Database:ConnectionString=" + postgres, .. CustodianHostBuilder.AnalyticsArgs(AnalyticsEngine.ClickHouse),
            "--Privacy:MasterKeyFile=" + masterKey, "--Marketplace:Wildberries:BaseUrl=" + wildberries.BaseAddress, "--Marketplace:Wildberries:RequestsPerMinute:all=240",
            "--Marketplace:Sync:Parallelism=2", // two accounts at a time each, so neither instance claims every account at once
        ];
        await using var first = await CustodianHost.Builder().WithArgs(args).BuildAsync(Ct);
        await using var second = await CustodianHost.Builder().WithArgs(args).BuildAsync(Ct);
        var perAccount = first.Get<MarketplaceDatasets>().All.Count(d => d.Marketplace == MarketplaceKind.Wildberries);
        var accounts = new List<Guid>();
        for (var seed = 1; accounts.Count * perAccount < 40; seed++)
        {
            accounts.Add(await ConnectAsync(seed % 2 == 0 ? first : second, wildberries, seed));
        }

        var runs = await Task.WhenAll(RoundAsync(first), RoundAsync(second));

        var all = runs.SelectMany(r => r).ToList();
        Assert.Equal(accounts.Count * perAccount, all.Count);
        Assert.Equal(all.Count, all.Select(o => (o.AccountId, o.Dataset)).Distinct().Count());
        Assert.All(all, o => Assert.Null(o.Problem));
        Assert.True(runs[0].Count > 0 && runs[1].Count > 0, $"both instances collected ({runs[0].Count} and {runs[1].Count} dataset runs)");
        Assert.Equal(0, wildberries.Throttled);
        Assert.Empty(await Task.WhenAll(RoundAsync(first), RoundAsync(second)).ContinueWith(t => t.Result.SelectMany(r => r).ToList(), Ct));
    }

    [Fact]
    public async Task An_account_one_instance_collects_is_not_collected_by_another_until_it_lets_go()
    {
        await using var wildberries = await WildberriesSimulator.StartAsync(new WildberriesSimulatorOptions { RequestsPerWindow = 10_000, Products = 5, Days = 5 }, signingKey: MarketplaceWorld.SigningKey, cancellationToken: Ct);
        var postgres = PostgresDatabase.NewConnectionString("instances");
        await using var dropped = new DroppedAtEnd(postgres);
        using var secrets = new TemporaryFolder();
        var masterKey = MasterKeyFile(secrets);
        string[] args =
        [
            "--Database:Provider=Postgres", "--Database:ConnectionString=" + postgres, .. CustodianHostBuilder.AnalyticsArgs(AnalyticsEngine.ClickHouse),
            "--Privacy:MasterKeyFile=" + masterKey, "--Marketplace:Wildberries:BaseUrl=" + wildberries.BaseAddress, "--Marketplace:Wildberries:RequestsPerMinute:all=6000",
        ];
        await using var first = await CustodianHost.Builder().WithArgs(args).BuildAsync(Ct);
        await using var second = await CustodianHost.Builder().WithArgs(args).BuildAsync(Ct);
        var account = await ConnectAsync(first, wildberries, 7);

        await using (var held = await first.Get<IWorkLeases>().TryClaimAsync(SyncMarketplace.LeaseOf(account), Ct))
        {
            Assert.NotNull(held);
            Assert.Empty(await RoundAsync(second));
            var asked = await ExplicitRunAsync(second, account);
            Assert.All(asked, o => Assert.Equal(SyncMarketplace.HeldElsewhere, o.Problem));
        }

        Assert.NotEmpty(await RoundAsync(second));
    }

    private static string MasterKeyFile(TemporaryFolder folder)
    {
        var path = folder.File("master.key");
        File.WriteAllText(path, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        return path;
    }

    private static async Task<Guid> ConnectAsync(CustodianHost host, WildberriesSimulator wildberries, int seed)
    {
        await using var scope = host.Scope();
        var seller = await scope.ServiceProvider.GetRequiredService<AddSeller>().AddAsync($"seller{seed}.{Guid.NewGuid():N}@example.ru", null, "operator", true, Ct);
        var token = wildberries.Tokens.Issue(seed, WildberriesCategories.All, DateTimeOffset.UtcNow.AddDays(180));
        return (await scope.ServiceProvider.GetRequiredService<ConnectMarketplaceAccount>().ConnectWildberriesAsync(seller.Id, token, Ct)).Id;
    }

    /// <summary>One scheduled collection round of <paramref name="host"/>, as its background runner does it (several accounts side by side).</summary>
    private static async Task<IReadOnlyList<DatasetOutcome>> RoundAsync(CustodianHost host)
    {
        await using var scope = host.Scope();
        var round = (CollectionRound)host.Services.GetServices<IScheduledWork>().Single(w => w.Name == "marketplace.collection");
        return await round.CollectAsync(scope.ServiceProvider, Ct);
    }

    private static async Task<IReadOnlyList<DatasetOutcome>> ExplicitRunAsync(CustodianHost host, Guid account)
    {
        await using var scope = host.Scope();
        return await scope.ServiceProvider.GetRequiredService<SyncMarketplace>().RunAsync(account, null, null, null, onlyDue: false, Ct);
    }
}
