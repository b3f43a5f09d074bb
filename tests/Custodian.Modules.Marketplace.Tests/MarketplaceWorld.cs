using Custodian.Modules.Marketplace.Accounts;
using Custodian.Modules.Marketplace.Collection;
using Custodian.Modules.Marketplace.Collection.Wildberries;
using Custodian.Modules.Marketplace.Sellers;
using Custodian.Modules.Marketplace.Stats;
using Custodian.Simulators;
using Custodian.Simulators.Ozon;
using Custodian.Simulators.Smtp;
using Custodian.Simulators.Telegram;
using Custodian.Simulators.Wildberries;
using Custodian.Storage.Records;
using Custodian.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Marketplace.Tests;

public enum AnalyticsEngineUnderTest
{
    DuckDb,
    ClickHouse,
    ClickHouseCluster,
}

/// <summary>
/// The real service graph (SQLite records, the chosen analytics engine) talking HTTP to a Wildberries simulator on
/// loopback whose clock the test holds still (or moves), so expected totals come from the simulator's own data.
/// </summary>
internal sealed class MarketplaceWorld : IAsyncDisposable
{
    private readonly CustodianHost _host;

    private MarketplaceWorld(CustodianHost host, SettableClock clock) => (_host, Clock) = (host, clock);

    /// <summary>The Bot API stand-in, when the world was started with the bot.</summary>
    public TelegramBotApiSimulator? Telegram => _host.HasTelegram ? _host.Telegram : null;

    /// <summary>Where the service's mail goes.</summary>
    public SmtpSimulator Smtp => _host.Mail;

    public const string BotToken = "4242:marketplace-tests-bot-token";

    public const string PublicBaseUrl = "https://custodian.test";

    public WildberriesSimulator Simulator => _host.Wildberries;

    /// <summary>The Ozon Seller API stand-in (same clock).</summary>
    public OzonSimulator Ozon => _host.Ozon;

    /// <summary>The clock of the simulator and of the service (the marketplace's and the collector's "now").</summary>
    public SettableClock Clock { get; }

    public static readonly byte[] SigningKey = "marketplace-tests"u8.ToArray();

    public static async Task<MarketplaceWorld> StartAsync(AnalyticsEngineUnderTest engine = AnalyticsEngineUnderTest.DuckDb, WildberriesSimulatorOptions? options = null, SimulatedFaults? faults = null, bool withBot = false, params string[] extraArgs) =>
        await StartAsync(engine, options, null, faults, withBot, extraArgs);

    public static Task<MarketplaceWorld> StartAsync(AnalyticsEngineUnderTest engine, WildberriesSimulatorOptions? options, OzonSimulatorOptions? ozonOptions, SimulatedFaults? faults = null, bool withBot = false, params string[] extraArgs) =>
        StartAsync(engine, options, ozonOptions, faults, withBot, services: null, extraArgs);

    /// <summary>The world with the test's own registrations added to the real composition (e.g. a provider reporting a hold).</summary>
    public static Task<MarketplaceWorld> StartWithAsync(Action<IServiceCollection> services, params string[] extraArgs) =>
        StartAsync(AnalyticsEngineUnderTest.DuckDb, null, null, null, withBot: false, services, extraArgs);

    /// <summary>The world serving requests in memory (<see cref="CreateClient"/>); collection runs only when a test calls <see cref="SyncAsync"/>.</summary>
    public static Task<MarketplaceWorld> ServingAsync(WildberriesSimulatorOptions? options, params string[] extraArgs) =>
        StartAsync(AnalyticsEngineUnderTest.DuckDb, options, null, null, withBot: false, services: null, ["--Marketplace:Sync:Enabled=false", .. extraArgs], serving: true);

    private static async Task<MarketplaceWorld> StartAsync(AnalyticsEngineUnderTest engine, WildberriesSimulatorOptions? options, OzonSimulatorOptions? ozonOptions, SimulatedFaults? faults, bool withBot, Action<IServiceCollection>? services, string[] extraArgs, bool serving = false)
    {
        // One clock for the marketplace, its stand-ins and the service: "now" moves for all when a test moves it.
        var clock = new SettableClock(TimeProvider.System.GetUtcNow());
        var builder = CustodianHost.Builder()
            .WithClock(clock)
            .WithAnalytics(engine switch
            {
                AnalyticsEngineUnderTest.ClickHouse => AnalyticsEngine.ClickHouse,
                AnalyticsEngineUnderTest.ClickHouseCluster => AnalyticsEngine.ClickHouseCluster,
                _ => AnalyticsEngine.DuckDb,
            })
            .WithWildberries(options, faults, SigningKey)
            .WithOzon(ozonOptions, faults, SigningKey)
            .WithSetting("Simulators:Enabled", "false")
            .WithSetting("Logging:LogLevel:Default", "Warning");
        if (withBot)
        {
            // The bot polls from the host's background service, so this world is started.
            builder.WithTelegramBot(BotToken).WithSetting("Web:PublicBaseUrl", PublicBaseUrl).Started();
        }

        if (services is not null)
        {
            builder.WithServices(services);
        }

        if (serving && !withBot)
        {
            builder.Started();
        }

        return new MarketplaceWorld(await builder.WithArgs(extraArgs).BuildAsync(TestContext.Current.CancellationToken), clock);
    }

    public T Get<T>()
        where T : notnull => _host.Get<T>();

    public IServiceProvider Services => _host.Services;

    /// <summary>An anonymous client of the service (pages and API), optionally as if from <paramref name="remote"/>.</summary>
    public CustodianClient CreateClient(System.Net.IPAddress? remote = null) => remote is null ? _host.CreateClient() : _host.CreateClientFrom(remote);

    /// <summary>An anonymous HTTP client of the service (no cookies, redirects not followed).</summary>
    public HttpClient CreateRawClient() => _host.CreateRawClient();

    public string Token(int seed, WildberriesCategories categories = WildberriesCategories.All, TimeSpan? validFor = null) =>
        Simulator.Tokens.Issue(seed, categories, Clock.GetUtcNow() + (validFor ?? TimeSpan.FromDays(180)));

    /// <summary>A seller with one Wildberries account for simulated seller <paramref name="seed"/>; returns the account id.</summary>
    public async Task<Guid> ConnectSellerAsync(int seed, string? token = null)
    {
        await using var scope = _host.Scope();
        var seller = await scope.ServiceProvider.GetRequiredService<AddSeller>().AddAsync($"seller{seed}.{Guid.NewGuid():N}@example.ru", null, "operator", true, TestContext.Current.CancellationToken);
        var account = await scope.ServiceProvider.GetRequiredService<ConnectMarketplaceAccount>().ConnectWildberriesAsync(seller.Id, token ?? Token(seed), TestContext.Current.CancellationToken);
        return account.Id;
    }

    /// <summary>A seller with one Ozon account for simulated seller <paramref name="seed"/> on <paramref name="plan"/>; returns the account id.</summary>
    public async Task<Guid> ConnectOzonSellerAsync(int seed, OzonPlan plan = OzonPlan.PremiumPlus)
    {
        await using var scope = _host.Scope();
        var seller = await scope.ServiceProvider.GetRequiredService<AddSeller>().AddAsync($"ozon{seed}.{Guid.NewGuid():N}@example.ru", null, "operator", true, TestContext.Current.CancellationToken);
        var (clientId, apiKey) = Ozon.Keys.Issue(seed, plan);
        var account = await scope.ServiceProvider.GetRequiredService<ConnectMarketplaceAccount>().ConnectOzonAsync(seller.Id, clientId, apiKey, TestContext.Current.CancellationToken);
        return account.Id;
    }

    public async Task<IReadOnlyList<DatasetOutcome>> SyncAsync(Guid? account = null, string? dataset = null)
    {
        await using var scope = _host.Scope();
        return await scope.ServiceProvider.GetRequiredService<SyncMarketplace>().RunAsync(account, dataset, null, null, onlyDue: false, TestContext.Current.CancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, DatasetStats>> StatsAsync(Guid account)
    {
        await using var scope = _host.Scope();
        return (await scope.ServiceProvider.GetRequiredService<AccountStats>().ForAsync(account, TestContext.Current.CancellationToken)).ToDictionary(s => s.Dataset);
    }

    /// <summary>The sum of <paramref name="column"/> over the account's rows of <paramref name="table"/>, read from the store.</summary>
    public async Task<decimal> SumAsync(Privacy.Abstractions.Analytics.AnalyticsTable table, string column, Guid account)
    {
        var store = Get<Privacy.Abstractions.Analytics.IAnalyticsStore>();
        var result = await store.QueryAsync(Privacy.Abstractions.Analytics.AnalyticsQuery.Sql($"SELECT sum({table.Columns.Single(c => c.Name == column)}) AS s FROM {table} WHERE account_id = {account.ToString("N")}"), TestContext.Current.CancellationToken);
        return result.Scalar() is { } value ? Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture) : 0m;
    }

    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = _host.Scope();
        return await work(scope.ServiceProvider);
    }

    /// <summary>The Moscow midnight the first collection starts from, as of the simulator's now.</summary>
    public DateTime FirstWindowStart => DateOnly.FromDateTime(Simulator.NowMoscow).AddDays(-WildberriesStatistics.FirstCollectionDays).ToDateTime(TimeOnly.MinValue);

    /// <summary>What the store must hold for seller <paramref name="seed"/>: orders and sales (as they are now) changed since the window start.</summary>
    public (List<SimulatedOrder> Orders, List<SimulatedSale> Sales) Expected(int seed, DateTime? windowStart = null)
    {
        var now = Simulator.NowMoscow;
        var from = windowStart ?? FirstWindowStart;
        var seller = Simulator.Seller(seed);
        return ([.. seller.OrdersAt(now).Where(o => o.LastChangeDate > from)], [.. seller.SalesAt(now).Where(s => s.LastChangeDate > from)]);
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
