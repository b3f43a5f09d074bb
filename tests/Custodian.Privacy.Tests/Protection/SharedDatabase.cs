using Custodian.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Privacy.Tests.Protection;

/// <summary>
/// One records database (a fresh PostgreSQL database or a SQLite file) that several instances use, each with its own
/// data folder, as several web instances behind a load balancer do. Instances are migrated, not started, unless asked.
/// </summary>
internal sealed class SharedDatabase : IAsyncDisposable
{
    private readonly List<CustodianHost> _instances = [];
    private readonly TemporaryFolder _folder = new();

    private SharedDatabase(Engine engine)
    {
        Engine = engine;
        ConnectionString = engine == Engine.Postgres
            ? PostgresDatabase.NewConnectionString("keys")
            : $"Data Source={_folder.File("shared.db")};Foreign Keys=True";
    }

    public Engine Engine { get; }

    public string ConnectionString { get; }

    /// <summary>A folder the test may put files in (master key files), removed with the database.</summary>
    public TemporaryFolder Folder => _folder;

    public static SharedDatabase Create(Engine engine) => new(engine);

    /// <summary>A new instance on this database; <paramref name="args"/> are its settings (<c>--Key=value</c>).</summary>
    public Task<CustodianHost> InstanceAsync(bool started = false, params string[] args) => InstanceAsync(null, started, args);

    /// <summary>A new instance with extra registrations after the composition's own (an earlier version's wiring).</summary>
    public async Task<CustodianHost> InstanceAsync(Action<IServiceCollection>? services, bool started, params string[] args)
    {
        var builder = CustodianHost.Builder()
            .WithArgs(["--Database:Provider=" + Engine, "--Database:ConnectionString=" + ConnectionString, .. args]);
        if (services is not null)
        {
            builder.WithServices(services);
        }

        if (started)
        {
            builder.Started();
        }

        var instance = await builder.BuildAsync(TestContext.Current.CancellationToken);
        _instances.Add(instance);
        return instance;
    }

    /// <summary>The setting that gives an instance <paramref name="key"/> through the environment variable.</summary>
    public static string MasterKeyVariable(byte[] key) => $"--CUSTODIAN_MASTER_KEY={Convert.ToBase64String(key)}";

    /// <summary>The setting that gives an instance <paramref name="key"/> as a file (base64 text, as <c>openssl rand -base64 32</c> writes it).</summary>
    public string MasterKeyFile(byte[] key)
    {
        var path = _folder.File($"master-{Guid.NewGuid():N}.key");
        File.WriteAllText(path, Convert.ToBase64String(key) + "\n");
        return "--Privacy:MasterKeyFile=" + path;
    }

    /// <summary>The database as someone who copies it gets it: the SQLite files, or PostgreSQL's dump and the database's data files.</summary>
    public async Task<byte[]> CopyAsync() => Engine == Engine.Sqlite
        ? await RawDatabase.SqliteAsync(_folder.Path, "shared.db", live: true)
        : [.. await RawDatabase.PostgresDumpAsync(ConnectionString), .. await RawDatabase.PostgresFilesAsync(ConnectionString)];

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        if (Engine == Engine.Postgres)
        {
            await PostgresDatabase.DropAsync(ConnectionString);
        }

        _folder.Dispose();
    }
}
