using Microsoft.Extensions.Configuration;

namespace Custodian.Storage.Records;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>The records database chosen by <c>Database:Provider</c> and <c>Database:ConnectionString</c>.</summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public const string ProviderSetting = "Database:Provider";
    public const string ConnectionStringSetting = "Database:ConnectionString";

    /// <summary>Reads and checks the settings; SQLite defaults to a file in the data directory.</summary>
    public static DatabaseSettings Resolve(IConfiguration configuration, Func<DataDirectory> dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(dataDirectory);
        var providerName = configuration[ProviderSetting];
        var connectionString = configuration[ConnectionStringSetting];
        var provider = ParseProvider(providerName);
        return provider switch
        {
            DatabaseProvider.Sqlite => new DatabaseSettings(
                provider,
                string.IsNullOrWhiteSpace(connectionString)
                    ? $"Data Source={dataDirectory().File("custodian.db")};Foreign Keys=True"
                    : connectionString),
            _ => new DatabaseSettings(
                provider,
                string.IsNullOrWhiteSpace(connectionString)
                    ? throw new SettingProblemException(ConnectionStringSetting, "is required when Database:Provider is Postgres (e.g. Host=127.0.0.1;Database=custodian;Username=custodian;Password=...).")
                    : connectionString),
        };
    }

    private static DatabaseProvider ParseProvider(string? name) => name?.Trim().ToUpperInvariant() switch
    {
        null or "" or "SQLITE" => DatabaseProvider.Sqlite,
        "POSTGRES" or "POSTGRESQL" or "NPGSQL" => DatabaseProvider.Postgres,
        _ => throw new SettingProblemException(ProviderSetting, $"'{name}' is not a known provider; use Sqlite (embedded default) or Postgres."),
    };

    /// <summary>Never print connection strings: they can carry passwords.</summary>
    public override string ToString() => $"{Provider} database";
}
