using System.Runtime.CompilerServices;
using System.Text;
using Custodian.Privacy.Abstractions.Analytics;

namespace Custodian.Storage.Analytics.ClickHouse;

/// <summary>
/// ClickHouse as the analytics store: <c>ReplacingMergeTree</c> ordered by the natural key, read with
/// <c>FINAL</c> so a re-loaded row is counted once even before the background merge. With a cluster, each shard
/// holds <c>{table}_local</c> and every node a <c>Distributed</c> <c>{table}</c> sharded by a hash of the key, so
/// all versions of one fact land on the same shard and <c>FINAL</c> still sees them together.
/// </summary>
internal sealed class ClickHouseAnalyticsStore : IAnalyticsStore
{
    private const string LocalSuffix = "_local";
    private readonly ClickHouseHttp _http;
    private readonly string? _cluster;
    private readonly IReadOnlyList<ClickHouseHttp> _shards;
    private volatile bool _databaseReady;

    public ClickHouseAnalyticsStore(ClickHouseHttp http, string? cluster = null, IReadOnlyList<ClickHouseHttp>? shards = null)
    {
        _http = http;
        _cluster = cluster;
        _shards = shards ?? [];
        if (_cluster is not null && _shards.Count == 0)
        {
            throw new ArgumentException("A cluster needs the HTTP address of one server per shard.", nameof(shards));
        }
    }

    /// <summary>Every server that needs DDL: the shards, and the server queries go to.</summary>
    private IEnumerable<ClickHouseHttp> Nodes => _shards.Prepend(_http).DistinctBy(n => n.Url);

    public string EngineName => "clickhouse";

    public async Task EnsureTableAsync(AnalyticsTable table, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        await EnsureDatabaseAsync(cancellationToken);
        var columns = string.Join(", ", table.Columns.Select(c => $"{ClickHouseSql.Quote(c.Name)} {ClickHouseSql.TypeOf(c)}"));
        var key = string.Join(", ", table.Key.Select(ClickHouseSql.Quote));
        var engine = ClickHouseSql.ReplacingEngine(table);
        if (_cluster is null)
        {
            await _http.ExecuteAsync(
                $"CREATE TABLE IF NOT EXISTS {ClickHouseSql.Quote(table.Name)} ({columns}) ENGINE = {engine} ORDER BY ({key})",
                cancellationToken);
            await AddMissingColumnsAsync([(_http, table.Name)], table, cancellationToken);
            return;
        }

        foreach (var shard in _shards)
        {
            await shard.ExecuteAsync(
                $"CREATE TABLE IF NOT EXISTS {ClickHouseSql.Quote(table.Name + LocalSuffix)} ({columns}) ENGINE = {engine} ORDER BY ({key})",
                cancellationToken);
        }

        var widened = _widened.ContainsKey(Signature(table));

        foreach (var node in Nodes)
        {
            // A Distributed table holds no rows: one lacking a column added since is created again rather than altered (18.16 then reads it wrongly).
            if (!widened && await ColumnsOfAsync(node, table.Name, cancellationToken) is { Count: > 0 } present && table.Columns.Any(c => !present.Contains(c.Name)))
            {
                await node.ExecuteAsync($"DROP TABLE IF EXISTS {ClickHouseSql.Quote(table.Name)}", cancellationToken);
            }

            await node.ExecuteAsync(
                $"CREATE TABLE IF NOT EXISTS {ClickHouseSql.Quote(table.Name)} ({columns}) " +
                $"ENGINE = Distributed({ClickHouseSql.StringLiteral(_cluster)}, {ClickHouseSql.StringLiteral(node.Database)}, " +
                $"{ClickHouseSql.StringLiteral(table.Name + LocalSuffix)}, cityHash64({key}))",
                cancellationToken);
        }

        await AddMissingColumnsAsync([.. _shards.Select(s => (s, table.Name + LocalSuffix))], table, cancellationToken);
    }

    private static async Task<HashSet<string>> ColumnsOfAsync(ClickHouseHttp node, string name, CancellationToken cancellationToken)
    {
        var existing = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in node.QueryTsvAsync($"SELECT name FROM system.columns WHERE database = currentDatabase() AND table = {ClickHouseSql.StringLiteral(name)}", cancellationToken))
        {
            existing.Add(row[0] ?? string.Empty);
        }

        return existing;
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _widened = new(StringComparer.Ordinal);

    private static string Signature(AnalyticsTable table) => table.Name + "|" + string.Join(",", table.Columns.Select(c => c.Name));

    /// <summary>A table from an earlier version lacks the nullable columns added since; checked once per table shape and process.</summary>
    private async Task AddMissingColumnsAsync(IReadOnlyList<(ClickHouseHttp Node, string Name)> targets, AnalyticsTable table, CancellationToken cancellationToken)
    {
        var signature = Signature(table);
        if (_widened.ContainsKey(signature))
        {
            return;
        }

        foreach (var (node, name) in targets)
        {
            // ClickHouse 18.16 has no ADD COLUMN IF NOT EXISTS: the table's columns are read first.
            var existing = await ColumnsOfAsync(node, name, cancellationToken);

            var missing = table.Columns.Where(c => c.Nullable && existing.Count > 0 && !existing.Contains(c.Name)).ToList();
            foreach (var column in missing)
            {
                await node.ExecuteAsync($"ALTER TABLE {ClickHouseSql.Quote(name)} ADD COLUMN {ClickHouseSql.Quote(column.Name)} {ClickHouseSql.TypeOf(column)}", cancellationToken);
            }

            if (missing.Count > 0 && name.EndsWith(LocalSuffix, StringComparison.Ordinal))
            {
                // 18.16 reads parts written before the column through a Distributed table with FINAL wrongly; one merge writes the column into them.
                await node.ExecuteAsync($"OPTIMIZE TABLE {ClickHouseSql.Quote(name)} FINAL", cancellationToken);
            }
        }

        _widened.TryAdd(signature, true);
    }

    public async Task<long> UpsertAsync(AnalyticsTable table, IAsyncEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(rows);
        await EnsureDatabaseAsync(cancellationToken);
        var columns = string.Join(", ", table.Columns.Select(c => ClickHouseSql.Quote(c.Name)));
        return await _http.InsertTsvAsync(
            $"INSERT INTO {ClickHouseSql.Quote(table.Name)} ({columns})",
            Lines(table, rows, cancellationToken),
            cancellationToken);
    }

    public async Task<AnalyticsResult> QueryAsync(AnalyticsQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await EnsureDatabaseAsync(cancellationToken);
        return await ReadAsync(_http, query.Render(t => ClickHouseSql.Quote(t.Name) + " FINAL", ClickHouseSql.Literal), cancellationToken);
    }

    /// <summary>Runs a read on one server: the first two lines name and type the columns, the rest are values.</summary>
    private static async Task<AnalyticsResult> ReadAsync(ClickHouseHttp node, string sql, CancellationToken cancellationToken)
    {
        List<string>? names = null;
        List<string>? types = null;
        var rows = new List<object?[]>();
        await foreach (var fields in node.QueryTsvAsync(sql, cancellationToken))
        {
            if (names is null)
            {
                names = fields.Select(f => f ?? string.Empty).ToList();
                continue;
            }

            if (types is null)
            {
                types = fields.Select(f => f ?? string.Empty).ToList();
                continue;
            }

            rows.Add(fields.Select((f, i) => ClickHouseSql.ParseValue(f, types[i])).ToArray());
        }

        return new AnalyticsResult(names ?? [], rows);
    }

    /// <summary>
    /// <c>ALTER TABLE … DELETE</c> on the table that holds the rows (each shard's local table in a cluster). Mutations run
    /// in the background on 18.16 (no <c>mutations_sync</c>), so this waits until none of the table's is left unfinished.
    /// </summary>
    public async Task DeleteWhereAsync(AnalyticsTable table, string column, IReadOnlyCollection<object> values, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(values);
        var target = table.Columns.SingleOrDefault(c => c.Name == column) ?? throw new ArgumentException($"{table.Name} has no column {column}.", nameof(column));
        if (values.Count == 0)
        {
            return;
        }

        await EnsureTableAsync(table, cancellationToken);
        var list = string.Join(", ", values.Select(v => ClickHouseSql.Literal(AnalyticsValues.ForColumn(target, v))));
        var (holders, name) = _cluster is null ? ((IEnumerable<ClickHouseHttp>)[_http], table.Name) : (_shards, table.Name + LocalSuffix);
        foreach (var holder in holders)
        {
            await holder.ExecuteAsync($"ALTER TABLE {ClickHouseSql.Quote(name)} DELETE WHERE {ClickHouseSql.Quote(target.Name)} IN ({list})", cancellationToken);
        }

        foreach (var holder in holders)
        {
            var unfinished = $"SELECT count() FROM system.mutations WHERE database = currentDatabase() AND table = {ClickHouseSql.StringLiteral(name)} AND is_done = 0";
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromMinutes(5));
            while (Convert.ToInt64((await ReadAsync(holder, unfinished, timeout.Token)).Scalar(), System.Globalization.CultureInfo.InvariantCulture) > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), timeout.Token);
            }
        }
    }

    public async Task DropTableAsync(AnalyticsTable table, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        await EnsureDatabaseAsync(cancellationToken);
        foreach (var node in Nodes)
        {
            await node.ExecuteAsync($"DROP TABLE IF EXISTS {ClickHouseSql.Quote(table.Name)}", cancellationToken);
            await node.ExecuteAsync($"DROP TABLE IF EXISTS {ClickHouseSql.Quote(table.Name + LocalSuffix)}", cancellationToken);
        }
    }

    public Task PingAsync(CancellationToken cancellationToken) => _http.PingAsync(cancellationToken);

    public IReadOnlyList<AnalyticsShard> Shards => [.. _shards.Select((shard, i) => new AnalyticsShard(i + 1, shard.Address))];

    public Task PingShardAsync(AnalyticsShard shard, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shard);
        return shard.Number >= 1 && shard.Number <= _shards.Count
            ? _shards[shard.Number - 1].SelectOneAsync(cancellationToken)
            : throw new ArgumentOutOfRangeException(nameof(shard), shard.Number, $"The cluster has {_shards.Count} shard(s).");
    }

    // The configured database is created on first use, so a fresh server needs no manual set-up.
    private async Task EnsureDatabaseAsync(CancellationToken cancellationToken)
    {
        if (_databaseReady)
        {
            return;
        }

        foreach (var node in Nodes)
        {
            await node.ExecuteAsync($"CREATE DATABASE IF NOT EXISTS {ClickHouseSql.Quote(node.Database)}", cancellationToken, useDatabase: false);
        }

        _databaseReady = true;
    }

    private static async IAsyncEnumerable<string> Lines(AnalyticsTable table, IAsyncEnumerable<object?[]> rows, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var line = new StringBuilder();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            if (row.Length != table.Columns.Count)
            {
                throw new ArgumentException($"A row for {table.Name} needs {table.Columns.Count} values, got {row.Length}.");
            }

            line.Clear();
            for (var i = 0; i < row.Length; i++)
            {
                if (i > 0)
                {
                    line.Append('\t');
                }

                ClickHouseSql.AppendTsvValue(line, AnalyticsValues.ForColumn(table.Columns[i], row[i]));
            }

            yield return line.ToString();
        }
    }
}
