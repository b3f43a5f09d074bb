using System.Globalization;
using Custodian.Privacy.Abstractions.Analytics;

namespace Custodian.Modules.Marketplace.Dashboards;

/// <summary>
/// Reading the analytics store for a dashboard: the tables a query reads are created first (a marketplace whose dataset
/// was never collected has no table yet, and an empty answer is the truth then), and values come back as the
/// engine-independent types the store promises.
/// </summary>
internal sealed class AnalyticsRows(IAnalyticsStore store)
{
    private readonly HashSet<string> _ensured = new(StringComparer.Ordinal);

    /// <summary>Runs the query after creating the tables it reads.</summary>
    public Task<IReadOnlyList<object?[]>> QueryAsync(Sql sql, CancellationToken cancellationToken) => QueryAsync(sql, sql.Tables, cancellationToken);

    public async Task<IReadOnlyList<object?[]>> QueryAsync(Sql sql, IReadOnlyList<AnalyticsTable> reads, CancellationToken cancellationToken)
    {
        foreach (var table in reads.Where(t => _ensured.Add(t.Name)))
        {
            await store.EnsureTableAsync(table, cancellationToken);
        }

        return (await store.QueryAsync(sql.Query(), cancellationToken)).Rows;
    }

    public static long Long(object? value) => value is null ? 0 : Convert.ToInt64(value, CultureInfo.InvariantCulture);

    public static long? NullableLong(object? value) => value is null ? null : Convert.ToInt64(value, CultureInfo.InvariantCulture);

    public static decimal Decimal(object? value) => value is null ? 0m : Convert.ToDecimal(value, CultureInfo.InvariantCulture);

    public static string Text(object? value) => value as string ?? Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;

    public static DateOnly Day(object? value) => value switch
    {
        DateOnly d => d,
        DateTime t => DateOnly.FromDateTime(t),
        _ => throw new InvalidOperationException("The analytics store answered a day that is not a date."),
    };

    public static DateTime Instant(object? value) => value switch
    {
        DateTime t => DateTime.SpecifyKind(t, DateTimeKind.Utc),
        _ => throw new InvalidOperationException("The analytics store answered an instant that is not a date and time."),
    };

    /// <summary><paramref name="part"/> of <paramref name="whole"/> in percent (two decimals), or null when the whole is zero.</summary>
    public static decimal? Percent(long part, long whole) => whole == 0 ? null : Math.Round(100m * part / whole, 2);

    /// <summary>A SKU as text: a product number is a name, not a quantity (no thousands separators).</summary>
    public static string Sku(long sku) => sku.ToString(CultureInfo.InvariantCulture);
}
