using Custodian.Testing;
using Microsoft.AspNetCore.Builder;

namespace Custodian.Benchmarks;

/// <summary>The real service graph on a throwaway SQLite file (the embedded default), migrated; settings in args win.</summary>
internal sealed class BenchHost : IAsyncDisposable
{
    private readonly CustodianHost _host;

    private BenchHost(CustodianHost host) => _host = host;

    public WebApplication App => _host.App;

    /// <summary>The test host underneath (sign-in links, clients) when started with <see cref="StartOnKestrelAsync"/>.</summary>
    public CustodianHost Host => _host;

    public static Task<BenchHost> StartAsync(params string[] extraArgs) => StartAsync(null, extraArgs);

    public static async Task<BenchHost> StartAsync(Action<WebApplicationBuilder>? configure, params string[] extraArgs)
    {
        var builder = CustodianHost.Builder().WithSetting("Logging:LogLevel:Default", "Warning").WithArgs(extraArgs);
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        return new BenchHost(await builder.BuildAsync());
    }

    /// <summary>Started and serving on Kestrel at a free loopback port (hosted services run), for requests over real HTTP.</summary>
    public static async Task<BenchHost> StartOnKestrelAsync(params string[] extraArgs) =>
        new(await CustodianHost.Builder().WithSetting("Logging:LogLevel:Default", "Warning").WithArgs(extraArgs).OnKestrel().BuildAsync());

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
