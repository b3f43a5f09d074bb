using Custodian.Testing;

namespace Custodian.Browser.Tests;

/// <summary>
/// The real app on Kestrel, a free loopback port, embedded defaults and a throwaway data folder, on a clock set to a
/// fixed day (the shipped holiday calendars end in 2027/2028: a browser test on the system clock would fail later).
/// </summary>
public class RunningApp : IAsyncLifetime
{
    /// <summary>The browser tests' "now": a Monday morning in a year every shipped calendar knows.</summary>
    public static readonly DateTimeOffset Today = new(2026, 11, 16, 9, 0, 0, TimeSpan.Zero);

    private CustodianHost? _host;

    /// <summary>The app's clock (and its stand-ins'); tests read "now" from it, never from the system.</summary>
    public SettableClock Clock { get; } = new(Today);

    public CustodianHost Host => _host ?? throw new InvalidOperationException("The app is not running yet.");

    public Uri BaseAddress => Host.BaseAddress;

    public IServiceProvider Services => Host.Services;

    public async ValueTask InitializeAsync() =>
        _host = await Compose(CustodianHost.Builder().WithClock(Clock).InEnvironment("Development").OnKestrel()).BuildAsync(TestContext.Current.CancellationToken);

    /// <summary>What a derived fixture adds (stand-ins for external services, a stand-in module provider).</summary>
    protected virtual CustodianHostBuilder Compose(CustodianHostBuilder builder) => builder;

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    public Uri Url(string path) => Host.Url(path);
}
