using Custodian.Modules.Marketplace.Collection;
using Custodian.Privacy.Abstractions.Analytics;
using static Custodian.Modules.Marketplace.Dashboards.AnalyticsRows;

namespace Custodian.Modules.Marketplace.Dashboards;

/// <summary>
/// Keeps an account's <see cref="DailyTotals"/> true to its facts: after a collection stores rows, the days those rows
/// fall on are added up again from the facts (on ClickHouse read with <c>FINAL</c>, so a re-loaded row counts once) and
/// every total that changed is written; a total whose facts moved away (a new brand, a day corrected) is written as zero.
/// </summary>
internal sealed class DailyTotalsRefresh(IAnalyticsStore store, TimeProvider clock)
{
    private readonly record struct TotalKey(DateOnly Day, string Source, long Sku, string Brand, string Subject, string Category, string District, string Region);

    /// <summary>Adds up again, for one account, the days given (every day when null) of the totals a dataset feeds.</summary>
    public async Task RefreshAsync(Guid account, string dataset, IReadOnlyCollection<DateOnly>? days, CancellationToken cancellationToken)
    {
        var sources = DailyTotals.All.Where(s => s.Dataset.Name == dataset).ToList();
        if (sources.Count == 0 || days is { Count: 0 })
        {
            return;
        }

        await store.EnsureTableAsync(sources[0].Facts, cancellationToken);
        await store.EnsureTableAsync(DailyTotals.Table, cancellationToken);
        string[] tenant = [account.ToString("N")];
        DateOnly[]? dayList = days is null ? null : [.. days.Order()];
        Sql Within(Sql sql) => dayList is null ? sql : sql.Append($" AND").In(new AnalyticsColumn("day_local", AnalyticsType.Date), dayList);

        var fresh = new Dictionary<TotalKey, object?[]>();
        foreach (var source in sources)
        {
            var sql = Within(source.Select().Tenants(tenant)).Append($" GROUP BY ").Append(source.GroupBy);
            foreach (var row in (await store.QueryAsync(sql.Query(), cancellationToken)).Rows)
            {
                fresh[new TotalKey(Day(row[0]), source.Name, Long(row[1]), Text(row[2]), Text(row[3]), Text(row[4]), Text(row[5]), Text(row[6]))] = Measures(row, 7);
            }
        }

        // What is stored now: unchanged totals are not written again, and totals no fact adds to any more become zero.
        var stored = Within(new Sql($"SELECT day_local, source, sku, brand, subject, category, district, region, article, name, orders, cancelled, units, sales, returns, revenue, payout, loaded_at FROM {DailyTotals.Table} WHERE")
            .Tenants(tenant).Append($" AND").In(new AnalyticsColumn("source", AnalyticsType.String), [.. sources.Select(s => s.Name)]));
        var newest = DateTime.MinValue;
        foreach (var row in (await store.QueryAsync(stored.Query(), cancellationToken)).Rows)
        {
            newest = Instant(row[17]) > newest ? Instant(row[17]) : newest;
            var key = new TotalKey(Day(row[0]), Text(row[1]), Long(row[2]), Text(row[3]), Text(row[4]), Text(row[5]), Text(row[6]), Text(row[7]));
            var now = Measures(row, 8);
            if (fresh.TryGetValue(key, out var measures))
            {
                if (measures.SequenceEqual(now))
                {
                    fresh.Remove(key);
                }
            }
            else if (!now.Skip(2).SequenceEqual(Zero))
            {
                fresh[key] = [.. now.Take(2), .. Zero];
            }
        }

        if (fresh.Count == 0)
        {
            return;
        }

        // Later than every total it replaces, even when another instance's clock ran ahead (on ClickHouse the higher version wins).
        var clockNow = clock.GetUtcNow().UtcDateTime;
        var loadedAt = newest >= clockNow ? newest.AddSeconds(1) : clockNow;
        await store.UpsertAsync(DailyTotals.Table, fresh.Select(t => (object?[])[tenant[0], t.Key.Day, t.Key.Source, t.Key.Sku, t.Key.Brand, t.Key.Subject, t.Key.Category, t.Key.District, t.Key.Region, .. t.Value, loadedAt]).ToAsyncEnumerable(), cancellationToken);
    }

    /// <summary>Adds up every day of every source again for one account (an account built by an older <see cref="DailyTotals.Version"/>, or facts written outside a collection).</summary>
    public async Task RebuildAsync(Guid account, CancellationToken cancellationToken)
    {
        foreach (var dataset in DailyTotals.All.Select(s => s.Dataset.Name).Distinct())
        {
            await RefreshAsync(account, dataset, null, cancellationToken);
        }
    }

    private static readonly object?[] Zero = [0L, 0L, 0L, 0L, 0L, 0m, 0m];

    /// <summary>Article, name and the seven measures, from <paramref name="start"/> on, as comparable values.</summary>
    private static object?[] Measures(object?[] row, int start) =>
        [Text(row[start]), Text(row[start + 1]), Long(row[start + 2]), Long(row[start + 3]), Long(row[start + 4]), Long(row[start + 5]), Long(row[start + 6]), Decimal(row[start + 7]), Decimal(row[start + 8])];
}
