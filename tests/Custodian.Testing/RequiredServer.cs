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
