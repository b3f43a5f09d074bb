using Xunit;

namespace Custodian.Testing;

/// <summary>
/// Servers that integration tests need. test.sh starts them and exports where they are. Without one, a test
/// skips with the reason on a developer machine and fails when CI=true, so CI can never pass by skipping.
/// </summary>
public static class RequiredServer
{
    public const string PostgresVariable = "CUSTODIAN_TEST_POSTGRES";
    public const string ClickHouseVariable = "CUSTODIAN_TEST_CLICKHOUSE";
    public const string ClickHouseClusterVariable = "CUSTODIAN_TEST_CLICKHOUSE_CLUSTER";
    public const string ClickHouseShardsVariable = "CUSTODIAN_TEST_CLICKHOUSE_SHARDS";
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string ChromeDriverPath = "/usr/bin/chromedriver";

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Admin connection string of the test PostgreSQL server.</summary>
    public static string Postgres() =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value
            ? value
            : Missing($"PostgreSQL: {PostgresVariable} is not set (run ./test.sh, which starts a throwaway server)");

    /// <summary>HTTP URL of the test ClickHouse server.</summary>
    public static Uri ClickHouse() =>
        Environment.GetEnvironmentVariable(ClickHouseVariable) is { Length: > 0 } value
            ? new Uri(value)
            : Missing<Uri>($"ClickHouse: {ClickHouseVariable} is not set (run ./test.sh, which starts a throwaway server)");

    /// <summary>Name and per-shard HTTP URLs of the test ClickHouse cluster (two shards).</summary>
    public static (string Cluster, IReadOnlyList<Uri> Shards) ClickHouseCluster() =>
        Environment.GetEnvironmentVariable(ClickHouseClusterVariable) is { Length: > 0 } cluster
        && Environment.GetEnvironmentVariable(ClickHouseShardsVariable) is { Length: > 0 } shards
            ? (cluster, shards.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => new Uri(s)).ToList())
            : Missing<(string, IReadOnlyList<Uri>)>($"ClickHouse cluster: {ClickHouseClusterVariable} and {ClickHouseShardsVariable} are not set (run ./test.sh, which starts two servers)");

    /// <summary>The bin folder of the newest installed PostgreSQL (initdb, pg_ctl), for tests that run a server of their own.</summary>
    public static string PostgresBinaries() =>
        (Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql") : [])
            .Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
            .OrderBy(d => Version.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : new Version(0, 0))
            .LastOrDefault()
        ?? Missing("PostgreSQL binaries: no /usr/lib/postgresql/*/bin/initdb (apt-get install postgresql)");

    /// <summary>The clickhouse-server executable, for tests that run servers of their own.</summary>
    public static string ClickHouseServerBinary() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, "clickhouse-server"))
            .FirstOrDefault(File.Exists)
        ?? Missing("ClickHouse binaries: no clickhouse-server on PATH (apt-get install clickhouse-server)");

    public static void Chromium()
    {
        if (!File.Exists(ChromiumPath) || !File.Exists(ChromeDriverPath))
        {
            Missing($"Chromium: {ChromiumPath} and {ChromeDriverPath} are needed (apt-get install chromium chromium-driver)");
        }
    }

    private static string Missing(string what) => Missing<string>(what);

    private static T Missing<T>(string what)
    {
        if (InCi)
        {
            Assert.Fail($"CI=true but a required server is missing. {what}.");
        }

        Assert.Skip($"Skipped: {what}.");
        return default!;
    }
}
