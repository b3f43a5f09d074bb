using System.Text.Json;
using Custodian.Modules.Marketplace.Accounts;
using Custodian.Privacy.Abstractions.Analytics;
using static Custodian.Modules.Marketplace.Collection.MarketplaceValues;

namespace Custodian.Modules.Marketplace.Collection.Ozon;

/// <summary>
/// The assortment: product ids from <c>/v3/product/list</c> (1000 a page, continued with <c>last_id</c>), their details
/// from <c>/v3/product/info/list</c> (names, barcodes, SKU, prices as strings). A full pass each run (the list has no
/// "changed since"); the checkpoint keeps <c>last_id</c> so a run that dies goes on from the last page.
/// </summary>
internal sealed class OzonProducts(MarketplaceHttp http, OzonOptions options) : IMarketplaceDataset
{
    public const int PageLimit = 1000;

    public static readonly AnalyticsTable Products = new(
        "ozon_products",
        [
            new("account_id", AnalyticsType.String), new("product_id", AnalyticsType.Int64), new("day_local", AnalyticsType.Date), new("sku", AnalyticsType.Int64),
            new("offer_id", AnalyticsType.String), new("name", AnalyticsType.String), new("barcode", AnalyticsType.String), new("category_id", AnalyticsType.Int64),
            new("currency", AnalyticsType.String), new("price", AnalyticsType.Decimal), new("old_price", AnalyticsType.Decimal), new("min_price", AnalyticsType.Decimal),
            new("archived", AnalyticsType.Boolean), new("created_at", AnalyticsType.DateTime, Nullable: true), new("updated_at", AnalyticsType.DateTime, Nullable: true), new("loaded_at", AnalyticsType.DateTime),
        ],
        ["account_id", "product_id"]) { Version = "loaded_at" };

    public DatasetDescription Description => DatasetCatalog.OzonProducts;

    public async Task CollectAsync(DatasetRun run, CancellationToken cancellationToken)
    {
        var now = run.Clock.GetUtcNow().UtcDateTime;
        var lastId = run.Checkpoint.Cursor ?? string.Empty;
        while (true)
        {
            var list = await http.OzonAsync(options, run, "v3/product/list", new { filter = new { visibility = "ALL" }, last_id = lastId, limit = PageLimit }, ReadList, cancellationToken);
            var page = list.Ids.Count == 0 ? PageRows.Empty
                : await http.OzonAsync(options, run, "v3/product/info/list", new { product_id = list.Ids }, body => ReadInfo(body, run.AccountId, now), cancellationToken);
            var done = list.LastId.Length == 0 || list.Ids.Count < PageLimit;
            await run.CommitPageAsync(Products, page.Rows, page.Rejected, done ? null : list.LastId, cancellationToken);
            if (done)
            {
                return;
            }

            lastId = list.LastId;
        }
    }

    private sealed record ProductList(List<long> Ids, string LastId);

    private static ProductList ReadList(byte[] body)
    {
        using var json = JsonDocument.Parse(body);
        var result = json.RootElement.TryGetProperty("result", out var r) ? r : throw new JsonException("The product list has no result.");
        var ids = OzonCall.ArrayOf(result, "items").EnumerateArray().Select(i => Integer(i, "product_id")).Where(id => id != 0).ToList();
        return new ProductList(ids, Text(result, "last_id"));
    }

    private static PageRows ReadInfo(byte[] body, Guid account, DateTime loadedAt)
    {
        using var json = JsonDocument.Parse(body);
        return PageRows.Read(OzonCall.ArrayOf(json.RootElement, "items"), item =>
        {
            var updated = MoscowTime(item, "updated_at");
            var sku = item.TryGetProperty("sources", out var sources) && sources.ValueKind == JsonValueKind.Array && sources.GetArrayLength() > 0 ? Integer(sources[0], "sku") : Integer(item, "sku");
            var barcode = item.TryGetProperty("barcodes", out var barcodes) && barcodes.ValueKind == JsonValueKind.Array && barcodes.GetArrayLength() > 0 ? barcodes[0].GetString() ?? string.Empty : string.Empty;
            return
            [
                [
                    account.ToString("N"), RequiredInteger(item, "id"), MoscowDay(updated ?? loadedAt), sku, Text(item, "offer_id"), Text(item, "name"), barcode,
                    Integer(item, "description_category_id"), Text(item, "currency_code"), Money(item, "price"), Money(item, "old_price"), Money(item, "min_price"),
                    Flag(item, "is_archived"), MoscowTime(item, "created_at"), updated, loadedAt,
                ],
            ];
        });
    }
}
