namespace Custodian.Privacy.Abstractions.Analytics;

/// <summary>
/// The columnar store for analytics facts. Two engines implement it (embedded DuckDB, ClickHouse over HTTP);
/// code that uses it writes portable SQL and never learns which engine runs underneath.
/// </summary>
public interface IAnalyticsStore
{
    /// <summary>Short engine name for health output and logs ("duckdb", "clickhouse").</summary>
    string EngineName { get; }

    /// <summary>
    /// Creates the table if it does not exist yet, and adds the nullable columns a table created by an earlier version
    /// lacks (idempotent). A column added later must be nullable: rows already stored have no value for it.
    /// </summary>
    Task EnsureTableAsync(AnalyticsTable table, CancellationToken cancellationToken);

    /// <summary>
    /// Streams rows into the table. A row whose key equals an existing row's key replaces it, so re-loading a
    /// period never duplicates facts. Values follow <see cref="AnalyticsTable.Columns"/> order.
    /// </summary>
    /// <returns>The number of rows sent.</returns>
    Task<long> UpsertAsync(AnalyticsTable table, IAsyncEnumerable<object?[]> rows, CancellationToken cancellationToken);

    /// <summary>
    /// <see cref="UpsertAsync"/> for a caller that vouches no other upsert of the table running at the same time has any
    /// of these rows' keys (a collection run's batches it checked against each other, of an account only that run
    /// collects): the store may run it beside one other such upsert, so a load uses two cores. Engines whose writes
    /// never wait for each other just upsert.
    /// </summary>
    Task<long> UpsertDisjointAsync(AnalyticsTable table, IAsyncEnumerable<object?[]> rows, CancellationToken cancellationToken) =>
        UpsertAsync(table, rows, cancellationToken);

    /// <summary>Runs a read query and returns all rows with engine-independent .NET values.</summary>
    Task<AnalyticsResult> QueryAsync(AnalyticsQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes every row whose <paramref name="column"/> equals <paramref name="value"/> (a tenant's facts when its
    /// account is erased) and returns once they are gone from reads. A table that does not exist yet has no such rows.
    /// </summary>
    Task DeleteWhereAsync(AnalyticsTable table, string column, object value, CancellationToken cancellationToken) =>
        DeleteWhereAsync(table, column, [value], cancellationToken);

    /// <summary>
    /// Deletes every row whose <paramref name="column"/> is one of <paramref name="values"/> in one statement (all
    /// accounts of an erased seller at once) and returns once they are gone from reads. No values: nothing happens.
    /// </summary>
    Task DeleteWhereAsync(AnalyticsTable table, string column, IReadOnlyCollection<object> values, CancellationToken cancellationToken);

    /// <summary>Removes the table and its data (used by retention of whole datasets and by tests).</summary>
    Task DropTableAsync(AnalyticsTable table, CancellationToken cancellationToken);

    /// <summary>Cheap round trip proving the engine answers (a cluster: the server queries go to; its shards through <see cref="PingShardAsync"/>).</summary>
    Task PingAsync(CancellationToken cancellationToken);

    /// <summary>The shards of a cluster, each of which can be down on its own; empty for one server or the embedded engine.</summary>
    IReadOnlyList<AnalyticsShard> Shards { get; }

    /// <summary>A <c>SELECT 1</c> on the shard's own server.</summary>
    Task PingShardAsync(AnalyticsShard shard, CancellationToken cancellationToken);
}

/// <summary>One shard of a cluster: its number (from 1, in configuration order) and where its server listens (host:port, never credentials).</summary>
public sealed record AnalyticsShard(int Number, string Address);
