using System.Text.Json;
using Custodian.Privacy.Abstractions.Analytics;
using static Custodian.Modules.Marketplace.Collection.MarketplaceValues;

namespace Custodian.Modules.Marketplace.Collection.Wildberries;

/// <summary>
/// The analytics tables of Wildberries facts and how a JSON row becomes a table row. Every table starts with the
/// seller account (the tenant), times are UTC with the Moscow day beside them, and <c>loaded_at</c> is the version.
/// Buyer-linked values are not kept: <c>gNumber</c> (a buyer's basket) and <c>sticker</c> are not requested columns.
/// </summary>
internal static class WildberriesTables
{
    private static readonly AnalyticsColumn[] Product =
    [
        new("warehouse_name", AnalyticsType.String), new("region_name", AnalyticsType.String), new("oblast_okrug_name", AnalyticsType.String),
        new("supplier_article", AnalyticsType.String), new("nm_id", AnalyticsType.Int64), new("barcode", AnalyticsType.String),
        new("category", AnalyticsType.String), new("subject", AnalyticsType.String), new("brand", AnalyticsType.String), new("tech_size", AnalyticsType.String),
    ];

    public static readonly AnalyticsTable Orders = new(
        "wb_orders",
        [
            new("account_id", AnalyticsType.String), new("srid", AnalyticsType.String), new("day_local", AnalyticsType.Date),
            new("ordered_at", AnalyticsType.DateTime), new("last_change_at", AnalyticsType.DateTime), .. Product,
            new("total_price", AnalyticsType.Decimal), new("discount_percent", AnalyticsType.Int32), new("spp", AnalyticsType.Decimal),
            new("finished_price", AnalyticsType.Decimal), new("price_with_disc", AnalyticsType.Decimal),
            new("is_cancel", AnalyticsType.Boolean), new("cancelled_at", AnalyticsType.DateTime, Nullable: true), new("loaded_at", AnalyticsType.DateTime),
        ],
        ["account_id", "srid"]) { Version = "loaded_at", PartitionByMonthOf = "day_local" };

    public static readonly AnalyticsTable Sales = new(
        "wb_sales",
        [
            new("account_id", AnalyticsType.String), new("sale_id", AnalyticsType.String), new("day_local", AnalyticsType.Date),
            new("kind", AnalyticsType.String), new("srid", AnalyticsType.String),
            new("sold_at", AnalyticsType.DateTime), new("last_change_at", AnalyticsType.DateTime), .. Product,
            new("total_price", AnalyticsType.Decimal), new("discount_percent", AnalyticsType.Int32), new("spp", AnalyticsType.Decimal),
            new("payment_sale_amount", AnalyticsType.Decimal), new("for_pay", AnalyticsType.Decimal),
            new("finished_price", AnalyticsType.Decimal), new("price_with_disc", AnalyticsType.Decimal), new("loaded_at", AnalyticsType.DateTime),
        ],
        ["account_id", "sale_id"]) { Version = "loaded_at", PartitionByMonthOf = "day_local" };

    public static object?[] OrderRow(JsonElement row, Guid account, DateTime loadedAt)
    {
        var ordered = RequiredMoscowTime(row, "date");
        var cancelled = MoscowTime(row, "cancelDate");
        return
        [
            account.ToString("N"), RequiredText(row, "srid"), MoscowDay(ordered), ordered, RequiredMoscowTime(row, "lastChangeDate"), .. ProductValues(row),
            Money(row, "totalPrice"), (int)Integer(row, "discountPercent"), Money(row, "spp"), Money(row, "finishedPrice"), Money(row, "priceWithDisc"),
            Flag(row, "isCancel") || cancelled is not null, cancelled, loadedAt,
        ];
    }

    public static object?[] SaleRow(JsonElement row, Guid account, DateTime loadedAt)
    {
        var sold = RequiredMoscowTime(row, "date");
        var saleId = RequiredText(row, "saleID");
        return
        [
            account.ToString("N"), saleId, MoscowDay(sold), saleId[0] switch { 'S' => "sale", 'R' => "return", 'D' => "surcharge", 'A' => "storno-return", 'B' => "storno-sale", _ => "other" },
            Text(row, "srid"), sold, RequiredMoscowTime(row, "lastChangeDate"), .. ProductValues(row),
            Money(row, "totalPrice"), (int)Integer(row, "discountPercent"), Money(row, "spp"), Money(row, "paymentSaleAmount"), Money(row, "forPay"),
            Money(row, "finishedPrice"), Money(row, "priceWithDisc"), loadedAt,
        ];
    }

    private static object?[] ProductValues(JsonElement row) =>
    [
        Text(row, "warehouseName"), Text(row, "regionName"), Text(row, "oblastOkrugName"), Text(row, "supplierArticle"), Integer(row, "nmId"),
        Text(row, "barcode"), Text(row, "category"), Text(row, "subject"), Text(row, "brand"), Text(row, "techSize"),
    ];
}
