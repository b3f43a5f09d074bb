namespace Custodian.Storage.Analytics;

public enum AnalyticsEngine
{
    DuckDb,
    ClickHouse,
}

/// <summary>Settings under <c>Analytics</c>.</summary>
public sealed class AnalyticsSettings
{
    public const string Section = "Analytics";

    public AnalyticsEngine Engine { get; set; } = AnalyticsEngine.DuckDb;

    /// <summary>DuckDB file; relative paths are inside the data directory. Default <c>analytics.duckdb</c>.</summary>
    public string DuckDbPath { get; set; } = "analytics.duckdb";

    public ClickHouseSettings ClickHouse { get; set; } = new();
}

/// <summary>Settings under <c>Analytics:ClickHouse</c>.</summary>
public sealed class ClickHouseSettings
{
    /// <summary>HTTP interface of one server (port 8123 by default).</summary>
    public Uri Url { get; set; } = new("http://127.0.0.1:8123/");

    public string Database { get; set; } = "custodian";

    public string User { get; set; } = "default";

    public string Password { get; set; } = string.Empty;

    /// <summary>
    /// Name of the cluster in the servers' <c>remote_servers</c> configuration. When set, facts go to a
    /// <c>Distributed</c> table over per-shard tables, sharded by a hash of the natural key.
    /// </summary>
    public string? Cluster { get; set; }

    /// <summary>HTTP interface of one server per shard; table DDL runs on each (ON CLUSTER needs ZooKeeper on 18.16).</summary>
    public IReadOnlyList<Uri> ShardUrls { get; set; } = [];

    /// <summary>Seconds one request may take before it is abandoned.</summary>
    public int TimeoutSeconds { get; set; } = 300;
}
