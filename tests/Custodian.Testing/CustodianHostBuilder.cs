using Custodian.Simulators;
using Custodian.Simulators.Ozon;
using Custodian.Simulators.Smtp;
using Custodian.Simulators.Telegram;
using Custodian.Simulators.Wildberries;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Testing;

public enum RecordsProvider
{
    Sqlite,
    Postgres,
}

public enum AnalyticsEngine
{
    DuckDb,
    ClickHouse,
    ClickHouseCluster,
}

/// <summary>
/// Describes a <see cref="CustodianHost"/>: the records provider and analytics engine, the clock, the stand-ins for
/// external services, settings, extra registrations, and whether the host is started (in memory or on Kestrel).
/// Each choice is one call: <c>CustodianHost.Builder().WithClock(clock).WithPostgres().Started().BuildAsync()</c>.
/// </summary>
public sealed class CustodianHostBuilder
{
    private readonly List<string> _args = [];
    private readonly List<Action<WebApplicationBuilder>> _configure = [];
    private readonly List<Action<IEndpointRouteBuilder>> _map = [];
    private RecordsProvider _records = RecordsProvider.Sqlite;
    private AnalyticsEngine _analytics = AnalyticsEngine.DuckDb;
    private TimeProvider? _clock;
    private string? _environment;
    private bool _started;
    private bool _kestrel;
    private (WildberriesSimulatorOptions? Options, SimulatedFaults? Faults, byte[]? Key)? _wildberries;
    private (OzonSimulatorOptions? Options, SimulatedFaults? Faults, byte[]? Key)? _ozon;
    private string? _botToken;

    internal CustodianHostBuilder()
    {
    }

    /// <summary>The host's (and its stand-ins') <see cref="TimeProvider"/>; without one the host runs on the system clock.</summary>
    public CustodianHostBuilder WithClock(TimeProvider clock)
    {
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        return this;
    }

    /// <summary>A <see cref="SettableClock"/> at <paramref name="now"/> (read it back from <see cref="CustodianHost.Clock"/>).</summary>
    public CustodianHostBuilder WithClock(DateTimeOffset now) => WithClock(new SettableClock(now));

    /// <summary>Records in a throwaway SQLite file (the embedded default).</summary>
    public CustodianHostBuilder WithSqlite() => WithRecords(RecordsProvider.Sqlite);

    /// <summary>Records in a fresh database on the test PostgreSQL server, dropped with the host (skips or fails without one, see <see cref="RequiredServer"/>).</summary>
    public CustodianHostBuilder WithPostgres() => WithRecords(RecordsProvider.Postgres);

    public CustodianHostBuilder WithRecords(RecordsProvider provider)
    {
        _records = provider;
        return this;
    }

    public CustodianHostBuilder WithDuckDb() => WithAnalytics(AnalyticsEngine.DuckDb);

    /// <summary>Analytics in a fresh database on the test ClickHouse server.</summary>
    public CustodianHostBuilder WithClickHouse() => WithAnalytics(AnalyticsEngine.ClickHouse);

    /// <summary>Analytics in a fresh database on the test two-shard ClickHouse cluster.</summary>
    public CustodianHostBuilder WithClickHouseCluster() => WithAnalytics(AnalyticsEngine.ClickHouseCluster);

    public CustodianHostBuilder WithAnalytics(AnalyticsEngine engine)
    {
        _analytics = engine;
        return this;
    }

    /// <summary>The hosting environment (default: Production, as <c>custodian serve</c> runs without one).</summary>
    public CustodianHostBuilder InEnvironment(string environment)
    {
        _environment = environment;
        return this;
    }

    /// <summary>One setting, as a command-line argument (it overrides appsettings and the builder's own settings).</summary>
    public CustodianHostBuilder WithSetting(string key, string? value)
    {
        _args.Add($"--{key}={value}");
        return this;
    }

    public CustodianHostBuilder WithSettings(IEnumerable<KeyValuePair<string, string?>> settings)
    {
        foreach (var (key, value) in settings ?? throw new ArgumentNullException(nameof(settings)))
        {
            WithSetting(key, value);
        }

        return this;
    }

    /// <summary>Command-line arguments as the host gets them (<c>--Key=value</c>); they come last, so they win.</summary>
    public CustodianHostBuilder WithArgs(IEnumerable<string> args)
    {
        _args.AddRange(args ?? throw new ArgumentNullException(nameof(args)));
        return this;
    }

    /// <summary>Extra registrations after the composition's own (a stand-in module provider, a probe).</summary>
    public CustodianHostBuilder WithServices(Action<IServiceCollection> services)
    {
        ArgumentNullException.ThrowIfNull(services);
        _configure.Add(b => services(b.Services));
        return this;
    }

    /// <summary>The configure callback of <c>Program.Build</c> (runs after the modules are added, before the app is built).</summary>
    public CustodianHostBuilder Configure(Action<WebApplicationBuilder> configure)
    {
        _configure.Add(configure ?? throw new ArgumentNullException(nameof(configure)));
        return this;
    }

    /// <summary>Extra endpoints mapped after the composition's own (e.g. a fixture endpoint a test must notice).</summary>
    public CustodianHostBuilder Map(Action<IEndpointRouteBuilder> map)
    {
        _map.Add(map ?? throw new ArgumentNullException(nameof(map)));
        return this;
    }

    /// <summary>A Wildberries API stand-in on loopback (on the host's clock), with limits high enough not to slow tests.</summary>
    public CustodianHostBuilder WithWildberries(WildberriesSimulatorOptions? options = null, SimulatedFaults? faults = null, byte[]? signingKey = null)
    {
        _wildberries = (options, faults, signingKey);
        return this;
    }

    /// <summary>An Ozon Seller API stand-in on loopback (on the host's clock).</summary>
    public CustodianHostBuilder WithOzon(OzonSimulatorOptions? options = null, SimulatedFaults? faults = null, byte[]? signingKey = null)
    {
        _ozon = (options, faults, signingKey);
        return this;
    }

    /// <summary>A Telegram Bot API stand-in for the bot with <paramref name="token"/>.</summary>
    public CustodianHostBuilder WithTelegramBot(string token)
    {
        _botToken = token ?? throw new ArgumentNullException(nameof(token));
        return this;
    }

    /// <summary>Starts the host (hosted services run, migrations apply); requests go through an in-memory server.</summary>
    public CustodianHostBuilder Started()
    {
        _started = true;
        return this;
    }

    /// <summary>Starts the host on Kestrel at a free loopback port, for clients outside the process (a browser).</summary>
    public CustodianHostBuilder OnKestrel()
    {
        _kestrel = true;
        return Started();
    }

    /// <summary>Builds the composition; migrated and not started, or started when <see cref="Started"/> was asked for.</summary>
    public async Task<CustodianHost> BuildAsync(CancellationToken cancellationToken = default)
    {
        var resources = new HostResources();
        try
        {
            var args = new List<string>
            {
                "--contentRoot=" + Path.Combine(Repository.Src, "Custodian.Web"),
                "--Storage:DataDirectory=" + resources.Data.Path,
                "--Privacy:RegistersPath=" + Path.Combine(Repository.Root, "registers"),
            };
            if (_environment is not null)
            {
                args.Add("--environment=" + _environment);
            }

            args.AddRange(QuietHost.Args);
            if (_records == RecordsProvider.Postgres)
            {
                resources.Postgres = PostgresDatabase.NewConnectionString("host");
                args.Add("--Database:Provider=Postgres");
                args.Add("--Database:ConnectionString=" + resources.Postgres);
            }

            args.AddRange(AnalyticsArgs(_analytics));
            var clock = _clock ?? TimeProvider.System;
            resources.Mail = SmtpSimulator.Start();
            args.AddRange(["--Mail:Smtp:Host=127.0.0.1", "--Mail:Smtp:Port=" + resources.Mail.Port, "--Mail:Smtp:Security=None"]);
            await StartStandInsAsync(resources, clock, args, cancellationToken);
            if (_kestrel)
            {
                args.Add("--urls=http://127.0.0.1:0");
            }

            args.AddRange(_args);
            var app = Web.Program.Build([.. args], builder =>
            {
                if (_clock is not null)
                {
                    builder.Services.AddSingleton(_clock);
                }

                builder.Services.AddSingleton(resources.Mail);
                if (_started && !_kestrel)
                {
                    builder.WebHost.UseTestServer();
                }

                foreach (var configure in _configure)
                {
                    configure(builder);
                }
            });
            foreach (var map in _map)
            {
                map(app);
            }

            var host = new CustodianHost(app, resources, clock);
            await host.StartOrMigrateAsync(_started, cancellationToken);
            return host;
        }
        catch
        {
            await resources.DisposeAsync();
            throw;
        }
    }

    private async Task StartStandInsAsync(HostResources resources, TimeProvider clock, List<string> args, CancellationToken cancellationToken)
    {
        if (_wildberries is var (wbOptions, wbFaults, wbKey))
        {
            resources.Wildberries = await WildberriesSimulator.StartAsync(wbOptions ?? new WildberriesSimulatorOptions { RequestsPerWindow = 10_000 }, wbFaults, clock, wbKey, cancellationToken: cancellationToken);
            args.Add("--Marketplace:Wildberries:BaseUrl=" + resources.Wildberries.BaseAddress);
            foreach (var group in Modules.Marketplace.Collection.WildberriesOptions.DocumentedRequestsPerMinute.Keys)
            {
                args.Add($"--Marketplace:Wildberries:RequestsPerMinute:{group}=6000");
            }
        }

        if (_ozon is var (ozonOptions, ozonFaults, ozonKey))
        {
            resources.Ozon = await OzonSimulator.StartAsync(ozonOptions ?? new OzonSimulatorOptions { RequestsPerSecond = 10_000, AnalyticsPerMinute = 10_000 }, ozonFaults, clock, ozonKey, cancellationToken: cancellationToken);
            args.AddRange(["--Marketplace:Ozon:BaseUrl=" + resources.Ozon.BaseAddress, "--Marketplace:Ozon:RequestsPerSecond=1000", "--Marketplace:Ozon:AnalyticsRequestsPerMinute=6000"]);
        }

        if (_botToken is { } token)
        {
            resources.Telegram = await TelegramBotApiSimulator.StartAsync(token, cancellationToken: cancellationToken);
            args.AddRange(["--Telegram:BotToken=" + token, "--Telegram:ApiBaseUrl=" + resources.Telegram.BaseAddress.ToString().TrimEnd('/')]);
        }
    }

    /// <summary>Settings that put the analytics store on <paramref name="engine"/>, each ClickHouse host in a fresh database.</summary>
    public static IEnumerable<string> AnalyticsArgs(AnalyticsEngine engine)
    {
        if (engine == AnalyticsEngine.DuckDb)
        {
            yield break;
        }

        yield return "--Analytics:Engine=ClickHouse";
        yield return $"--Analytics:ClickHouse:Database=custodian_{Guid.NewGuid():N}";
        if (engine == AnalyticsEngine.ClickHouse)
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
}
