using System.Globalization;
using System.Text.Json;
using Custodian.Modules.Marketplace.Accounts;
using Custodian.Privacy.Abstractions.Analytics;
using static Custodian.Modules.Marketplace.Collection.MarketplaceValues;

namespace Custodian.Modules.Marketplace.Collection.Ozon;

/// <summary>
/// A state Ozon shows only as "now" (stocks <c>/v4/product/info/stocks</c>, prices <c>/v5/product/info/prices</c>), read
/// in pages of 1000 continued with the answer's <c>cursor</c>, into rows keyed by the Moscow day (a later run the same
/// day replaces them; earlier days stay as history). The checkpoint holds the day and cursor of a snapshot in progress.
/// </summary>
internal sealed class OzonSnapshot(DatasetDescription description, string path, Func<JsonElement, Guid, DateOnly, DateTime, IEnumerable<object?[]>> map, MarketplaceHttp http, OzonOptions options)
    : IMarketplaceDataset
{
    public const int PageLimit = 1000;

    public DatasetDescription Description => description;

    public async Task CollectAsync(DatasetRun run, CancellationToken cancellationToken)
    {
        var now = run.Clock.GetUtcNow().UtcDateTime;
        var day = MoscowDay(now);
        var dayText = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var cursor = run.Checkpoint.Cursor?.Split('|', 2) is [var started, var saved] && started == dayText ? saved : string.Empty;
        while (true)
        {
            var (page, next) = await http.OzonAsync(options, run, path, new { filter = new { visibility = "ALL" }, cursor, limit = PageLimit }, body => Read(body, run.AccountId, day, now), cancellationToken);
            var done = page.Items < PageLimit || next.Length == 0 || next == cursor;
            await run.CommitPageAsync(description.Table, page.Rows, page.Rejected, done ? null : dayText + "|" + next, cancellationToken);
            if (done)
            {
                return;
            }

            cursor = next;
        }
    }

    private (PageRows Page, string Cursor) Read(byte[] body, Guid account, DateOnly day, DateTime takenAt)
    {
        using var json = JsonDocument.Parse(body);
        return (PageRows.Read(OzonCall.ArrayOf(json.RootElement, "items"), item => map(item, account, day, takenAt)), Text(json.RootElement, "cursor"));
    }

    public static readonly AnalyticsTable Stocks = new(
        "ozon_stocks",
        [
            new("account_id", AnalyticsType.String), new("day_local", AnalyticsType.Date), new("product_id", AnalyticsType.Int64), new("stock_type", AnalyticsType.String),
            new("sku", AnalyticsType.Int64), new("offer_id", AnalyticsType.String), new("present", AnalyticsType.Int64), new("reserved", AnalyticsType.Int64), new("taken_at", AnalyticsType.DateTime),
        ],
        ["account_id", "day_local", "product_id", "stock_type"]) { Version = "taken_at", PartitionByMonthOf = "day_local" };

    public static readonly AnalyticsTable Prices = new(
        "ozon_prices",
        [
            new("account_id", AnalyticsType.String), new("day_local", AnalyticsType.Date), new("product_id", AnalyticsType.Int64), new("offer_id", AnalyticsType.String),
            new("currency", AnalyticsType.String), new("price", AnalyticsType.Decimal), new("old_price", AnalyticsType.Decimal), new("min_price", AnalyticsType.Decimal),
            new("marketing_price", AnalyticsType.Decimal), new("taken_at", AnalyticsType.DateTime),
        ],
        ["account_id", "day_local", "product_id"]) { Version = "taken_at", PartitionByMonthOf = "day_local" };

    public static OzonSnapshot StocksDataset(MarketplaceHttp http, OzonOptions options) => new(DatasetCatalog.OzonStocks, "v4/product/info/stocks", (item, account, day, takenAt) =>
    {
        var productId = RequiredInteger(item, "product_id");
        var offerId = Text(item, "offer_id");
        return OzonCall.ArrayOf(item, "stocks").EnumerateArray().Select(stock => new object?[]
        {
            account.ToString("N"), day, productId, RequiredText(stock, "type"), Integer(stock, "sku"), offerId, Integer(stock, "present"), Integer(stock, "reserved"), takenAt,
        }).ToList();
    }, http, options);

    public static OzonSnapshot PricesDataset(MarketplaceHttp http, OzonOptions options) => new(DatasetCatalog.OzonPrices, "v5/product/info/prices", (item, account, day, takenAt) =>
    {
        var price = item.TryGetProperty("price", out var p) && p.ValueKind == JsonValueKind.Object ? p : throw new RowRejectedException("price");
        return
        [
            [
                account.ToString("N"), day, RequiredInteger(item, "product_id"), Text(item, "offer_id"), Text(price, "currency_code") is { Length: > 0 } c ? c : "RUB",
                Money(price, "price"), Money(price, "old_price"), Money(price, "min_price"), Money(price, "marketing_price"), takenAt,
            ],
        ];
    }, http, options);
}
