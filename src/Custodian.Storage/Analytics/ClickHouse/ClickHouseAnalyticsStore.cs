using System.Runtime.CompilerServices;
using System.Text;
using Custodian.Privacy.Abstractions.Analytics;

namespace Custodian.Storage.Analytics.ClickHouse;

/// <summary>
/// ClickHouse as the analytics store: <c>ReplacingMergeTree</c> ordered by the natural key, read with
/// <c>FINAL</c> so a re-loaded row is counted once even before the background merge.
/// </summary>
internal sealed class ClickHouseAnalyticsStore(ClickHouseHttp http) : IAnalyticsStore
{
    private volatile bool _databaseReady;

    public string EngineName => "clickhouse";

    public async Task EnsureTableAsync(AnalyticsTable table, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        await EnsureDatabaseAsync(cancellationToken);
        var columns = table.Columns.Select(c => $"{ClickHouseSql.Quote(c.Name)} {ClickHouseSql.TypeOf(c)}");
        await http.ExecuteAsync(
            $"CREATE TABLE IF NOT EXISTS {ClickHouseSql.Quote(table.Name)} ({string.Join(", ", columns)}) " +
            $"ENGINE = ReplacingMergeTree ORDER BY ({string.Join(", ", table.Key.Select(ClickHouseSql.Quote))})",
            cancellationToken);
    }

    public async Task<long> UpsertAsync(AnalyticsTable table, IAsyncEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(rows);
        await EnsureDatabaseAsync(cancellationToken);
        var columns = string.Join(", ", table.Columns.Select(c => ClickHouseSql.Quote(c.Name)));
        return await http.InsertTsvAsync(
            $"INSERT INTO {ClickHouseSql.Quote(table.Name)} ({columns})",
            Lines(table, rows, cancellationToken),
            cancellationToken);
    }

    public async Task<AnalyticsResult> QueryAsync(AnalyticsQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await EnsureDatabaseAsync(cancellationToken);
        var sql = query.Render(t => ClickHouseSql.Quote(t.Name) + " FINAL", ClickHouseSql.Literal);
        List<string>? names = null;
        List<string>? types = null;
        var rows = new List<object?[]>();
        await foreach (var fields in http.QueryTsvAsync(sql, cancellationToken))
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

    public async Task DropTableAsync(AnalyticsTable table, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        await EnsureDatabaseAsync(cancellationToken);
        await http.ExecuteAsync($"DROP TABLE IF EXISTS {ClickHouseSql.Quote(table.Name)}", cancellationToken);
    }

    public Task PingAsync(CancellationToken cancellationToken) => http.PingAsync(cancellationToken);

    // The configured database is created on first use, so a fresh server needs no manual set-up.
    private async Task EnsureDatabaseAsync(CancellationToken cancellationToken)
    {
        if (_databaseReady)
        {
            return;
        }

        await http.ExecuteAsync($"CREATE DATABASE IF NOT EXISTS {ClickHouseSql.Quote(http.Database)}", cancellationToken, useDatabase: false);
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
