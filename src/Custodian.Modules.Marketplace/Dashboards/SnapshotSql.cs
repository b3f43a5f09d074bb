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
    public static Sql AndIn(this Sql sql, string column, IReadOnlyCollection<long> values) =>
        sql.Append($" AND").In(new AnalyticsColumn(column, AnalyticsType.Int64), [.. values.Order()]);
}
