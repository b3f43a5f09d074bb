using Custodian.Modules.Marketplace.Collection;
using Custodian.Privacy.Abstractions.Analytics;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Marketplace.Stats;

/// <summary>What the analytics store holds for one dataset of one account.</summary>
internal sealed record DatasetStats(string Dataset, long Rows, long DistinctKeys, DateOnly? FirstDay, DateOnly? LastDay, IReadOnlyDictionary<string, decimal> Sums, long Rejected, IReadOnlyDictionary<string, long> RejectedByReason, DateTime? LastSuccessUtc, string? LastError);

/// <summary>
/// Per dataset of an account: row count, distinct natural keys (equal when nothing is duplicated), date range and
/// money sums, read from the analytics store itself, so operators can reconcile with the marketplace's reports.
/// </summary>
internal sealed class AccountStats(MarketplaceDb db, MarketplaceDatasets datasets, IAnalyticsStore store)
{
    public async Task<IReadOnlyList<DatasetStats>> ForAsync(Guid accountId, CancellationToken cancellationToken)
    {
        var account = await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == accountId, cancellationToken)
            ?? throw new MarketplaceInputException("account", "No marketplace account with this id.");
        var checkpoints = await db.Checkpoints.AsNoTracking().Where(c => c.AccountId == accountId).ToDictionaryAsync(c => c.Dataset, cancellationToken);
        var tenant = accountId.ToString("N");
        var stats = new List<DatasetStats>();
        foreach (var dataset in datasets.All.Where(d => d.Marketplace == account.Marketplace))
        {
            await store.EnsureTableAsync(dataset.Table, cancellationToken);
            var table = dataset.Table;
            AnalyticsColumn Column(string name) => table.Columns.Single(c => c.Name == name);
            var counts = await store.QueryAsync(AnalyticsQuery.Sql($"SELECT count(*) AS n, min({Column(dataset.Description.DayColumn)}) AS first_day, max({Column(dataset.Description.DayColumn)}) AS last_day FROM {table} WHERE account_id = {tenant}"), cancellationToken);
            var keys = await store.QueryAsync(DistinctKeys(table, tenant), cancellationToken);
            var sums = new Dictionary<string, decimal>(StringComparer.Ordinal);
            foreach (var money in dataset.Description.MoneyColumns)
            {
                var sum = await store.QueryAsync(AnalyticsQuery.Sql($"SELECT sum({Column(money)}) AS s FROM {table} WHERE account_id = {tenant}"), cancellationToken);
                sums[money] = sum.Scalar() is { } value ? Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture) : 0m;
            }

            checkpoints.TryGetValue(dataset.Name, out var checkpoint);
            stats.Add(new DatasetStats(dataset.Name, Convert.ToInt64(counts[0, "n"], System.Globalization.CultureInfo.InvariantCulture), Convert.ToInt64(keys.Scalar(), System.Globalization.CultureInfo.InvariantCulture),
                counts[0, "first_day"] as DateOnly?, counts[0, "last_day"] as DateOnly?, sums, checkpoint?.RowsRejected ?? 0, checkpoint?.RejectionsByReason() ?? new Dictionary<string, long>(), checkpoint?.LastSuccessUtc, checkpoint?.LastError));
        }

        return stats;
    }

    /// <summary>How many distinct natural keys the account has (equal to the rows when nothing is duplicated).</summary>
    private static AnalyticsQuery DistinctKeys(AnalyticsTable table, string tenant)
    {
        var columns = table.Key.Select(k => table.Columns.Single(c => c.Name == k)).ToList();
        var placeholders = string.Join(", ", columns.Select((_, i) => "{" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}"));
        var format = $"SELECT count(*) AS k FROM (SELECT DISTINCT {placeholders} FROM {{{columns.Count}}} WHERE account_id = {{{columns.Count + 1}}}) AS keys";
        return AnalyticsQuery.Sql(System.Runtime.CompilerServices.FormattableStringFactory.Create(format, [.. columns, table, tenant]));
    }
}
