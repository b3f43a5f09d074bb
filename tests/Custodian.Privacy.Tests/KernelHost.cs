using Custodian.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Privacy.Tests;

public enum Engine
{
    Sqlite,
    Postgres,
}

/// <summary>The real service graph (not started) on a throwaway SQLite file or a fresh PostgreSQL database, migrated.</summary>
public sealed class KernelHost : IAsyncDisposable
{
    private readonly CustodianHost _host;

    private KernelHost(CustodianHost host, Engine engine) => (_host, Engine) = (host, engine);

    public Engine Engine { get; }

    public IServiceProvider Services => _host.Services;

    public string DataPath => _host.DataPath;

    public string? PostgresConnectionString => _host.PostgresConnectionString;

    public static Task<KernelHost> StartAsync(Engine engine, Action<IServiceCollection>? services = null, params string[] extraArgs) =>
        StartAsync(engine, null, services, extraArgs);

    /// <summary>A host whose "now" is <paramref name="clock"/>'s.</summary>
    public static async Task<KernelHost> StartAsync(Engine engine, TimeProvider? clock, Action<IServiceCollection>? services = null, params string[] extraArgs)
    {
        var builder = CustodianHost.Builder()
            .WithRecords(engine == Engine.Postgres ? RecordsProvider.Postgres : RecordsProvider.Sqlite)
            .WithArgs(extraArgs);
        if (clock is not null)
        {
            builder.WithClock(clock);
        }

        if (services is not null)
        {
            builder.WithServices(services);
        }

        return new KernelHost(await builder.BuildAsync(TestContext.Current.CancellationToken), engine);
    }

    public AsyncServiceScope Scope() => _host.Scope();

    public T Get<T>()
        where T : notnull => _host.Get<T>();

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
