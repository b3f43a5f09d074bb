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

    /// <summary>The properties of a statistics row the tables use (everything else in the row is never read).</summary>
    private static class F
    {
        public static readonly JsonField Date = JsonField.Of("date"), LastChangeDate = JsonField.Of("lastChangeDate"), Srid = JsonField.Of("srid"), SaleId = JsonField.Of("saleID"),
            WarehouseName = JsonField.Of("warehouseName"), RegionName = JsonField.Of("regionName"), OblastOkrugName = JsonField.Of("oblastOkrugName"),
            SupplierArticle = JsonField.Of("supplierArticle"), NmId = JsonField.Of("nmId"), Barcode = JsonField.Of("barcode"), Category = JsonField.Of("category"),
            Subject = JsonField.Of("subject"), Brand = JsonField.Of("brand"), TechSize = JsonField.Of("techSize"), TotalPrice = JsonField.Of("totalPrice"),
            DiscountPercent = JsonField.Of("discountPercent"), Spp = JsonField.Of("spp"), FinishedPrice = JsonField.Of("finishedPrice"), PriceWithDisc = JsonField.Of("priceWithDisc"),
            IsCancel = JsonField.Of("isCancel"), CancelDate = JsonField.Of("cancelDate"), PaymentSaleAmount = JsonField.Of("paymentSaleAmount"), ForPay = JsonField.Of("forPay");

        public static readonly JsonField[] Orders = [Date, LastChangeDate, Srid, WarehouseName, RegionName, OblastOkrugName, SupplierArticle, NmId, Barcode, Category, Subject, Brand, TechSize, TotalPrice, DiscountPercent, Spp, FinishedPrice, PriceWithDisc, IsCancel, CancelDate];

        public static readonly JsonField[] Sales = [Date, LastChangeDate, Srid, SaleId, WarehouseName, RegionName, OblastOkrugName, SupplierArticle, NmId, Barcode, Category, Subject, Brand, TechSize, TotalPrice, DiscountPercent, Spp, PaymentSaleAmount, ForPay, FinishedPrice, PriceWithDisc];
    }

    public static IReadOnlyCollection<JsonField> OrderFields => F.Orders;

    public static IReadOnlyCollection<JsonField> SaleFields => F.Sales;

    public static JsonField LastChange => F.LastChangeDate;

    public static object?[] OrderRow(JsonElement row, Guid account, DateTime loadedAt) => OrderRow(new ElementRow(row), account, loadedAt);

    public static object?[] SaleRow(JsonElement row, Guid account, DateTime loadedAt) => SaleRow(new ElementRow(row), account, loadedAt);

    public static object?[] OrderRow<TRow>(TRow row, Guid account, DateTime loadedAt)
        where TRow : IJsonRow
    {
        var ordered = row.RequiredMoscowTime(F.Date);
        var cancelled = row.MoscowTime(F.CancelDate);
        return
        [
            RepeatedValues.AccountText(account), row.RequiredText(F.Srid), RepeatedValues.Boxed(MoscowDay(ordered)), ordered, row.RequiredMoscowTime(F.LastChangeDate),
            row.Text(F.WarehouseName), row.Text(F.RegionName), row.Text(F.OblastOkrugName), row.Text(F.SupplierArticle), RepeatedValues.Boxed(row.Integer(F.NmId)),
            row.Text(F.Barcode), row.Text(F.Category), row.Text(F.Subject), row.Text(F.Brand), row.Text(F.TechSize),
            RepeatedValues.Boxed(row.Money(F.TotalPrice)), RepeatedValues.Boxed((int)row.Integer(F.DiscountPercent)), RepeatedValues.Boxed(row.Money(F.Spp)),
            RepeatedValues.Boxed(row.Money(F.FinishedPrice)), RepeatedValues.Boxed(row.Money(F.PriceWithDisc)),
            RepeatedValues.Boxed(row.Flag(F.IsCancel) || cancelled is not null), cancelled, RepeatedValues.Boxed(loadedAt),
        ];
    }

    public static object?[] SaleRow<TRow>(TRow row, Guid account, DateTime loadedAt)
        where TRow : IJsonRow
    {
        var sold = row.RequiredMoscowTime(F.Date);
        var saleId = row.RequiredText(F.SaleId);
        return
        [
            RepeatedValues.AccountText(account), saleId, RepeatedValues.Boxed(MoscowDay(sold)), saleId[0] switch { 'S' => "sale", 'R' => "return", 'D' => "surcharge", 'A' => "storno-return", 'B' => "storno-sale", _ => "other" },
            row.Text(F.Srid), sold, row.RequiredMoscowTime(F.LastChangeDate),
            row.Text(F.WarehouseName), row.Text(F.RegionName), row.Text(F.OblastOkrugName), row.Text(F.SupplierArticle), RepeatedValues.Boxed(row.Integer(F.NmId)),
            row.Text(F.Barcode), row.Text(F.Category), row.Text(F.Subject), row.Text(F.Brand), row.Text(F.TechSize),
            RepeatedValues.Boxed(row.Money(F.TotalPrice)), RepeatedValues.Boxed((int)row.Integer(F.DiscountPercent)), RepeatedValues.Boxed(row.Money(F.Spp)),
            RepeatedValues.Boxed(row.Money(F.PaymentSaleAmount)), RepeatedValues.Boxed(row.Money(F.ForPay)),
            RepeatedValues.Boxed(row.Money(F.FinishedPrice)), RepeatedValues.Boxed(row.Money(F.PriceWithDisc)), RepeatedValues.Boxed(loadedAt),
        ];
    }
}
