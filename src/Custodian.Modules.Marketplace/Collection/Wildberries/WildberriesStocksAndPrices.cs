using System.Globalization;
using System.Text.Json;
using Custodian.Privacy.Abstractions.Analytics;
using static Custodian.Modules.Marketplace.Collection.MarketplaceValues;

namespace Custodian.Modules.Marketplace.Collection.Wildberries;

/// <summary>
/// Two snapshots: stock per product size and WB warehouse (<c>POST /api/analytics/v1/stocks-report/wb-warehouses</c>,
/// analytics host, 3 requests a minute) and the seller's prices and discounts per size (<c>GET /api/v2/list/goods/filter</c>, prices host).
/// </summary>
internal static class WildberriesStocksAndPrices
{
    public const int StocksPageLimit = 250_000;
    public const int PricesPageLimit = 1000;

    public static readonly AnalyticsTable Stocks = new(
        "wb_stocks",
        [
            new("account_id", AnalyticsType.String), new("day_local", AnalyticsType.Date), new("nm_id", AnalyticsType.Int64), new("chrt_id", AnalyticsType.Int64),
            new("warehouse_id", AnalyticsType.Int64), new("warehouse_name", AnalyticsType.String), new("region_name", AnalyticsType.String),
            new("quantity", AnalyticsType.Int64), new("in_way_to_client", AnalyticsType.Int64), new("in_way_from_client", AnalyticsType.Int64), new("taken_at", AnalyticsType.DateTime),
        ],
        ["account_id", "day_local", "nm_id", "chrt_id", "warehouse_id"]) { Version = "taken_at", PartitionByMonthOf = "day_local" };

    public static readonly AnalyticsTable Prices = new(
        "wb_prices",
        [
            new("account_id", AnalyticsType.String), new("day_local", AnalyticsType.Date), new("nm_id", AnalyticsType.Int64), new("size_id", AnalyticsType.Int64),
            new("vendor_code", AnalyticsType.String), new("tech_size", AnalyticsType.String), new("currency", AnalyticsType.String), new("price", AnalyticsType.Decimal),
            new("discount_percent", AnalyticsType.Int32), new("discounted_price", AnalyticsType.Decimal), new("club_discounted_price", AnalyticsType.Decimal), new("taken_at", AnalyticsType.DateTime),
        ],
        ["account_id", "day_local", "nm_id", "size_id"]) { Version = "taken_at", PartitionByMonthOf = "day_local" };

    public static WildberriesSnapshot StocksDataset(MarketplaceHttp http, WildberriesOptions options) => new(
        DatasetCatalog.WbStocks, "analytics", StocksPageLimit,
        (host, token, limit, offset) => WildberriesRequest.Post(host, "api/analytics/v1/stocks-report/wb-warehouses", token, JsonSerializer.Serialize(new { nmIds = Array.Empty<long>(), chrtIds = Array.Empty<long>(), limit, offset })),
        ReadStocks, http, options);

    public static WildberriesSnapshot PricesDataset(MarketplaceHttp http, WildberriesOptions options) => new(
        DatasetCatalog.WbPrices, "prices", PricesPageLimit,
        (host, token, limit, offset) => WildberriesRequest.Get(host, string.Create(CultureInfo.InvariantCulture, $"api/v2/list/goods/filter?limit={limit}&offset={offset}"), token),
        ReadPrices, http, options);

    public static PageRows ReadStocks(byte[] body, Guid account, DateOnly day, DateTime takenAt)
    {
        using var json = JsonDocument.Parse(body);
        return PageRows.Read(WildberriesSnapshot.DataArray(json, "items"), item =>
        [
            [
                account.ToString("N"), day, RequiredInteger(item, "nmId"), Integer(item, "chrtId"), Integer(item, "warehouseId"), Text(item, "warehouseName"), Text(item, "regionName"),
                Integer(item, "quantity"), Integer(item, "inWayToClient"), Integer(item, "inWayFromClient"), takenAt,
            ],
        ]);
    }

    /// <summary>One row per product size: each size may have its own price.</summary>
    public static PageRows ReadPrices(byte[] body, Guid account, DateOnly day, DateTime takenAt)
    {
        using var json = JsonDocument.Parse(body);
        return PageRows.Read(WildberriesSnapshot.DataArray(json, "listGoods"), good =>
        {
            var nmId = RequiredInteger(good, "nmID");
            var discount = (int)Integer(good, "discount");
            var currency = Text(good, "currencyIsoCode4217") is { Length: > 0 } c ? c : "RUB";
            if (!good.TryGetProperty("sizes", out var sizes) || sizes.ValueKind != JsonValueKind.Array)
            {
                throw new RowRejectedException("sizes");
            }

            return sizes.EnumerateArray().Select(size => new object?[]
            {
                account.ToString("N"), day, nmId, Integer(size, "sizeID"), Text(good, "vendorCode"), Text(size, "techSizeName"), currency,
                Money(size, "price"), discount, Money(size, "discountedPrice"), Money(size, "clubDiscountedPrice"), takenAt,
            }).ToList();
        });
    }
}
