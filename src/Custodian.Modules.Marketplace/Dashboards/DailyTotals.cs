using Custodian.Modules.Marketplace.Collection;
using Custodian.Modules.Marketplace.Collection.Ozon;
using Custodian.Modules.Marketplace.Collection.Wildberries;
using Custodian.Privacy.Abstractions.Analytics;

namespace Custodian.Modules.Marketplace.Dashboards;

/// <summary>
/// One feed of the daily totals: the facts it is computed from and the one SELECT that adds them up per Moscow day (and
/// SKU, brand, subject and category where the facts have them). Every SELECT answers the same columns in the same order
/// (<see cref="DailyTotals.Answers"/>); the WHERE and GROUP BY come from <see cref="DailyTotalsRefresh"/>.
/// </summary>
internal sealed record TotalsSource(string Name, DatasetDescription Dataset, Func<Sql> Select, FormattableString GroupBy)
{
    public AnalyticsTable Facts => Dataset.Table;
}

/// <summary>
/// What every dashboard number of orders, sales, returns and money adds up from: per account, Moscow day, source and SKU,
/// kept by the collection each time it stores rows (ADR 0023). The definitions are the ones the Overview always had
/// (docs/dashboards.md): Wildberries orders are order lines by order day (cancelled later included), sales and returns
/// the lines of the sales feed by their day, revenue the price after the seller's discount of sales minus returns,
/// payout <c>forPay</c>; Ozon orders are postings by the day Ozon started processing them, units their items, sales the
/// deliveries finance records that day, revenue their accruals minus the price of items returned that day, payout the
/// amount credited. An Ozon posting with several SKUs is an order of each SKU, so Ozon's orders per day come from their
/// own feed (<c>…-postings</c>), where each posting counts once.
/// </summary>
internal static class DailyTotals
{
    /// <summary>The version of the definitions; an account whose totals were built by an older one is rebuilt at its next collection.</summary>
    public const int Version = 1;

    public static readonly AnalyticsTable Table = new(
        "mp_daily_totals",
        [
            new("account_id", AnalyticsType.String), new("day_local", AnalyticsType.Date), new("source", AnalyticsType.String), new("sku", AnalyticsType.Int64),
            new("brand", AnalyticsType.String), new("subject", AnalyticsType.String), new("category", AnalyticsType.String),
            new("district", AnalyticsType.String), new("region", AnalyticsType.String), new("article", AnalyticsType.String), new("name", AnalyticsType.String),
            new("orders", AnalyticsType.Int64), new("cancelled", AnalyticsType.Int64), new("units", AnalyticsType.Int64), new("sales", AnalyticsType.Int64), new("returns", AnalyticsType.Int64),
            new("revenue", AnalyticsType.Decimal), new("payout", AnalyticsType.Decimal), new("loaded_at", AnalyticsType.DateTime),
        ],
        ["account_id", "day_local", "source", "sku", "brand", "subject", "category", "district", "region"]) { Version = "loaded_at", PartitionByMonthOf = "day_local" };

    /// <summary>What every source's SELECT answers, in this order (the <c>t_</c> aliases never name a fact column).</summary>
    public static readonly IReadOnlyList<string> Answers = ["day_local", "sku", "brand", "subject", "category", "district", "region", "article", "name", "orders", "cancelled", "units", "sales", "returns", "revenue", "payout"];

    public static readonly TotalsSource WildberriesOrders = new("wb-orders", DatasetCatalog.WbOrders, () => new Sql(
        $"SELECT day_local, nm_id AS t_sku, brand AS t_brand, subject AS t_subject, category AS t_category, '' AS t_district, '' AS t_region, max(supplier_article) AS t_article, '' AS t_name, ")
        .Append($"count(*) AS t_orders, sum(CASE WHEN is_cancel THEN 1 ELSE 0 END) AS t_cancelled, count(*) AS t_units, 0 AS t_sales, 0 AS t_returns, 0 AS t_revenue, 0 AS t_payout ")
        .Append($"FROM {WildberriesTables.Orders} WHERE"), $"day_local, nm_id, brand, subject, category");

    public static readonly TotalsSource WildberriesSales = new("wb-sales", DatasetCatalog.WbSales, () => new Sql(
        $"SELECT day_local, nm_id AS t_sku, brand AS t_brand, subject AS t_subject, category AS t_category, '' AS t_district, '' AS t_region, max(supplier_article) AS t_article, '' AS t_name, 0 AS t_orders, 0 AS t_cancelled, 0 AS t_units, ")
        .Append($"sum(CASE WHEN kind = 'sale' THEN 1 ELSE 0 END) AS t_sales, sum(CASE WHEN kind = 'return' THEN 1 ELSE 0 END) AS t_returns, ")
        .Append($"sum(CASE WHEN kind = 'sale' THEN abs(price_with_disc) WHEN kind = 'return' THEN -abs(price_with_disc) ELSE 0 END) AS t_revenue, ")
        .Append($"sum(CASE WHEN kind = 'sale' THEN abs(for_pay) WHEN kind = 'return' THEN -abs(for_pay) ELSE 0 END) AS t_payout FROM {WildberriesTables.Sales} WHERE"),
        $"day_local, nm_id, brand, subject, category");

    public static readonly TotalsSource OzonFbo = OzonOrders("ozon-fbo", DatasetCatalog.OzonFbo, bySku: true);
    public static readonly TotalsSource OzonFbs = OzonOrders("ozon-fbs", DatasetCatalog.OzonFbs, bySku: true);
    public static readonly TotalsSource OzonFboPostings = OzonOrders("ozon-fbo-postings", DatasetCatalog.OzonFbo, bySku: false);
    public static readonly TotalsSource OzonFbsPostings = OzonOrders("ozon-fbs-postings", DatasetCatalog.OzonFbs, bySku: false);

    public static readonly TotalsSource OzonDelivered = new("ozon-delivered", DatasetCatalog.OzonFinance, () => new Sql(
        $"SELECT day_local, sku AS t_sku, '' AS t_brand, '' AS t_subject, '' AS t_category, '' AS t_district, '' AS t_region, '' AS t_article, '' AS t_name, 0 AS t_orders, 0 AS t_cancelled, 0 AS t_units, ")
        .Append($"count(*) AS t_sales, 0 AS t_returns, sum(accruals_for_sale) AS t_revenue, sum(amount) AS t_payout ")
        .Append($"FROM {OzonTransactions.Transactions} WHERE operation_type = 'OperationAgentDeliveredToCustomer' AND"), $"day_local, sku");

    public static readonly TotalsSource OzonReturned = new("ozon-returns", DatasetCatalog.OzonReturns, () => new Sql(
        $"SELECT day_local, sku AS t_sku, '' AS t_brand, '' AS t_subject, '' AS t_category, '' AS t_district, '' AS t_region, max(offer_id) AS t_article, max(name) AS t_name, 0 AS t_orders, 0 AS t_cancelled, 0 AS t_units, ")
        .Append($"0 AS t_sales, sum(quantity) AS t_returns, -sum(price * quantity) AS t_revenue, 0 AS t_payout FROM {Collection.Ozon.OzonReturns.Returns} WHERE"), $"day_local, sku");

    public static readonly TotalsSource WildberriesOrderPlaces = new("wb-orders-places", DatasetCatalog.WbOrders, () => new Sql(
        $"SELECT day_local, 0 AS t_sku, '' AS t_brand, '' AS t_subject, '' AS t_category, oblast_okrug_name AS t_district, region_name AS t_region, '' AS t_article, '' AS t_name, ")
        .Append($"count(*) AS t_orders, 0 AS t_cancelled, 0 AS t_units, 0 AS t_sales, 0 AS t_returns, 0 AS t_revenue, 0 AS t_payout FROM {WildberriesTables.Orders} WHERE"),
        $"day_local, oblast_okrug_name, region_name");

    public static readonly TotalsSource WildberriesSalePlaces = new("wb-sales-places", DatasetCatalog.WbSales, () => new Sql(
        $"SELECT day_local, 0 AS t_sku, '' AS t_brand, '' AS t_subject, '' AS t_category, oblast_okrug_name AS t_district, region_name AS t_region, '' AS t_article, '' AS t_name, ")
        .Append($"0 AS t_orders, 0 AS t_cancelled, 0 AS t_units, count(*) AS t_sales, 0 AS t_returns, 0 AS t_revenue, 0 AS t_payout FROM {WildberriesTables.Sales} WHERE kind = 'sale' AND"),
        $"day_local, oblast_okrug_name, region_name");

    public static readonly TotalsSource OzonFboPlaces = OzonPlaces("ozon-fbo-places", DatasetCatalog.OzonFbo);
    public static readonly TotalsSource OzonFbsPlaces = OzonPlaces("ozon-fbs-places", DatasetCatalog.OzonFbs);

    public static readonly IReadOnlyList<TotalsSource> All =
    [
        WildberriesOrders, WildberriesSales, OzonFbo, OzonFbs, OzonFboPostings, OzonFbsPostings, OzonDelivered, OzonReturned,
        WildberriesOrderPlaces, WildberriesSalePlaces, OzonFboPlaces, OzonFbsPlaces,
    ];

    /// <summary>
    /// Orders and sales by place for the Geography page (Wildberries: federal district and region; Ozon: region; sales are
    /// Wildberries sale lines and Ozon's delivered items). They carry no product, so a filter by product reads the facts.
    /// </summary>
    public static readonly IReadOnlyList<TotalsSource> Places = [WildberriesOrderPlaces, WildberriesSalePlaces, OzonFboPlaces, OzonFbsPlaces];

    /// <summary>The sources that add up per SKU (an Ozon posting with several SKUs counts for each).</summary>
    public static readonly IReadOnlyList<TotalsSource> BySku = [WildberriesOrders, WildberriesSales, OzonFbo, OzonFbs, OzonDelivered, OzonReturned];

    /// <summary>Whether the dataset's rows feed any totals.</summary>
    public static bool Feeds(string dataset) => All.Any(s => s.Dataset.Name == dataset);

    /// <summary>
    /// The Moscow days whose totals stored rows of a dataset change: each row's day, and for Ozon postings also the day of
    /// the posting's creation — a posting is dated by creation until Ozon starts processing it, and then its day moves,
    /// so the day it leaves must be added up again as well.
    /// </summary>
    public static IReadOnlyCollection<DateOnly> DaysOf(string dataset, AnalyticsTable table, IReadOnlyList<object?[]> rows)
    {
        var columns = table.Columns.Select(c => c.Name).ToList();
        var day = columns.IndexOf("day_local");
        if (!Feeds(dataset) || day < 0)
        {
            return [];
        }

        var former = dataset is "ozon-fbo" or "ozon-fbs" ? columns.IndexOf("created_at") : -1;
        var days = new HashSet<DateOnly>();
        foreach (var row in rows)
        {
            if (row[day] is DateOnly stored)
            {
                days.Add(stored);
            }

            if (former >= 0 && row[former] is DateTime created)
            {
                days.Add(MarketplaceValues.MoscowDay(created));
            }
        }

        return days;
    }

    /// <summary>
    /// The sources of a day's totals under a filter: Ozon's orders per posting unless one SKU is asked for, and no Ozon at all
    /// when the filter names a brand or category (Ozon's rows carry neither).
    /// </summary>
    public static IReadOnlyList<string> ForDays(DashboardFilter filter) =>
        [.. (filter.ByProductAttributes ? [WildberriesOrders, WildberriesSales]
            : filter.Sku is null ? [WildberriesOrders, WildberriesSales, OzonFboPostings, OzonFbsPostings, OzonDelivered, OzonReturned]
            : (IEnumerable<TotalsSource>)[WildberriesOrders, WildberriesSales, OzonFbo, OzonFbs, OzonDelivered, OzonReturned]).Select(s => s.Name)];

    /// <summary>The per-SKU sources under a filter (no Ozon when it names a brand or category).</summary>
    public static IReadOnlyList<string> ForSkus(DashboardFilter filter) =>
        [.. (filter.ByProductAttributes ? [WildberriesOrders, WildberriesSales] : BySku).Select(s => s.Name)];

    private static TotalsSource OzonPlaces(string name, DatasetDescription dataset) => new(name, dataset, () =>
        new Sql($"SELECT day_local, 0 AS t_sku, '' AS t_brand, '' AS t_subject, '' AS t_category, '' AS t_district, region AS t_region, '' AS t_article, '' AS t_name, ")
            .Append($"count(DISTINCT posting_number) AS t_orders, 0 AS t_cancelled, 0 AS t_units, sum(CASE WHEN status = 'delivered' THEN quantity ELSE 0 END) AS t_sales, ")
            .Append($"0 AS t_returns, 0 AS t_revenue, 0 AS t_payout FROM {dataset.Table} WHERE"),
        $"day_local, region");

    private static TotalsSource OzonOrders(string name, DatasetDescription dataset, bool bySku) => new(name, dataset, () =>
        new Sql(bySku
                ? (FormattableString)$"SELECT day_local, sku AS t_sku, '' AS t_brand, '' AS t_subject, '' AS t_category, '' AS t_district, '' AS t_region, max(offer_id) AS t_article, max(name) AS t_name, "
                : $"SELECT day_local, 0 AS t_sku, '' AS t_brand, '' AS t_subject, '' AS t_category, '' AS t_district, '' AS t_region, '' AS t_article, '' AS t_name, ")
            .Append($"count(DISTINCT posting_number) AS t_orders, count(DISTINCT CASE WHEN status = 'cancelled' THEN posting_number END) AS t_cancelled, sum(quantity) AS t_units, ")
            .Append($"0 AS t_sales, 0 AS t_returns, 0 AS t_revenue, 0 AS t_payout FROM {dataset.Table} WHERE"),
        bySku ? (FormattableString)$"day_local, sku" : $"day_local");
}
