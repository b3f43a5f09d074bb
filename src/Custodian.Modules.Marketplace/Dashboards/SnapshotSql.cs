using System.Globalization;
using System.Runtime.CompilerServices;
using System.Collections.Concurrent;
using Custodian.Privacy.Abstractions.Analytics;

namespace Custodian.Modules.Marketplace.Dashboards;

/// <summary>WHERE pieces for snapshot tables (stocks, prices: one snapshot per account and Moscow day) and SKU lists.</summary>
internal static class SnapshotSql
{
    /// <summary>Rows of each account's own latest snapshot day: <c>(account_id = a AND day_local = d) OR …</c>; none without days.</summary>
    public static Sql Latest(this Sql sql, IReadOnlyDictionary<string, DateOnly> days)
    {
        if (days.Count == 0)
        {
            return sql.Append($" 1 = 0");
        }

        sql.Append($" (");
        var first = true;
        foreach (var (tenant, day) in days.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            sql.Append(first ? $"(account_id = {tenant} AND day_local = {day})" : (FormattableString)$" OR (account_id = {tenant} AND day_local = {day})");
            first = false;
        }

        return sql.Append($")");
    }

    /// <summary>Appends <c>AND column IN (n1, n2, …)</c>; an empty set matches nothing.</summary>
    public static Sql AndIn(this Sql sql, string column, IReadOnlyCollection<long> values)
    {
        var name = new AnalyticsColumn(column, AnalyticsType.Int64);
        if (values.Count == 0)
        {
            return sql.Append($" AND 1 = 0");
        }

        sql.Append($" AND {name} IN (");
        var first = true;
        foreach (var value in values.Order())
        {
            sql.Append(first ? $"{value}" : (FormattableString)$", {value}");
            first = false;
        }

        return sql.Append($")");
    }
}

/// <summary>
/// Creates an analytics table the first time a dashboard reads it in this process: a table appears with the first
/// collection of its dataset, and an account whose key lacks a category (or that has not been collected yet) would
/// otherwise make the page fail instead of showing nothing.
/// </summary>
internal static class EnsuredTables
{
    private static readonly ConditionalWeakTable<IAnalyticsStore, ConcurrentDictionary<string, bool>> Ensured = [];

    public static async Task<IReadOnlyList<object?[]>> RowsAsync(this IAnalyticsStore store, AnalyticsTable table, Sql sql, CancellationToken cancellationToken)
    {
        var ensured = Ensured.GetOrCreateValue(store);
        if (!ensured.ContainsKey(table.Name))
        {
            await store.EnsureTableAsync(table, cancellationToken);
            ensured[table.Name] = true;
        }

        return (await store.QueryAsync(sql.Query(), cancellationToken)).Rows;
    }
}

/// <summary>Reading the normalised values of analytics rows (longs, decimals, dates, strings; null as zero or empty).</summary>
internal static class AnalyticsCells
{
    public static long Long(object? value) => value is null ? 0 : Convert.ToInt64(value, CultureInfo.InvariantCulture);

    public static decimal Decimal(object? value) => value is null ? 0m : Convert.ToDecimal(value, CultureInfo.InvariantCulture);

    public static string Text(object? value) => value as string ?? string.Empty;

    public static DateOnly Day(object? value) => value switch
    {
        DateOnly d => d,
        DateTime t => DateOnly.FromDateTime(t),
        _ => throw new InvalidOperationException("The analytics store answered a day that is not a date."),
    };
}
