using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Custodian.Privacy.Abstractions.Analytics;

namespace Custodian.Modules.Marketplace.Dashboards;

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
