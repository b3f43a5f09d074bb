using System.Globalization;
using System.Text;
using Custodian.Privacy.Abstractions.Analytics;
using DuckDB.NET.Data;

namespace Custodian.Storage.Analytics.DuckDb;

/// <summary>
/// Embedded DuckDB. One database instance per process (DuckDB locks the file against other processes); each
/// operation opens its own connection so operations can run concurrently. Tables carry no primary-key index: an ART
/// index makes bulk loads three to four times slower, so the natural key is kept by the upsert itself (append the
/// rows, delete the older rows of their keys), which this store runs one at a time per table — sound because no other
/// process can open the file — except two upserts whose callers vouch their keys are disjoint (<see cref="TableWriterGate"/>). Tables created by earlier versions with a primary key keep <c>INSERT OR REPLACE</c>.
/// </summary>
internal sealed class DuckDbAnalyticsStore : IAnalyticsStore, IDisposable
{
    private readonly string _path;
    private readonly Lazy<DuckDBConnection> _root;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, TableWriterGate> _writers = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _keyIndexed = new(StringComparer.Ordinal);

    public DuckDbAnalyticsStore(string path)
    {
        _path = path;
        _root = new Lazy<DuckDBConnection>(OpenRoot, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string EngineName => "duckdb";

    public async Task EnsureTableAsync(AnalyticsTable table, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        var columns = table.Columns.Select(c => $"{Quote(c.Name)} {TypeOf(c)}{(c.Nullable ? "" : " NOT NULL")}");
        var sql = $"CREATE TABLE IF NOT EXISTS {Quote(table.Name)} ({string.Join(", ", columns)})";
        using var connection = Open();
        await ExecuteAsync(connection, sql, cancellationToken);
        if (_widened.ContainsKey(Signature(table)))
        {
            return;
        }

        // A table from an earlier version lacks the nullable columns added since; once per table shape and process.
        foreach (var column in table.Columns.Where(c => c.Nullable))
        {
            await ExecuteAsync(connection, $"ALTER TABLE {Quote(table.Name)} ADD COLUMN IF NOT EXISTS {Quote(column.Name)} {TypeOf(column)}", cancellationToken);
        }

        _widened.TryAdd(Signature(table), true);
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _widened = new(StringComparer.Ordinal);

    private static string Signature(AnalyticsTable table) => table.Name + "|" + string.Join(",", table.Columns.Select(c => c.Name));

    public async Task<long> UpsertAsync(AnalyticsTable table, IAsyncEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(rows);
        return await UpsertAsync(table, rows, shared: false, cancellationToken);
    }

    /// <summary>Beside at most one other such upsert of the table: the caller vouches no writer at the same time has any of these keys.</summary>
    public async Task<long> UpsertDisjointAsync(AnalyticsTable table, IAsyncEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(rows);
        return await UpsertAsync(table, rows, shared: true, cancellationToken);
    }

    private async Task<long> UpsertAsync(AnalyticsTable table, IAsyncEnumerable<object?[]> rows, bool shared, CancellationToken cancellationToken)
    {
        // A table created with a primary key by an earlier version resolves conflicts in the engine: one writer at a time.
        var keyIndexed = await KeyIndexedAsync(table, cancellationToken);
        return await AsTheWriterAsync(table, shared && !keyIndexed, async connection => keyIndexed
            ? await ReplaceThroughStagingAsync(connection, table, rows, cancellationToken)
            : await AppendThenDropOlderAsync(connection, table, rows, cancellationToken), cancellationToken);
    }

    /// <summary>Runs a change of the table as its only writer in this process (no other process can open the file), or as one of two disjoint upserts.</summary>
    private async Task<T> AsTheWriterAsync<T>(AnalyticsTable table, bool shared, Func<DuckDBConnection, Task<T>> change, CancellationToken cancellationToken)
    {
        using var connection = Open();
        using (await _writers.GetOrAdd(table.Name, _ => new TableWriterGate()).EnterAsync(shared, cancellationToken))
        {
            return await change(connection);
        }
    }

    /// <summary>
    /// Appends the rows straight into the table inside one transaction, then deletes every older row of the keys just
    /// written, keeping the last one appended. Rows appended in a transaction get row ids above every committed row
    /// (DuckDB numbers transaction-local rows from a reserved range), so "newest" is the highest row id; a staging table
    /// would copy every value a second time. The newest row id per key is a hash aggregate joined back to the table
    /// (measured faster than numbering every row of the keys with a window).
    /// </summary>
    private static async Task<long> AppendThenDropOlderAsync(DuckDBConnection connection, AnalyticsTable table, IAsyncEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        var name = Quote(table.Name);
        var key = string.Join(", ", table.Key.Select(Quote));
        await ExecuteAsync(connection, "BEGIN TRANSACTION", cancellationToken);
        try
        {
            long before;
            using (var command = connection.CreateCommand())
            {
                command.CommandText = $"SELECT coalesce(max(rowid), -1) FROM {name}";
                before = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
            }

            var count = await AppendAsync(connection, null, table.Name, table, rows, cancellationToken);
            var on = string.Join(" AND ", table.Key.Select(k => $"kept.{Quote(k)} = fresh.{Quote(k)}"));
            await ExecuteAsync(
                connection,
                $"DELETE FROM {name} WHERE rowid IN (SELECT kept.rowid FROM {name} AS kept JOIN (SELECT {key}, max(rowid) AS newest FROM {name} WHERE rowid > {before} GROUP BY {key}) AS fresh " +
                $"ON {on} WHERE kept.rowid < fresh.newest)",
                cancellationToken);
            await ExecuteAsync(connection, "COMMIT", cancellationToken);
            return count;
        }
        catch
        {
            await ExecuteAsync(connection, "ROLLBACK", CancellationToken.None);
            throw;
        }
    }

    /// <summary>Tables with a primary key (created by earlier versions): rows are staged in memory, then <c>INSERT OR REPLACE</c>d.</summary>
    private static async Task<long> ReplaceThroughStagingAsync(DuckDBConnection connection, AnalyticsTable table, IAsyncEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        var staging = $"_staging_{table.Name}_{Guid.NewGuid():N}";
        try
        {
            await ExecuteAsync(connection, $"CREATE TEMP TABLE {Quote(staging)} AS SELECT * FROM {Quote(table.Name)} LIMIT 0", cancellationToken);
            var count = await AppendAsync(connection, "temp", staging, table, rows, cancellationToken);
            var columns = string.Join(", ", table.Columns.Select(c => Quote(c.Name)));
            var key = string.Join(", ", table.Key.Select(Quote));
            await ExecuteAsync(
                connection,
                $"INSERT OR REPLACE INTO {Quote(table.Name)} ({columns}) SELECT {columns} FROM {Quote(staging)} QUALIFY row_number() OVER (PARTITION BY {key} ORDER BY rowid DESC) = 1",
                cancellationToken);
            return count;
        }
        finally
        {
            await ExecuteAsync(connection, $"DROP TABLE IF EXISTS temp.main.{Quote(staging)}", CancellationToken.None);
        }
    }

    private static async Task<long> AppendAsync(DuckDBConnection connection, string? catalog, string target, AnalyticsTable table, IAsyncEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        long count = 0;
        using var appender = connection.CreateAppender(catalog, "main", target);
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            Append(appender.CreateRow(), table, row).EndRow();
            count++;
        }

        return count;
    }

    /// <summary>Whether the table was created with a primary key (by an earlier version): then the engine resolves conflicts.</summary>
    private async Task<bool> KeyIndexedAsync(AnalyticsTable table, CancellationToken cancellationToken)
    {
        if (_keyIndexed.TryGetValue(table.Name, out var known))
        {
            return known;
        }

        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM duckdb_constraints() WHERE schema_name = 'main' AND table_name = {Literal(table.Name)} AND constraint_type = 'PRIMARY KEY'";
        var indexed = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) > 0;
        return _keyIndexed[table.Name] = indexed;
    }

    public async Task<AnalyticsResult> QueryAsync(AnalyticsQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = query.Render(t => Quote(t.Name), Literal);
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
        var result = new List<object?[]>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = AnalyticsValues.Normalise(reader.IsDBNull(i) ? null : reader.GetValue(i));
            }

            result.Add(row);
        }

        return new AnalyticsResult(columns, result);
    }

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
        var list = string.Join(", ", values.Select(v => Literal(AnalyticsValues.ForColumn(target, v))));
        await AsTheWriterAsync(table, shared: false, async connection =>
        {
            await ExecuteAsync(connection, $"DELETE FROM {Quote(table.Name)} WHERE {Quote(target.Name)} IN ({list})", cancellationToken);
            return true;
        }, cancellationToken);
    }

    public async Task DropTableAsync(AnalyticsTable table, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        using var connection = Open();
        await ExecuteAsync(connection, $"DROP TABLE IF EXISTS {Quote(table.Name)}", cancellationToken);
        _keyIndexed.TryRemove(table.Name, out _);
    }

    public async Task PingAsync(CancellationToken cancellationToken)
    {
        using var connection = Open();
        await ExecuteAsync(connection, "SELECT 1", cancellationToken);
    }

    public IReadOnlyList<AnalyticsShard> Shards => [];

    public Task PingShardAsync(AnalyticsShard shard, CancellationToken cancellationToken) =>
        throw new ArgumentOutOfRangeException(nameof(shard), "The embedded engine has no shards.");

    public void Dispose()
    {
        foreach (var writer in _writers.Values)
        {
            writer.Dispose();
        }

        if (_root.IsValueCreated)
        {
            _root.Value.Dispose();
        }
    }

    /// <summary>A DuckDB SQL literal. DuckDB strings know only the doubled quote as escape.</summary>
    internal static string Literal(object? value) => value switch
    {
        null => "NULL",
        string s => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'",
        bool b => b ? "TRUE" : "FALSE",
        DateOnly d => $"DATE '{d:yyyy-MM-dd}'",
        DateTime or DateTimeOffset => $"TIMESTAMP '{AnalyticsValues.UtcInstant(value):yyyy-MM-dd HH:mm:ss}'",
        Guid g => $"'{g:D}'::UUID",
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        double or float => $"CAST('{AnalyticsValues.FloatText(Convert.ToDouble(value, CultureInfo.InvariantCulture))}' AS DOUBLE)",
        sbyte or byte or short or ushort or int or uint or long or ulong => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        _ => throw new ArgumentException($"A {value.GetType().Name} cannot be used as an analytics query value."),
    };

    private static IDuckDBAppenderRow Append(IDuckDBAppenderRow target, AnalyticsTable table, object?[] row)
    {
        if (row.Length != table.Columns.Count)
        {
            throw new ArgumentException($"A row for {table.Name} needs {table.Columns.Count} values, got {row.Length}.");
        }

        for (var i = 0; i < row.Length; i++)
        {
            // Values already of the column's own type go straight in (no conversion, no re-boxing); others are converted.
            target = (table.Columns[i].Type, row[i]) switch
            {
                (AnalyticsType.String, string s) => AppendUtf8(target, s),
                (AnalyticsType.Int64, long n) => target.AppendValue(n),
                (AnalyticsType.Int32, int n) => target.AppendValue(n),
                (AnalyticsType.Decimal, decimal m) when m.Scale <= table.Columns[i].Scale => target.AppendValue(m),
                (AnalyticsType.Boolean, bool b) => target.AppendValue(b),
                (AnalyticsType.Date, DateOnly d) => target.AppendValue((DateOnly?)d),
                (AnalyticsType.DateTime, DateTime { Kind: DateTimeKind.Utc } dt) => target.AppendValue(dt.AddTicks(-(dt.Ticks % TimeSpan.TicksPerSecond))),
                _ => AppendConverted(target, table.Columns[i], row[i]),
            };
        }

        return target;
    }

    /// <summary>
    /// Text as UTF-8 bytes encoded here: the appender's own string path allocates and frees unmanaged memory for every
    /// value (a third of a load's appending time), while bytes go into the VARCHAR vector as they are.
    /// </summary>
    private static IDuckDBAppenderRow AppendUtf8(IDuckDBAppenderRow target, string text)
    {
        var most = Encoding.UTF8.GetMaxByteCount(text.Length);
        Span<byte> bytes = most <= 1024 ? stackalloc byte[most] : new byte[most];
        return target.AppendValue(bytes[..Encoding.UTF8.GetBytes(text, bytes)]);
    }

    private static IDuckDBAppenderRow AppendConverted(IDuckDBAppenderRow target, AnalyticsColumn column, object? raw) =>
        AnalyticsValues.ForColumn(column, raw) switch
        {
            null => target.AppendNullValue(),
            string s => target.AppendValue(s),
            int n => target.AppendValue(n),
            long n => target.AppendValue(n),
            decimal m => target.AppendValue(m),
            double d => target.AppendValue(d),
            bool b => target.AppendValue(b),
            DateOnly d => target.AppendValue((DateOnly?)d),
            DateTime dt => target.AppendValue(dt),
            Guid g => target.AppendValue(g),
            _ => throw new ArgumentException($"Unsupported value for column {column.Name}."),
        };

    private static string TypeOf(AnalyticsColumn column) => column.Type switch
    {
        AnalyticsType.String => "VARCHAR",
        AnalyticsType.Int32 => "INTEGER",
        AnalyticsType.Int64 => "BIGINT",
        AnalyticsType.Decimal => string.Create(CultureInfo.InvariantCulture, $"DECIMAL({column.Precision}, {column.Scale})"),
        AnalyticsType.Float64 => "DOUBLE",
        AnalyticsType.Boolean => "BOOLEAN",
        AnalyticsType.Date => "DATE",
        AnalyticsType.DateTime => "TIMESTAMP",
        AnalyticsType.Uuid => "UUID",
        _ => throw new ArgumentOutOfRangeException(nameof(column), column.Type, "Unknown analytics type."),
    };

    private static string Quote(string identifier) => "\"" + identifier + "\"";

    private static async Task ExecuteAsync(DuckDBConnection connection, string sql, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private DuckDBConnection OpenRoot()
    {
        var connection = new DuckDBConnection(ConnectionString);
        connection.Open();
        // Pages of tens of thousands of rows each write more WAL than the 16 MB default, which would make every upsert
        // checkpoint the database; a larger threshold lets checkpoints batch several pages (replay on recovery stays short).
        using var command = connection.CreateCommand();
        command.CommandText = "SET checkpoint_threshold = '256MB'";
        command.ExecuteNonQuery();
        return connection;
    }

    // DuckDB.NET shares one database instance per file between the connections of a process; the root
    // connection keeps that instance open between operations.
    private DuckDBConnection Open()
    {
        _ = _root.Value;
        var connection = new DuckDBConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    private string ConnectionString => "Data Source=" + _path;
}
