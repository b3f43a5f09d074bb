using System.Globalization;
using Custodian.Privacy.Abstractions.Analytics;
using DuckDB.NET.Data;

namespace Custodian.Storage.Analytics.DuckDb;

/// <summary>
/// Embedded DuckDB. One database instance per process (DuckDB locks the file against other processes); each
/// operation opens its own connection so operations can run concurrently.
/// </summary>
internal sealed class DuckDbAnalyticsStore : IAnalyticsStore, IDisposable
{
    private readonly string _path;
    private readonly Lazy<DuckDBConnection> _root;

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
        var sql = $"CREATE TABLE IF NOT EXISTS {Quote(table.Name)} ({string.Join(", ", columns)}, PRIMARY KEY ({string.Join(", ", table.Key.Select(Quote))}))";
        using var connection = Open();
        await ExecuteAsync(connection, sql, cancellationToken);
    }

    public async Task<long> UpsertAsync(AnalyticsTable table, IAsyncEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(rows);
        using var connection = Open();
        // The appender cannot resolve conflicts, so rows land in a staging table first and are merged by key.
        var staging = Quote($"_staging_{table.Name}_{Guid.NewGuid():N}");
        await ExecuteAsync(connection, $"CREATE TABLE {staging} AS SELECT * FROM {Quote(table.Name)} LIMIT 0", cancellationToken);
        try
        {
            long count = 0;
            using (var appender = connection.CreateAppender(staging.Trim('"')))
            {
                await foreach (var row in rows.WithCancellation(cancellationToken))
                {
                    Append(appender.CreateRow(), table, row).EndRow();
                    count++;
                }
            }

            var columns = string.Join(", ", table.Columns.Select(c => Quote(c.Name)));
            var key = string.Join(", ", table.Key.Select(Quote));
            await ExecuteAsync(
                connection,
                $"INSERT OR REPLACE INTO {Quote(table.Name)} ({columns}) SELECT {columns} FROM {staging} " +
                $"QUALIFY row_number() OVER (PARTITION BY {key} ORDER BY rowid DESC) = 1",
                cancellationToken);
            return count;
        }
        finally
        {
            await ExecuteAsync(connection, $"DROP TABLE IF EXISTS {staging}", CancellationToken.None);
        }
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

    public async Task DropTableAsync(AnalyticsTable table, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        using var connection = Open();
        await ExecuteAsync(connection, $"DROP TABLE IF EXISTS {Quote(table.Name)}", cancellationToken);
    }

    public async Task PingAsync(CancellationToken cancellationToken)
    {
        using var connection = Open();
        await ExecuteAsync(connection, "SELECT 1", cancellationToken);
    }

    public void Dispose()
    {
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
            var value = AnalyticsValues.ForColumn(table.Columns[i], row[i]);
            target = value switch
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
                _ => throw new ArgumentException($"Unsupported value for column {table.Columns[i].Name}."),
            };
        }

        return target;
    }

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
