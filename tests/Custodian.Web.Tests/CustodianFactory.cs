using Custodian.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Custodian.Web.Tests;

/// <summary>The real host on embedded defaults (SQLite + DuckDB) in a throwaway data folder.</summary>
public sealed class CustodianFactory : WebApplicationFactory<Program>
{
    private readonly TemporaryFolder _data = new();

    public string Environment { get; init; } = "Development";

    public IDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        builder.UseSetting("Storage:DataDirectory", _data.Path);
        foreach (var (key, value) in QuietHost.Settings)
        {
            builder.UseSetting(key, value);
        }

        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public HttpClient CreateBrowserClient(string baseAddress = "http://localhost") =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri(baseAddress) });

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _data.Dispose();
        }
    }
}
