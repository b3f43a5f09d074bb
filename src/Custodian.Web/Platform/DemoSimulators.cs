using Custodian.Simulators.OpenIdBroker;
using Custodian.Simulators.Ozon;
using Custodian.Simulators.Smtp;
using Custodian.Simulators.Telegram;
using Custodian.Simulators.Wildberries;
using Custodian.Storage;
using Custodian.Modules.Marketplace.Demo;

namespace Custodian.Web.Platform;

/// <summary>
/// Embedded defaults: with <c>Simulators:Enabled</c> (the default for a demo), every external service that is not
/// configured gets a loopback stand-in the production clients talk to over the real protocol: an SMTP simulator
/// that keeps each message as an .eml file in <c>data/simulated-mail/</c>, a Wildberries API simulator whose
/// tokens (issued with <see cref="DemoWildberriesKey"/>, e.g. by <c>custodian demo seed</c>) carry a demo seller, an
/// Ozon Seller API simulator (keys derived with <see cref="DemoOzonKey"/>), and
/// a Telegram Bot API simulator for the seller bot (its token made at each start, <see cref="NewDemoBotToken"/>).
/// In production set <c>Simulators:Enabled=false</c>, <c>Mail:Smtp:*</c> and leave the marketplace hosts unset.
/// </summary>
public static class DemoSimulators
{
    public const string Setting = "Simulators:Enabled";

    /// <summary>The signing key of the demo Wildberries simulator (a stand-in's secret, not a real one).</summary>
    public static readonly byte[] DemoWildberriesKey = "custodian-demo-wildberries"u8.ToArray();

    /// <summary>The secret the demo Ozon simulator derives Api-Keys with (a stand-in's secret, not a real one).</summary>
    public static readonly byte[] DemoOzonKey = "custodian-demo-ozon"u8.ToArray();

    /// <summary>Set when the demo Ozon stand-in runs, so the demo seed connects Ozon accounts only to it.</summary>
    public const string OzonStandInSetting = "Demo:OzonStandIn";

    /// <summary>
    /// A token for the demo bot on the Telegram Bot API simulator (shaped like a BotFather token), new at each start:
    /// Telegram logins are signed with the bot's token, so a token written in the code would let anyone sign one.
    /// </summary>
    internal static string NewDemoBotToken() =>
        "1000001:demo-" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');

    /// <summary>The client id the demo registers with the guidance clients' identification broker stand-in.</summary>
    internal const string DemoBrokerClientId = "custodian-guidance-demo";

    /// <summary>Requests per minute the demo simulator allows (and the collectors are told), so a demo sync takes seconds.</summary>
    public const int DemoRequestsPerMinute = 120;

    public static WebApplicationBuilder AddDemoSimulators(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        // The EF tools take the first host built in the process as the application: not a simulator's.
        if (!string.Equals(configuration[Setting], "true", StringComparison.OrdinalIgnoreCase) || Microsoft.EntityFrameworkCore.EF.IsDesignTime)
        {
            return builder;
        }

        // HTTP stand-ins are web hosts of their own: they start when the application starts (or a CLI verb runs), not
        // while it is being built, because test and design-time tools take the first host built as the application.
        var hosts = new DemoSimulatorHosts();
        var httpStandIns = configuration.GetValue("Simulators:HttpStandIns", true); // off in tests that host the app in-process
        builder.Services.AddSingleton(hosts);
        builder.Services.AddHostedService<StartDemoSimulators>();
        if (httpStandIns && configuration["Marketplace:Wildberries:BaseUrl"] is not { Length: > 0 })
        {
            var (url, reserved) = ReserveLoopbackPort();
            hosts.Add(ct => { reserved.Stop(); return WildberriesSimulator.StartAsync(new WildberriesSimulatorOptions { RequestsPerWindow = DemoRequestsPerMinute }, signingKey: DemoWildberriesKey, url: url, cancellationToken: ct); });
            configuration["Marketplace:Wildberries:BaseUrl"] = url + "/";
            configuration["Marketplace:Wildberries:RequestsPerMinute:all"] = DemoRequestsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture);

            builder.Services.AddSingleton<IMarketplaceDemoKeys>(_ => new DemoMarketplaceKeys(configuration.GetValue(OzonStandInSetting, false)));
        }

        if (httpStandIns && configuration["Marketplace:Ozon:BaseUrl"] is not { Length: > 0 })
        {
            var (url, reserved) = ReserveLoopbackPort();
            hosts.Add(ct => { reserved.Stop(); return OzonSimulator.StartAsync(new OzonSimulatorOptions { AnalyticsPerMinute = DemoRequestsPerMinute }, signingKey: DemoOzonKey, url: url, cancellationToken: ct); });
            configuration["Marketplace:Ozon:BaseUrl"] = url + "/";
            configuration["Marketplace:Ozon:AnalyticsRequestsPerMinute"] = DemoRequestsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture);
            configuration[OzonStandInSetting] = "true";
        }

        if (httpStandIns && configuration["Telegram:BotToken"] is not { Length: > 0 })
        {
            var (url, reserved) = ReserveLoopbackPort();
            var token = NewDemoBotToken();
            hosts.Add(ct => { reserved.Stop(); return TelegramBotApiSimulator.StartAsync(token, url, ct); });
            configuration["Telegram:BotToken"] = token;
            configuration["Telegram:ApiBaseUrl"] = url;
            configuration["Telegram:LoginWidget"] ??= "false"; // telegram.org does not know the stand-in's bot: sellers use the e-mail link
        }

        if (httpStandIns && configuration["Guidance:ClientSignIn:Authority"] is not { Length: > 0 })
        {
            // The guidance clients' identification broker (strong identification with the identity code), with the demo
            // clients as its test people; the secret is new at each start.
            var (url, reserved) = ReserveLoopbackPort();
            var secret = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
            hosts.Add(async ct =>
            {
                reserved.Stop();
                var broker = await OpenIdBrokerSimulator.StartAsync(DemoBrokerClientId, secret, url, cancellationToken: ct);
                broker.TestPeople.Add(("010190-901R", "Aino", "Virtanen"));
                broker.TestPeople.Add(("150285-912M", "Mikko", "Korhonen"));
                return broker;
            });
            configuration["Guidance:ClientSignIn:Authority"] = url + "/";
            configuration["Guidance:ClientSignIn:ClientId"] = DemoBrokerClientId;
            configuration["Guidance:ClientSignIn:ClientSecret"] = secret;
            configuration["Guidance:ClientSignIn:DisplayName"] ??= "Test identification (stand-in)";
        }

        if (configuration["Mail:Smtp:Host"] is { Length: > 0 })
        {
            return builder;
        }

        var data = Path.GetFullPath(configuration[DataDirectory.Setting] is { Length: > 0 } folder ? folder : "data", builder.Environment.ContentRootPath);
        var smtp = SmtpSimulator.Start(Path.Combine(data, "simulated-mail"));
        configuration["Mail:Smtp:Host"] = "127.0.0.1";
        configuration["Mail:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        configuration["Mail:Smtp:Security"] = "None";
        builder.Services.AddSingleton(_ => smtp); // the container disposes it when the app stops
        return builder;
    }

    /// <summary>
    /// A loopback port held open until the stand-in binds it (released just before), so another process cannot take it
    /// in between while the application is built and started.
    /// </summary>
    private static (string Url, System.Net.Sockets.TcpListener Reserved) ReserveLoopbackPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ($"http://127.0.0.1:{((System.Net.IPEndPoint)listener.LocalEndpoint).Port}", listener);
    }
}

/// <summary>The HTTP stand-ins of the embedded defaults, started once (by the web host's start or by a CLI verb).</summary>
public sealed class DemoSimulatorHosts : IAsyncDisposable
{
    private readonly List<Func<CancellationToken, Task<IAsyncDisposable>>> _starters = [];
    private readonly List<IAsyncDisposable> _running = [];
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _started;

    internal void Add<T>(Func<CancellationToken, Task<T>> start)
        where T : IAsyncDisposable => _starters.Add(async ct => await start(ct));

    public async Task EnsureStartedAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!_started)
            {
                foreach (var start in _starters)
                {
                    _running.Add(await start(cancellationToken));
                }

                _started = true;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var running in _running)
        {
            await running.DisposeAsync();
        }

        _gate.Dispose();
    }
}

internal sealed class StartDemoSimulators(DemoSimulatorHosts hosts) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => hosts.EnsureStartedAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Keys of the demo sellers' accounts, issued with the stand-ins' demo secrets (seller 1 on Ozon Premium Plus, seller 2 on Basic).</summary>
internal sealed class DemoMarketplaceKeys(bool ozonStandIn) : IMarketplaceDemoKeys
{
    private readonly WildberriesTokens wildberries = new(DemoSimulators.DemoWildberriesKey);
    private readonly OzonKeys ozon = new(DemoSimulators.DemoOzonKey);

    public string WildberriesToken(int seller, DateTimeOffset expires) => wildberries.Issue(seller, WildberriesCategories.All, expires);

    public (string ClientId, string ApiKey)? OzonKeys(int seller) => ozonStandIn ? ozon.Issue(seller, seller == 1 ? OzonPlan.PremiumPlus : OzonPlan.Basic) : null;

    /// <summary>Two SKUs in three without a cost price are left for the seller to upload; the others cost 40 % of their base price.</summary>
    public IReadOnlyList<(long Sku, decimal Cost)> WildberriesCosts(int seller) =>
        [.. new WildberriesSellerData(seller).Products.Where((_, i) => i % 3 == 0).Select(p => (p.NmId, Math.Round(p.BasePrice * 0.4m, 2)))];
}
