using Custodian.Modules.Marketplace.Accounts;
using Custodian.Modules.Marketplace.Collection.Ozon;
using Custodian.Modules.Marketplace.Collection.Wildberries;
using static Custodian.Modules.Marketplace.Dashboards.AnalyticsRows;

namespace Custodian.Modules.Marketplace.Dashboards;

/// <summary>
/// Card views, carts, orders and buyouts of a period. A step the marketplace does not give is null, never zero: Ozon
/// gives no buyouts in its analytics, and views and carts only on Premium Plus.
/// </summary>
internal sealed record FunnelSteps(long? Views, long? Carts, long Orders, long? Buyouts)
{
    public static readonly FunnelSteps Zero = new(null, null, 0, null);

    public decimal? ViewToCart => Views is { } v && Carts is { } c ? Percent(c, v) : null;

    public decimal? CartToOrder => Carts is { } c ? Percent(Orders, c) : null;

    public decimal? OrderToBuyout => Buyouts is { } b ? Percent(b, Orders) : null;
}

/// <summary>One product's funnel for the period.</summary>
internal sealed record FunnelProduct(MarketplaceKind Marketplace, long Sku, string Article, string Name, FunnelSteps Steps);

internal sealed record FunnelDay(DateOnly Day, long? Views, long Orders);

/// <param name="Totals">Each step summed where the marketplace gives it; the conversions of the totals use only the products that have both steps (see <see cref="FunnelQuery"/>).</param>
internal sealed record Funnel(IReadOnlyList<FunnelProduct> Products, IReadOnlyList<FunnelDay> Days, FunnelSteps Totals, decimal? ViewToCart, decimal? CartToOrder, decimal? OrderToBuyout)
{
    public bool IsEmpty => Products.Count == 0;
}

/// <summary>
/// The funnel from the analytics store. Wildberries: the sales funnel report per product and Moscow day (card views
/// <c>openCount</c>, carts <c>cartCount</c>, orders <c>orderCount</c>, buyouts <c>buyoutCount</c> — buyouts of the day,
/// not of the day's orders). Ozon: <c>/v1/analytics/data</c> per SKU and day (views <c>hits_view</c>, carts
/// <c>hits_tocart</c>, ordered units <c>ordered_units</c>); no buyouts. The conversions of the totals divide only
/// where both steps are known, so Ozon's missing views do not lower Wildberries' view-to-cart rate.
/// </summary>
internal sealed class FunnelQuery(AnalyticsRows rows)
{
    public async Task<Funnel> RunAsync(IReadOnlyList<DashboardAccount> accounts, DashboardFilter filter, CancellationToken cancellationToken)
    {
        var products = new List<FunnelProduct>();
        var days = new Dictionary<DateOnly, (long? Views, long Orders)>();
        void AddDay(DateOnly day, long? views, long orders)
        {
            var (v, o) = days.GetValueOrDefault(day, (null, 0));
            days[day] = (views is { } more ? (v ?? 0) + more : v, o + orders);
        }

        var wildberries = OverviewQuery.Tenants(accounts, MarketplaceKind.Wildberries);
        if (wildberries.Count > 0)
        {
            var names = (await rows.QueryAsync(new Sql($"SELECT nm_id, max(title) AS title FROM {WildberriesCards.Cards} WHERE").Tenants(wildberries).Append($" GROUP BY nm_id"), [WildberriesCards.Cards], cancellationToken))
                .ToDictionary(r => Long(r[0]), r => Text(r[1]));
            foreach (var row in await rows.QueryAsync(WildberriesProducts(wildberries, filter), [WildberriesSalesFunnel.Funnel, .. ProductAttributeSql.Reads(filter)], cancellationToken))
            {
                var sku = Long(row[0]);
                products.Add(new FunnelProduct(MarketplaceKind.Wildberries, sku, Text(row[1]), names.GetValueOrDefault(sku, string.Empty), new FunnelSteps(Long(row[2]), Long(row[3]), Long(row[4]), Long(row[5]))));
            }

            foreach (var row in await rows.QueryAsync(WildberriesDays(wildberries, filter), [WildberriesSalesFunnel.Funnel, .. ProductAttributeSql.Reads(filter)], cancellationToken))
            {
                AddDay(Day(row[0]), Long(row[1]), Long(row[2]));
            }
        }

        var ozon = filter.ByProductAttributes ? [] : OverviewQuery.Tenants(accounts, MarketplaceKind.Ozon);
        if (ozon.Count > 0)
        {
            var articles = (await rows.QueryAsync(new Sql($"SELECT sku, max(offer_id) AS offer_id FROM {OzonProducts.Products} WHERE").Tenants(ozon).Append($" GROUP BY sku"), [OzonProducts.Products], cancellationToken))
                .ToDictionary(r => Long(r[0]), r => Text(r[1]));
            foreach (var row in await rows.QueryAsync(OzonProductsSql(ozon, filter), [OzonAnalytics.Analytics], cancellationToken))
            {
                var sku = Long(row[0]);
                var views = Long(row[3]) > 0 ? Long(row[2]) : (long?)null;
                var carts = Long(row[5]) > 0 ? Long(row[4]) : (long?)null;
                products.Add(new FunnelProduct(MarketplaceKind.Ozon, sku, articles.GetValueOrDefault(sku, string.Empty), Text(row[1]), new FunnelSteps(views, carts, Long(row[6]), null)));
            }

            foreach (var row in await rows.QueryAsync(OzonDays(ozon, filter), [OzonAnalytics.Analytics], cancellationToken))
            {
                AddDay(Day(row[0]), Long(row[2]) > 0 ? Long(row[1]) : null, Long(row[3]));
            }
        }

        var anyViews = days.Values.Any(d => d.Views is not null);
        var daily = Enumerable.Range(0, filter.Days).Select(i => filter.From.AddDays(i))
            .Select(d => days.TryGetValue(d, out var v) ? new FunnelDay(d, v.Views ?? (anyViews ? 0 : null), v.Orders) : new FunnelDay(d, anyViews ? 0 : null, 0)).ToList();
        var sorted = products.OrderByDescending(p => p.Steps.Orders).ThenByDescending(p => p.Steps.Views ?? -1).ThenBy(p => p.Marketplace).ThenBy(p => p.Sku).ToList();
        return Summarise(sorted, daily);
    }

    private static Funnel Summarise(IReadOnlyList<FunnelProduct> products, IReadOnlyList<FunnelDay> days)
    {
        static long? SumKnown(IEnumerable<long?> values)
        {
            long? sum = null;
            foreach (var value in values.OfType<long>())
            {
                sum = (sum ?? 0) + value;
            }

            return sum;
        }

        var steps = products.Select(p => p.Steps).ToList();
        var totals = new FunnelSteps(SumKnown(steps.Select(s => s.Views)), SumKnown(steps.Select(s => s.Carts)), steps.Sum(s => s.Orders), SumKnown(steps.Select(s => s.Buyouts)));
        var withViews = steps.Where(s => s.Views is not null && s.Carts is not null).ToList();
        var withCarts = steps.Where(s => s.Carts is not null).ToList();
        var withBuyouts = steps.Where(s => s.Buyouts is not null).ToList();
        return new Funnel(products, days, totals,
            Percent(withViews.Sum(s => s.Carts!.Value), withViews.Sum(s => s.Views!.Value)),
            Percent(withCarts.Sum(s => s.Orders), withCarts.Sum(s => s.Carts!.Value)),
            Percent(withBuyouts.Sum(s => s.Buyouts!.Value), withBuyouts.Sum(s => s.Orders)));
    }

    internal static Sql WildberriesProducts(IReadOnlyList<string> tenants, DashboardFilter filter) =>
        new Sql($"SELECT nm_id, max(vendor_code) AS vendor_code, sum(open_count) AS views, sum(cart_count) AS carts, sum(order_count) AS orders, sum(buyout_count) AS buyouts FROM {WildberriesSalesFunnel.Funnel} WHERE")
            .Tenants(tenants).Days("day_local", filter).Products(filter, "nm_id", hasBrandAndCategory: false).WildberriesAttributes(filter, tenants, "nm_id").Append($" GROUP BY nm_id");

    internal static Sql WildberriesDays(IReadOnlyList<string> tenants, DashboardFilter filter) =>
        new Sql($"SELECT day_local, sum(open_count) AS views, sum(order_count) AS orders FROM {WildberriesSalesFunnel.Funnel} WHERE")
            .Tenants(tenants).Days("day_local", filter).Products(filter, "nm_id", hasBrandAndCategory: false).WildberriesAttributes(filter, tenants, "nm_id").Append($" GROUP BY day_local");

    /// <summary>Views and carts are summed with their count of known values: without Premium Plus they are null, and null is not zero.</summary>
    internal static Sql OzonProductsSql(IReadOnlyList<string> tenants, DashboardFilter filter) =>
        new Sql($"SELECT sku, max(name) AS name, sum(hits_view) AS views, count(hits_view) AS known_views, sum(hits_tocart) AS carts, count(hits_tocart) AS known_carts, sum(ordered_units) AS orders FROM {OzonAnalytics.Analytics} WHERE")
            .Tenants(tenants).Days("day_local", filter).Products(filter, "sku", hasBrandAndCategory: false).Append($" GROUP BY sku");

    internal static Sql OzonDays(IReadOnlyList<string> tenants, DashboardFilter filter) =>
        new Sql($"SELECT day_local, sum(hits_view) AS views, count(hits_view) AS known_views, sum(ordered_units) AS orders FROM {OzonAnalytics.Analytics} WHERE")
            .Tenants(tenants).Days("day_local", filter).Products(filter, "sku", hasBrandAndCategory: false).Append($" GROUP BY day_local");
}
