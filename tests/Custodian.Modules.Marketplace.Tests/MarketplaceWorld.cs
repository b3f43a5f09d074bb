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
    private readonly WebApplication _app;
    private readonly TemporaryFolder _data;

    private MarketplaceWorld(WebApplication app, TemporaryFolder data, WildberriesSimulator simulator, OzonSimulator ozon, SettableClock clock, TelegramBotApiSimulator? telegram, SmtpSimulator? smtp)
    {
        _app = app;
        _data = data;
        Simulator = simulator;
        Ozon = ozon;
        Clock = clock;
        Telegram = telegram;
        Smtp = smtp;
    }

    /// <summary>The Bot API stand-in, when the world was started with the bot.</summary>
    public TelegramBotApiSimulator? Telegram { get; }

    public SmtpSimulator? Smtp { get; }

    public const string BotToken = "4242:marketplace-tests-bot-token";

    public const string PublicBaseUrl = "https://custodian.test";

    public WildberriesSimulator Simulator { get; }

    /// <summary>The Ozon Seller API stand-in (same clock).</summary>
    public OzonSimulator Ozon { get; }

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

    private static async Task<MarketplaceWorld> StartAsync(AnalyticsEngineUnderTest engine, WildberriesSimulatorOptions? options, OzonSimulatorOptions? ozonOptions, SimulatedFaults? faults, bool withBot, Action<IServiceCollection>? services, string[] extraArgs)
    {
        var clock = new SettableClock(TimeProvider.System.GetUtcNow());
        var simulator = await WildberriesSimulator.StartAsync(options ?? new WildberriesSimulatorOptions { RequestsPerWindow = 10_000 }, faults, clock, SigningKey);
        var ozon = await OzonSimulator.StartAsync(ozonOptions ?? new OzonSimulatorOptions { RequestsPerSecond = 10_000, AnalyticsPerMinute = 10_000 }, faults, clock, SigningKey, cancellationToken: TestContext.Current.CancellationToken);
        var data = new TemporaryFolder();
        var args = new List<string>
        {
            "--Storage:DataDirectory=" + data.Path,
            "--Privacy:RegistersPath=" + Path.Combine(Repository.Root, "registers"),
            "--Simulators:Enabled=false",
            "--Marketplace:Wildberries:BaseUrl=" + simulator.BaseAddress,
            "--Marketplace:Wildberries:RequestsPerMinute:statistics=6000",
            "--Marketplace:Wildberries:RequestsPerMinute:common=6000",
            "--Marketplace:Wildberries:RequestsPerMinute:feedbacks=6000",
            "--Marketplace:Wildberries:RequestsPerMinute:finance=6000",
            "--Marketplace:Wildberries:RequestsPerMinute:analytics=6000",
            "--Marketplace:Wildberries:RequestsPerMinute:prices=6000",
            "--Marketplace:Wildberries:RequestsPerMinute:content=6000",
            "--Marketplace:Ozon:BaseUrl=" + ozon.BaseAddress,
            "--Marketplace:Ozon:RequestsPerSecond=1000",
            "--Marketplace:Ozon:AnalyticsRequestsPerMinute=6000",
            "--Logging:LogLevel:Default=Warning",
        };
        args.AddRange(QuietHost.Args);
        args.AddRange(EngineArgs(engine));
        args.AddRange(extraArgs);
        TelegramBotApiSimulator? telegram = null;
        SmtpSimulator? smtp = null;
        if (withBot)
        {
            telegram = await TelegramBotApiSimulator.StartAsync(BotToken, cancellationToken: TestContext.Current.CancellationToken);
            smtp = SmtpSimulator.Start();
            args.AddRange([
                "--Telegram:BotToken=" + BotToken, "--Telegram:ApiBaseUrl=" + telegram.BaseAddress.ToString().TrimEnd('/'),
                "--Mail:Smtp:Host=127.0.0.1", "--Mail:Smtp:Port=" + smtp.Port, "--Mail:Smtp:Security=None", "--Web:PublicBaseUrl=" + PublicBaseUrl, "--urls=http://127.0.0.1:0",
            ]);
        }

        // One clock for the marketplace and the service: "now" moves for both when a test moves it.
        var app = Web.Program.Build([.. args], b =>
        {
            b.Services.AddSingleton<TimeProvider>(clock);
            services?.Invoke(b.Services);
        });
        await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(TestContext.Current.CancellationToken);
        if (withBot)
        {
            await app.StartAsync(TestContext.Current.CancellationToken); // the bot polls from the host's background service
        }

        return new MarketplaceWorld(app, data, simulator, ozon, clock, telegram, smtp);
    }

    public static IEnumerable<string> EngineArgs(AnalyticsEngineUnderTest engine)
    {
        if (engine == AnalyticsEngineUnderTest.DuckDb)
        {
            yield break;
        }

        var database = $"mp_{Guid.NewGuid():N}";
        yield return "--Analytics:Engine=ClickHouse";
        yield return "--Analytics:ClickHouse:Database=" + database;
        if (engine == AnalyticsEngineUnderTest.ClickHouse)
        {
            yield return "--Analytics:ClickHouse:Url=" + RequiredServer.ClickHouse();
            yield break;
        }

        var (cluster, shards) = RequiredServer.ClickHouseCluster();
        yield return "--Analytics:ClickHouse:Url=" + shards[0];
        yield return "--Analytics:ClickHouse:Cluster=" + cluster;
        for (var i = 0; i < shards.Count; i++)
        {
            yield return $"--Analytics:ClickHouse:ShardUrls:{i}=" + shards[i];
        }
    }

    public T Get<T>()
        where T : notnull => _app.Services.GetRequiredService<T>();

    public IServiceProvider Services => _app.Services;

    public string Token(int seed, WildberriesCategories categories = WildberriesCategories.All, TimeSpan? validFor = null) =>
        Simulator.Tokens.Issue(seed, categories, Clock.GetUtcNow() + (validFor ?? TimeSpan.FromDays(180)));

    /// <summary>A seller with one Wildberries account for simulated seller <paramref name="seed"/>; returns the account id.</summary>
    public async Task<Guid> ConnectSellerAsync(int seed, string? token = null)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var seller = await scope.ServiceProvider.GetRequiredService<AddSeller>().AddAsync($"seller{seed}.{Guid.NewGuid():N}@example.ru", null, "operator", true, TestContext.Current.CancellationToken);
        var account = await scope.ServiceProvider.GetRequiredService<ConnectMarketplaceAccount>().ConnectWildberriesAsync(seller.Id, token ?? Token(seed), TestContext.Current.CancellationToken);
        return account.Id;
    }

    /// <summary>A seller with one Ozon account for simulated seller <paramref name="seed"/> on <paramref name="plan"/>; returns the account id.</summary>
    public async Task<Guid> ConnectOzonSellerAsync(int seed, OzonPlan plan = OzonPlan.PremiumPlus)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var seller = await scope.ServiceProvider.GetRequiredService<AddSeller>().AddAsync($"ozon{seed}.{Guid.NewGuid():N}@example.ru", null, "operator", true, TestContext.Current.CancellationToken);
        var (clientId, apiKey) = Ozon.Keys.Issue(seed, plan);
        var account = await scope.ServiceProvider.GetRequiredService<ConnectMarketplaceAccount>().ConnectOzonAsync(seller.Id, clientId, apiKey, TestContext.Current.CancellationToken);
        return account.Id;
    }

    public async Task<IReadOnlyList<DatasetOutcome>> SyncAsync(Guid? account = null, string? dataset = null)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SyncMarketplace>().RunAsync(account, dataset, null, null, onlyDue: false, TestContext.Current.CancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, DatasetStats>> StatsAsync(Guid account)
    {
        await using var scope = _app.Services.CreateAsyncScope();
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
        await using var scope = _app.Services.CreateAsyncScope();
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

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await Simulator.DisposeAsync();
        await Ozon.DisposeAsync();
        if (Telegram is not null)
        {
            await Telegram.DisposeAsync();
        }

        if (Smtp is not null)
        {
            await Smtp.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _data.Dispose();
    }
}
