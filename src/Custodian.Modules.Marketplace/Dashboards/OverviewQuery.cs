using Custodian.Modules.Marketplace.Accounts;
using Custodian.Privacy.Abstractions.Analytics;
using static Custodian.Modules.Marketplace.Dashboards.AnalyticsRows;

namespace Custodian.Modules.Marketplace.Dashboards;

/// <summary>The Overview numbers of a period or a day (definitions: docs/dashboards.md and the page's help).</summary>
internal sealed record OverviewNumbers(long Orders, long Cancelled, long Units, long Sales, long Returns, decimal Revenue, decimal Payout)
{
    public static readonly OverviewNumbers Zero = new(0, 0, 0, 0, 0, 0m, 0m);

    /// <summary>Sales / (sales + returns) × 100, or null without either.</summary>
    public decimal? BuyoutPercent => Sales + Returns == 0 ? null : Math.Round(100m * Sales / (Sales + Returns), 2);

    /// <summary>Revenue per sale, or null without sales.</summary>
    public decimal? AverageCheck => Sales == 0 ? null : Math.Round(Revenue / Sales, 2);

    public bool IsEmpty => Orders == 0 && Sales == 0 && Returns == 0 && Revenue == 0m && Payout == 0m;

    public OverviewNumbers Add(OverviewNumbers o) =>
        new(Orders + o.Orders, Cancelled + o.Cancelled, Units + o.Units, Sales + o.Sales, Returns + o.Returns, Revenue + o.Revenue, Payout + o.Payout);
}

internal sealed record OverviewDay(DateOnly Day, OverviewNumbers Numbers);

/// <summary>The Overview of the accounts a filter selects: every day of the period, its totals, and the period before when compared.</summary>
internal sealed record Overview(IReadOnlyList<OverviewDay> Days, OverviewNumbers Totals, OverviewNumbers? Previous);

/// <summary>
/// The Overview numbers from the analytics store's <see cref="DailyTotals"/> (where the definitions are); the page and
/// <c>custodian marketplace overview</c> both ask here.
/// </summary>
internal sealed class OverviewQuery(AnalyticsRows store)
{
    public async Task<Overview> RunAsync(IReadOnlyList<DashboardAccount> accounts, DashboardFilter filter, CancellationToken cancellationToken)
    {
        // The period and the one before it are read together in one query; the previous period's totals are the sum of its days.
        var byDay = await ByDayAsync(accounts, filter.Compare ? filter with { From = filter.Previous.From, Compare = false } : filter, cancellationToken);
        OverviewNumbers Sum(DateOnly from, DateOnly to) => byDay.Where(d => d.Key >= from && d.Key <= to).Aggregate(OverviewNumbers.Zero, (sum, d) => sum.Add(d.Value));
        IReadOnlyList<OverviewDay> days = [.. Enumerable.Range(0, filter.Days).Select(i => filter.From.AddDays(i)).Select(d => new OverviewDay(d, byDay.GetValueOrDefault(d, OverviewNumbers.Zero)))];
        return new Overview(days, Sum(filter.From, filter.To), filter.Compare ? Sum(filter.Previous.From, filter.Previous.To) : null);
    }

    /// <summary>The numbers of every day of the filter's period that has any, from the daily totals in one query.</summary>
    private async Task<Dictionary<DateOnly, OverviewNumbers>> ByDayAsync(IReadOnlyList<DashboardAccount> accounts, DashboardFilter filter, CancellationToken cancellationToken)
    {
        var byDay = new Dictionary<DateOnly, OverviewNumbers>();
        foreach (var row in await store.QueryAsync(ByDay(accounts, filter), cancellationToken))
        {
            byDay[Day(row[0])] = new OverviewNumbers(Long(row[1]), Long(row[2]), Long(row[3]), Long(row[4]), Long(row[5]), Decimal(row[6]), Decimal(row[7]));
        }

        return byDay;
    }

    internal static Sql ByDay(IReadOnlyList<DashboardAccount> accounts, DashboardFilter filter) =>
        new Sql($"SELECT day_local, sum(orders) AS orders, sum(cancelled) AS cancelled, sum(units) AS units, sum(sales) AS sales, sum(returns) AS returns, sum(revenue) AS revenue, sum(payout) AS payout FROM {DailyTotals.Table} WHERE")
            .Tenants([.. accounts.Select(a => a.Tenant)]).Append($" AND").In(new AnalyticsColumn("source", AnalyticsType.String), DailyTotals.ForDays(filter))
            .Days("day_local", filter).Products(filter, "sku").Append($" GROUP BY day_local");

    internal static IReadOnlyList<string> Tenants(IReadOnlyList<DashboardAccount> accounts, MarketplaceKind marketplace) =>
        [.. accounts.Where(a => a.Marketplace == marketplace).Select(a => a.Tenant)];
}
