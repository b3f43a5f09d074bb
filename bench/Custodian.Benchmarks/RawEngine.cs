using System.Globalization;
using System.Numerics;
using Custodian.Storage;
using Custodian.Storage.Analytics;
using DuckDB.NET.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Benchmarks;

/// <summary>
/// The analytics engine under the store, reached directly: to generate rows with the engine's own SQL and to run the
/// hand-written baselines. The few spellings that differ between DuckDB and ClickHouse 18.16 are its methods, so one
/// text of SQL serves both engines.
/// </summary>
internal abstract class RawEngine : IAsyncDisposable
{
    public static RawEngine Of(IServiceProvider services)
    {
        var settings = services.GetRequiredService<AnalyticsSettings>();
        if (settings.Engine == AnalyticsEngine.ClickHouse)
        {
            return settings.ClickHouse.Cluster is null
                ? new ClickHouseEngine(settings.ClickHouse)
                : throw new NotSupportedException("The dashboards benchmark runs on one ClickHouse server, not a cluster.");
        }

        return new DuckDbEngine(services.GetRequiredService<DataDirectory>().File(settings.DuckDbPath));
    }

    public abstract string Name { get; }

    /// <summary>What follows a table's name to read it de-duplicated, as the store does (ClickHouse <c>FINAL</c>).</summary>
    public abstract string Final { get; }

    public abstract Task ExecuteAsync(string sql);

    /// <summary>Rows with dates as <see cref="DateOnly"/>, integers as <see cref="long"/>, fixed-point as <see cref="decimal"/>, NULL as null.</summary>
    public abstract Task<List<object?[]>> QueryAsync(string sql);

    /// <summary>A subquery of one column <c>i</c> counting 0 … n − 1.</summary>
    public abstract string Numbers(long n);

    public abstract string Div(string a, string b);

    public abstract string Text(string prefix, string number);

    public abstract string Day(DateOnly day);

    public abstract string DayPlus(DateOnly day, string days);

    public abstract string Instant(DateTime utc);

    public abstract string InstantPlus(DateTime utc, string seconds);

    public abstract string Money(string kopecks);

    public abstract string Flag(string condition);

    public abstract string CountIf(string condition);

    public abstract string SumIf(string value, string condition);

    /// <summary>The Moscow day of a UTC instant column.</summary>
    public abstract string MoscowDay(string instant);

    public abstract ValueTask DisposeAsync();

    protected static object? Normalise(object? value) => value switch
    {
        null or DBNull => null,
        DateOnly d => d,
        DateTime t => DateOnly.FromDateTime(t),
        BigInteger b => (decimal)b,
        sbyte or byte or short or ushort or int or uint or long or ulong => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        _ => value,
    };

    private sealed class DuckDbEngine(string path) : RawEngine
    {
        // The store's file, opened in this process: DuckDB.NET shares one database instance per file between connections.
        private readonly DuckDBConnection _connection = Open(path);

        public override string Name => "duckdb";

        public override string Final => string.Empty;

        private static DuckDBConnection Open(string path)
        {
            var connection = new DuckDBConnection("Data Source=" + path);
            connection.Open();
            return connection;
        }

        public override async Task ExecuteAsync(string sql)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync();
        }

        public override async Task<List<object?[]>> QueryAsync(string sql)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = sql;
            using var reader = await command.ExecuteReaderAsync();
            var rows = new List<object?[]>();
            while (await reader.ReadAsync())
            {
                var row = new object?[reader.FieldCount];
                for (var i = 0; i < row.Length; i++)
                {
                    row[i] = Normalise(reader.IsDBNull(i) ? null : reader.GetValue(i));
                }

                rows.Add(row);
            }

            return rows;
        }

        public override string Numbers(long n) => string.Create(CultureInfo.InvariantCulture, $"SELECT range AS i FROM range({n})");

        public override string Div(string a, string b) => $"(({a}) // ({b}))";

        public override string Text(string prefix, string number) => $"('{prefix}' || CAST({number} AS VARCHAR))";

        public override string Day(DateOnly day) => string.Create(CultureInfo.InvariantCulture, $"DATE '{day:yyyy-MM-dd}'");

        public override string DayPlus(DateOnly day, string days) => string.Create(CultureInfo.InvariantCulture, $"(DATE '{day:yyyy-MM-dd}' + CAST({days} AS INTEGER))");

        public override string Instant(DateTime utc) => string.Create(CultureInfo.InvariantCulture, $"TIMESTAMP '{utc:yyyy-MM-dd HH:mm:ss}'");

        public override string InstantPlus(DateTime utc, string seconds) => string.Create(CultureInfo.InvariantCulture, $"(TIMESTAMP '{utc:yyyy-MM-dd HH:mm:ss}' + to_seconds(CAST({seconds} AS BIGINT)))");

        public override string Money(string kopecks) => $"CAST(CAST({kopecks} AS DOUBLE) / 100 AS DECIMAL(18, 2))";

        public override string Flag(string condition) => $"({condition})";

        public override string CountIf(string condition) => $"count(*) FILTER (WHERE {condition})";

        public override string SumIf(string value, string condition) => $"sum({value}) FILTER (WHERE {condition})";

        public override string MoscowDay(string instant) => $"CAST({instant} + INTERVAL 3 HOUR AS DATE)";

        public override ValueTask DisposeAsync()
        {
            _connection.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>ClickHouse over HTTP, as the store talks to it (18.16: no query parameters, no Bool).</summary>
    private sealed class ClickHouseEngine(ClickHouseSettings settings) : RawEngine
    {
        private readonly HttpClient _http = new() { Timeout = TimeSpan.FromMinutes(30) };

        public override string Name => "clickhouse";

        public override string Final => " FINAL";

        public override async Task ExecuteAsync(string sql) => await PostAsync(sql);

        public override async Task<List<object?[]>> QueryAsync(string sql)
        {
            var text = await PostAsync(sql + "\nFORMAT TabSeparatedWithNamesAndTypes");
            var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var types = lines[1].Split('\t');
            return [.. lines.Skip(2).Select(line => line.Split('\t').Select((value, i) => Parse(value, types[i])).ToArray())];
        }

        private static object? Parse(string value, string type)
        {
            var bare = type.Replace("Nullable(", string.Empty, StringComparison.Ordinal).TrimEnd(')');
            return value == "\\N" ? null
                : bare == "Date" ? DateOnly.ParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture)
                : bare.StartsWith("Decimal", StringComparison.Ordinal) ? decimal.Parse(value, NumberStyles.Number, CultureInfo.InvariantCulture)
                : bare.StartsWith("Int", StringComparison.Ordinal) || bare.StartsWith("UInt", StringComparison.Ordinal) ? long.Parse(value, CultureInfo.InvariantCulture)
                : value;
        }

        private async Task<string> PostAsync(string sql)
        {
            var query = "?database=" + Uri.EscapeDataString(settings.Database)
                + (settings.User is { Length: > 0 } user ? "&user=" + Uri.EscapeDataString(user) : string.Empty)
                + (settings.Password is { Length: > 0 } password ? "&password=" + Uri.EscapeDataString(password) : string.Empty);
            using var content = new StringContent(sql);
            using var response = await _http.PostAsync(new Uri(settings.Url, query), content);
            var body = await response.Content.ReadAsStringAsync();
            return response.IsSuccessStatusCode ? body : throw new InvalidOperationException($"ClickHouse answered {(int)response.StatusCode}: {body}");
        }

        public override string Numbers(long n) => string.Create(CultureInfo.InvariantCulture, $"SELECT number AS i FROM numbers({n})");

        public override string Div(string a, string b) => $"intDiv({a}, {b})";

        public override string Text(string prefix, string number) => $"concat('{prefix}', toString({number}))";

        public override string Day(DateOnly day) => string.Create(CultureInfo.InvariantCulture, $"toDate('{day:yyyy-MM-dd}')");

        public override string DayPlus(DateOnly day, string days) => string.Create(CultureInfo.InvariantCulture, $"(toDate('{day:yyyy-MM-dd}') + {days})");

        public override string Instant(DateTime utc) => string.Create(CultureInfo.InvariantCulture, $"toDateTime('{utc:yyyy-MM-dd HH:mm:ss}', 'UTC')");

        public override string InstantPlus(DateTime utc, string seconds) => string.Create(CultureInfo.InvariantCulture, $"(toDateTime('{utc:yyyy-MM-dd HH:mm:ss}', 'UTC') + {seconds})");

        public override string Money(string kopecks) => $"(toDecimal64({kopecks}, 2) / 100)";

        public override string Flag(string condition) => $"toUInt8({condition})";

        public override string CountIf(string condition) => $"countIf({condition})";

        public override string SumIf(string value, string condition) => $"sumIf({value}, {condition})";

        public override string MoscowDay(string instant) => $"toDate({instant} + 10800)";

        public override ValueTask DisposeAsync()
        {
            _http.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
