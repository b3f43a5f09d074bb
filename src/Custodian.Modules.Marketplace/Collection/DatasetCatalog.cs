using Custodian.Modules.Marketplace.Accounts;
using Custodian.Modules.Marketplace.Collection.Ozon;
using Custodian.Modules.Marketplace.Collection.Wildberries;
using Custodian.Privacy.Abstractions.Analytics;

namespace Custodian.Modules.Marketplace.Collection;

/// <summary>How a marketplace method pages through its answer (what a dataset's checkpoint holds).</summary>
internal enum DatasetPaging
{
    /// <summary>Rows changed after a time; the next page starts at the last row's change time.</summary>
    ChangedSince,

    /// <summary>A growing row id (<c>rrdId</c>, <c>last_id</c>): the next page starts after the last id.</summary>
    AfterLastId,

    /// <summary>An opaque cursor the answer gives for the next page.</summary>
    Cursor,

    /// <summary><c>limit</c>/<c>offset</c> pages until a short one.</summary>
    Offset,

    /// <summary>Date windows walked forward day by day or month by month.</summary>
    DateWindows,

    /// <summary>A "now" state taken as one snapshot per Moscow day.</summary>
    DailySnapshot,
}

/// <summary>
/// One collected dataset, declared: its name, marketplace, table (columns and natural key), the day column that dates
/// its rows, the money columns <c>marketplace stats</c> sums, how often it is collected, how the marketplace pages it,
/// and what sellers call it. Collectors, stats, erasure and the dashboards all read these descriptions.
/// </summary>
internal sealed record DatasetDescription
{
    public DatasetDescription(string name, MarketplaceKind marketplace, AnalyticsTable table, IReadOnlyList<string> moneyColumns, TimeSpan cadence, DatasetPaging paging, string title, string dayColumn = "day_local")
    {
        if (table.Columns.FirstOrDefault(c => c.Name == dayColumn) is not { Type: AnalyticsType.Date })
        {
            throw new ArgumentException($"{name}: {dayColumn} is not a date column of {table.Name}.", nameof(dayColumn));
        }

        if (moneyColumns.FirstOrDefault(m => table.Columns.FirstOrDefault(c => c.Name == m) is not { Type: AnalyticsType.Decimal }) is { } wrong)
        {
            throw new ArgumentException($"{name}: {wrong} is not a money column of {table.Name}.", nameof(moneyColumns));
        }

        (Name, Marketplace, Table, MoneyColumns, Cadence, Paging, Title, DayColumn) = (name, marketplace, table, moneyColumns, cadence, paging, title, dayColumn);
    }

    /// <summary>Stable name used in checkpoints and on the command line, e.g. <c>wb-orders</c>.</summary>
    public string Name { get; }

    public MarketplaceKind Marketplace { get; }

    public AnalyticsTable Table { get; }

    /// <summary>Money columns summed by <c>marketplace stats</c> to reconcile with the marketplace's reports.</summary>
    public IReadOnlyList<string> MoneyColumns { get; }

    /// <summary>How often the scheduler collects it (the documented limits make some datasets slow).</summary>
    public TimeSpan Cadence { get; }

    public DatasetPaging Paging { get; }

    /// <summary>What sellers' pages call it (the English key of the module's translations).</summary>
    public string Title { get; }

    /// <summary>The Moscow day of each row (date ranges in stats and dashboards).</summary>
    public string DayColumn { get; }

    /// <summary>
    /// The access category a Wildberries token needs for this dataset (the token names its categories); a token without
    /// it is not asked, since Wildberries answers such a call with 401, which would read as a refused key.
    /// </summary>
    public string? KeyCategory { get; init; }
}

/// <summary>Every dataset the service collects, in one place.</summary>
internal static class DatasetCatalog
{
    private static readonly TimeSpan HalfHour = TimeSpan.FromMinutes(30), ThreeHours = TimeSpan.FromHours(3), SixHours = TimeSpan.FromHours(6), TwelveHours = TimeSpan.FromHours(12);
    private const MarketplaceKind Wb = MarketplaceKind.Wildberries, Oz = MarketplaceKind.Ozon;

    public static readonly DatasetDescription WbOrders = new("wb-orders", Wb, WildberriesTables.Orders, ["total_price", "finished_price", "price_with_disc"], HalfHour, DatasetPaging.ChangedSince, "Orders") { KeyCategory = "statistics" };
    public static readonly DatasetDescription WbSales = new("wb-sales", Wb, WildberriesTables.Sales, ["for_pay", "finished_price", "price_with_disc"], HalfHour, DatasetPaging.ChangedSince, "Sales and returns") { KeyCategory = "statistics" };
    public static readonly DatasetDescription WbFeedbacks = new("wb-feedbacks", Wb, WildberriesFeedbacks.Facts, [], SixHours, DatasetPaging.Offset, "Reviews") { KeyCategory = "feedbacks" };
    public static readonly DatasetDescription WbFinance = new("wb-finance", Wb, WildberriesFinanceReport.Rows, ["retail_amount", "for_pay", "delivery_rub"], SixHours, DatasetPaging.AfterLastId, "Sales reports") { KeyCategory = "finance" };
    public static readonly DatasetDescription WbCards = new("wb-cards", Wb, WildberriesCards.Cards, [], SixHours, DatasetPaging.Cursor, "Product cards") { KeyCategory = "content" };
    public static readonly DatasetDescription WbStocks = new("wb-stocks", Wb, WildberriesStocksAndPrices.Stocks, [], ThreeHours, DatasetPaging.DailySnapshot, "Stocks") { KeyCategory = "analytics" };
    public static readonly DatasetDescription WbPrices = new("wb-prices", Wb, WildberriesStocksAndPrices.Prices, [], SixHours, DatasetPaging.DailySnapshot, "Prices") { KeyCategory = "prices" };
    public static readonly DatasetDescription WbFunnel = new("wb-funnel", Wb, WildberriesSalesFunnel.Funnel, ["order_sum", "buyout_sum", "cancel_sum"], ThreeHours, DatasetPaging.DateWindows, "Sales funnel") { KeyCategory = "analytics" };
    public static readonly DatasetDescription WbReturns = new("wb-returns", Wb, WildberriesReturns.Returns, [], SixHours, DatasetPaging.DateWindows, "Returns") { KeyCategory = "analytics" };
    public static readonly DatasetDescription OzonProducts = new("ozon-products", Oz, Ozon.OzonProducts.Products, [], SixHours, DatasetPaging.AfterLastId, "Products");
    public static readonly DatasetDescription OzonStocks = new("ozon-stocks", Oz, OzonSnapshot.Stocks, [], ThreeHours, DatasetPaging.DailySnapshot, "Stocks");
    public static readonly DatasetDescription OzonPrices = new("ozon-prices", Oz, OzonSnapshot.Prices, [], SixHours, DatasetPaging.DailySnapshot, "Prices");
    public static readonly DatasetDescription OzonFbo = new("ozon-fbo", Oz, OzonPostings.Fbo, ["commission_amount", "payout"], HalfHour, DatasetPaging.Offset, "FBO orders");
    public static readonly DatasetDescription OzonFbs = new("ozon-fbs", Oz, OzonPostings.Fbs, ["commission_amount", "payout"], HalfHour, DatasetPaging.ChangedSince, "FBS orders");
    public static readonly DatasetDescription OzonAnalytics = new("ozon-analytics", Oz, Ozon.OzonAnalytics.Analytics, ["revenue"], ThreeHours, DatasetPaging.DateWindows, "Views and carts");
    public static readonly DatasetDescription OzonFinance = new("ozon-finance", Oz, OzonTransactions.Transactions, ["accruals_for_sale", "sale_commission", "amount"], SixHours, DatasetPaging.DateWindows, "Finance transactions");
    public static readonly DatasetDescription OzonReturns = new("ozon-returns", Oz, Ozon.OzonReturns.Returns, ["price"], SixHours, DatasetPaging.AfterLastId, "Returns");
    public static readonly DatasetDescription OzonRating = new("ozon-rating", Oz, Ozon.OzonRating.Ratings, [], TwelveHours, DatasetPaging.DailySnapshot, "Seller rating");
    public static readonly DatasetDescription OzonReviews = new("ozon-reviews", Oz, Ozon.OzonReviews.Facts, [], SixHours, DatasetPaging.AfterLastId, "Reviews");

    public static readonly IReadOnlyList<DatasetDescription> All =
    [
        WbOrders, WbSales, WbFeedbacks, WbFinance, WbCards, WbStocks, WbPrices, WbFunnel, WbReturns,
        OzonProducts, OzonStocks, OzonPrices, OzonFbo, OzonFbs, OzonAnalytics, OzonFinance, OzonReturns, OzonRating, OzonReviews,
    ];

    /// <summary>What sellers' pages call a dataset (its name when unknown).</summary>
    public static string TitleOf(string dataset) => All.FirstOrDefault(d => d.Name == dataset)?.Title ?? dataset;
}
