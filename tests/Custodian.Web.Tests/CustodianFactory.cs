using Custodian.Testing;

namespace Custodian.Web.Tests;

/// <summary>
/// A started <see cref="CustodianHost"/> on the embedded defaults (SQLite + DuckDB) in Development, served in memory;
/// a class fixture, or started by a test with its own environment and settings.
/// </summary>
public sealed class CustodianFactory : IAsyncLifetime
{
    private CustodianHost? _host;

    public string Environment { get; init; } = "Development";

    public IDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>();

    public CustodianHost Host => _host ?? throw new InvalidOperationException("The host is not started.");

    public IServiceProvider Services => Host.Services;

    public static async Task<CustodianFactory> StartAsync(string environment = "Development", IReadOnlyDictionary<string, string?>? settings = null)
    {
        var factory = new CustodianFactory { Environment = environment };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            factory.Settings[key] = value;
        }

        await factory.InitializeAsync();
        return factory;
    }

    public async ValueTask InitializeAsync() =>
        _host = await CustodianHost.Builder().InEnvironment(Environment).WithSettings(Settings).Started().BuildAsync(TestContext.Current.CancellationToken);

    /// <summary>A client that keeps cookies and does not follow redirects, as seen at <paramref name="baseAddress"/>.</summary>
    public HttpClient CreateBrowserClient(string baseAddress = "http://localhost") => Host.CreateClient(new Uri(baseAddress));

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
