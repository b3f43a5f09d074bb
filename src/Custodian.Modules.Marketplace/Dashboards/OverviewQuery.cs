using Custodian.Modules.Marketplace.Accounts;
using Custodian.Modules.Marketplace.Collection;
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
/// The Overview numbers from the analytics store; the page and <c>custodian marketplace overview</c> both ask here.
/// Wildberries: orders are order lines by order day (cancelled later included), sales and returns are the lines of the
/// sales feed by their day, revenue is the price after the seller's discount (<c>priceWithDisc</c>) of sales minus
/// returns, payout is <c>forPay</c> of sales minus returns. Ozon: orders are FBO and FBS postings by the day Ozon started
/// processing them (<c>in_process_at</c>), units their items; sales are the deliveries Ozon's finance transactions record
/// that day (<c>OperationAgentDeliveredToCustomer</c>: the sale's own date, which the FBS list does not carry), revenue their
/// <c>accruals_for_sale</c> minus the price of items returned that day, payout the <c>amount</c> Ozon credits for them.
/// </summary>
internal sealed class OverviewQuery(AnalyticsRows store)
{
    public async Task<Overview> RunAsync(IReadOnlyList<DashboardAccount> accounts, DashboardFilter filter, CancellationToken cancellationToken)
    {
        // The period and the one before it are read together, one query per table: each query scans (and on ClickHouse
        // merges with FINAL) the parts its days touch, so two queries would cost about twice one over both periods.
        var byDay = await ByDayAsync(accounts, filter.Compare ? filter with { From = filter.Previous.From, Compare = false } : filter, cancellationToken);
        OverviewNumbers Sum(DateOnly from, DateOnly to) => byDay.Where(d => d.Key >= from && d.Key <= to).Aggregate(OverviewNumbers.Zero, (sum, d) => sum.Add(d.Value));
        IReadOnlyList<OverviewDay> days = [.. Enumerable.Range(0, filter.Days).Select(i => filter.From.AddDays(i)).Select(d => new OverviewDay(d, byDay.GetValueOrDefault(d, OverviewNumbers.Zero)))];
        return new Overview(days, Sum(filter.From, filter.To), filter.Compare ? Sum(filter.Previous.From, filter.Previous.To) : null);
    }

    /// <summary>The numbers of every day of the filter's period that has any.</summary>
    private async Task<Dictionary<DateOnly, OverviewNumbers>> ByDayAsync(IReadOnlyList<DashboardAccount> accounts, DashboardFilter filter, CancellationToken cancellationToken)
    {
        var byDay = new Dictionary<DateOnly, OverviewNumbers>();
        void Add(DateOnly day, OverviewNumbers numbers) => byDay[day] = byDay.GetValueOrDefault(day, OverviewNumbers.Zero).Add(numbers);

        var wildberries = Tenants(accounts, MarketplaceKind.Wildberries);
        if (wildberries.Count > 0)
        {
            foreach (var row in await QueryAsync(WildberriesOrders(wildberries, filter), cancellationToken))
            {
                Add(Day(row[0]), OverviewNumbers.Zero with { Orders = Long(row[1]), Cancelled = Long(row[2]), Units = Long(row[1]) });
            }

            foreach (var row in await QueryAsync(WildberriesSales(wildberries, filter), cancellationToken))
            {
                Add(Day(row[0]), OverviewNumbers.Zero with { Sales = Long(row[1]), Returns = Long(row[2]), Revenue = Decimal(row[3]), Payout = Decimal(row[4]) });
            }
        }

        var ozon = filter.ByProductAttributes ? [] : Tenants(accounts, MarketplaceKind.Ozon);
        if (ozon.Count > 0)
        {
            foreach (var postings in (AnalyticsTable[])[DatasetCatalog.OzonFbo.Table, DatasetCatalog.OzonFbs.Table])
            {
                foreach (var row in await QueryAsync(OzonOrders(postings, ozon, filter), cancellationToken))
                {
                    Add(Day(row[0]), OverviewNumbers.Zero with { Orders = Long(row[1]), Cancelled = Long(row[2]), Units = Long(row[3]) });
                }
            }

            foreach (var row in await QueryAsync(OzonDelivered(ozon, filter), cancellationToken))
            {
                Add(Day(row[0]), OverviewNumbers.Zero with { Sales = Long(row[1]), Revenue = Decimal(row[2]), Payout = Decimal(row[3]) });
            }

            foreach (var row in await QueryAsync(OzonReturned(ozon, filter), cancellationToken))
            {
                Add(Day(row[0]), OverviewNumbers.Zero with { Returns = Long(row[1]), Revenue = -Decimal(row[2]) });
            }
        }

        return byDay;
    }

    internal static Sql WildberriesOrders(IReadOnlyList<string> tenants, DashboardFilter filter) =>
        new Sql($"SELECT day_local AS day, count(*) AS orders, sum(CASE WHEN is_cancel THEN 1 ELSE 0 END) AS cancelled FROM {DatasetCatalog.WbOrders.Table} WHERE")
            .Tenants(tenants).Days("day_local", filter).Products(filter, "nm_id").Append($" GROUP BY day_local");

    internal static Sql WildberriesSales(IReadOnlyList<string> tenants, DashboardFilter filter) =>
        new Sql($"SELECT day_local AS day, sum(CASE WHEN kind = 'sale' THEN 1 ELSE 0 END) AS sales, sum(CASE WHEN kind = 'return' THEN 1 ELSE 0 END) AS returns, ")
            .Append($"sum(CASE WHEN kind = 'sale' THEN abs(price_with_disc) WHEN kind = 'return' THEN -abs(price_with_disc) ELSE 0 END) AS revenue, ")
            .Append($"sum(CASE WHEN kind = 'sale' THEN abs(for_pay) WHEN kind = 'return' THEN -abs(for_pay) ELSE 0 END) AS payout FROM {DatasetCatalog.WbSales.Table} WHERE")
            .Tenants(tenants).Days("day_local", filter).Products(filter, "nm_id").Append($" GROUP BY day_local");

    internal static Sql OzonOrders(AnalyticsTable postings, IReadOnlyList<string> tenants, DashboardFilter filter) =>
        new Sql($"SELECT day_local AS day, count(DISTINCT posting_number) AS orders, count(DISTINCT CASE WHEN status = 'cancelled' THEN posting_number END) AS cancelled, sum(quantity) AS units FROM {postings} WHERE")
            .Tenants(tenants).Days("day_local", filter).Products(filter, "sku").Append($" GROUP BY day_local");

    /// <summary>Deliveries to buyers as Ozon's finance records them, by the Moscow day of the operation.</summary>
    internal static Sql OzonDelivered(IReadOnlyList<string> tenants, DashboardFilter filter) =>
        new Sql($"SELECT day_local AS day, count(*) AS sales, sum(accruals_for_sale) AS revenue, sum(amount) AS payout FROM {DatasetCatalog.OzonFinance.Table} WHERE operation_type = 'OperationAgentDeliveredToCustomer' AND")
            .Tenants(tenants).Days("day_local", filter).Products(filter, "sku").Append($" GROUP BY day_local");

    internal static Sql OzonReturned(IReadOnlyList<string> tenants, DashboardFilter filter) =>
        new Sql($"SELECT day_local AS day, sum(quantity) AS returns, sum(price * quantity) AS returned FROM {DatasetCatalog.OzonReturns.Table} WHERE")
            .Tenants(tenants).Days("day_local", filter).Products(filter, "sku").Append($" GROUP BY day_local");

    internal static IReadOnlyList<string> Tenants(IReadOnlyList<DashboardAccount> accounts, MarketplaceKind marketplace) =>
        [.. accounts.Where(a => a.Marketplace == marketplace).Select(a => a.Tenant)];

    private Task<IReadOnlyList<object?[]>> QueryAsync(Sql sql, CancellationToken cancellationToken) => store.QueryAsync(sql, cancellationToken);
}
