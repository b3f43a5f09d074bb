using Custodian.Storage.Records;
using Custodian.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
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
    private readonly WebApplication _app;
    private readonly TemporaryFolder _data;

    private KernelHost(WebApplication app, TemporaryFolder data, Engine engine)
    {
        _app = app;
        _data = data;
        Engine = engine;
    }

    public Engine Engine { get; }

    public IServiceProvider Services => _app.Services;

    public string DataPath => _data.Path;

    public string? PostgresConnectionString { get; private init; }

    public static async Task<KernelHost> StartAsync(Engine engine, Action<IServiceCollection>? services = null, params string[] extraArgs)
    {
        var data = new TemporaryFolder();
        var args = new List<string> { "--Storage:DataDirectory=" + data.Path, "--Privacy:RegistersPath=" + Path.Combine(Repository.Root, "registers") };
        args.AddRange(QuietHost.Args);
        string? postgres = null;
        if (engine == Engine.Postgres)
        {
            postgres = PostgresDatabase.NewConnectionString("kernel");
            args.Add("--Database:Provider=Postgres");
            args.Add("--Database:ConnectionString=" + postgres);
        }

        args.AddRange(extraArgs);
        var builder = Web.Program.Build([.. args], services is null ? null : b => services(b.Services));
        await builder.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(TestContext.Current.CancellationToken);
        return new KernelHost(builder, data, engine) { PostgresConnectionString = postgres };
    }

    public AsyncServiceScope Scope() => _app.Services.CreateAsyncScope();

    public T Get<T>()
        where T : notnull => _app.Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        // The app first: its audit writer holds a connection until it stops.
        await _app.DisposeAsync();
        if (PostgresConnectionString is { } postgres)
        {
            await using var db = new PrivacyDb(new DbContextOptionsBuilder<PrivacyDb>().UseNpgsql(postgres).Options);
            await db.Database.EnsureDeletedAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Npgsql.NpgsqlConnection.ClearAllPools();
        _data.Dispose();
    }
}
