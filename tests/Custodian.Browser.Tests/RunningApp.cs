using Custodian.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Browser.Tests;

/// <summary>The real app on Kestrel, a free loopback port, embedded defaults and a throwaway data folder.</summary>
public class RunningApp : IAsyncLifetime
{
    private readonly TemporaryFolder _data = new();
    private WebApplication? _app;

    public Uri BaseAddress { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    public async ValueTask InitializeAsync()
    {
        _app = Web.Program.Build([
            "--urls=http://127.0.0.1:0",
            "--environment=Development",
            "--contentRoot=" + Path.Combine(Repository.Root, "src", "Custodian.Web"),
            "--Storage:DataDirectory=" + _data.Path,
            .. QuietHost.Args,
        ], Configure);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
    }

    /// <summary>Extra registrations of a derived fixture (e.g. a stand-in module provider).</summary>
    protected virtual void Configure(WebApplicationBuilder builder)
    {
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _data.Dispose();
        GC.SuppressFinalize(this);
    }

    public Uri Url(string path) => new(BaseAddress, path.TrimStart('/'));
}
