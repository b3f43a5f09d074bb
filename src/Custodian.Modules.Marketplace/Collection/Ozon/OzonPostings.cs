using System.Globalization;
using System.Text.Json;
using Custodian.Modules.Marketplace.Accounts;
using Custodian.Privacy.Abstractions.Analytics;
using static Custodian.Modules.Marketplace.Collection.MarketplaceValues;

namespace Custodian.Modules.Marketplace.Collection.Ozon;

/// <summary>
/// Orders as postings, one row per posting and SKU: FBO (<c>/v2/posting/fbo/list</c>, created in a window, offset pages,
/// the last <see cref="RewindDays"/> days read again because statuses move on) and FBS (<c>/v3/posting/fbs/list</c>,
/// filtered on <c>last_changed_status_date</c> since the checkpoint, offset pages while <c>has_next</c>). Prices in
/// postings are strings, amounts in <c>financial_data</c> numbers. The buyer's <c>customer</c>, <c>addressee</c> and
/// <c>legal_info</c> that FBS answers may carry are never read: only region and city of delivery are kept.
/// </summary>
internal sealed class OzonPostings(string scheme, MarketplaceHttp http, OzonOptions options) : IMarketplaceDataset
{
    public const int PageLimit = 1000;
    public const int FirstCollectionDays = 90;
    public const int RewindDays = 14;

    private static AnalyticsTable TableOf(string scheme) => new(
        $"ozon_{scheme}_postings",
        [
            new("account_id", AnalyticsType.String), new("posting_number", AnalyticsType.String), new("sku", AnalyticsType.Int64), new("day_local", AnalyticsType.Date),
            new("order_id", AnalyticsType.Int64), new("status", AnalyticsType.String), new("created_at", AnalyticsType.DateTime), new("in_process_at", AnalyticsType.DateTime, Nullable: true),
            new("status_changed_at", AnalyticsType.DateTime, Nullable: true), new("offer_id", AnalyticsType.String), new("name", AnalyticsType.String), new("quantity", AnalyticsType.Int64),
            new("price", AnalyticsType.Decimal), new("currency", AnalyticsType.String), new("commission_amount", AnalyticsType.Decimal), new("payout", AnalyticsType.Decimal),
            new("region", AnalyticsType.String), new("city", AnalyticsType.String), new("warehouse_name", AnalyticsType.String), new("loaded_at", AnalyticsType.DateTime),
        ],
        ["account_id", "posting_number", "sku"]) { Version = "loaded_at", PartitionByMonthOf = "day_local" };

    public static readonly AnalyticsTable Fbo = TableOf("fbo");
    public static readonly AnalyticsTable Fbs = TableOf("fbs");

    public DatasetDescription Description => scheme == "fbo" ? DatasetCatalog.OzonFbo : DatasetCatalog.OzonFbs;

    public async Task CollectAsync(DatasetRun run, CancellationToken cancellationToken)
    {
        var now = run.Clock.GetUtcNow().UtcDateTime;
        var first = now.Date.AddDays(-FirstCollectionDays);
        var from = run.Since?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)
            ?? (DateTime.TryParse(run.Checkpoint.Cursor, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var saved) ? saved : first);
        if (scheme == "fbo" && run.Since is null && from > now.AddDays(-RewindDays))
        {
            from = now.AddDays(-RewindDays);
        }

        var cursor = OzonRequest.Iso(from);
        for (var offset = 0; ; offset += PageLimit)
        {
            object body = scheme == "fbo"
                ? new { dir = "ASC", filter = new { since = OzonRequest.Iso(from), to = OzonRequest.Iso(now), status = "" }, limit = PageLimit, offset, translit = false, with = new { analytics_data = true, financial_data = true } }
                : new { dir = "ASC", filter = new { since = OzonRequest.Iso(from < first ? from : first), to = OzonRequest.Iso(now), last_changed_status_date = new { from = OzonRequest.Iso(from), to = OzonRequest.Iso(now) } }, limit = PageLimit, offset, with = new { analytics_data = true, financial_data = true } };
            var (page, hasNext) = await http.OzonAsync(options, run, scheme == "fbo" ? "v2/posting/fbo/list" : "v3/posting/fbs/list", body, bytes => Read(bytes, run.AccountId, now), cancellationToken);
            var done = scheme == "fbo" ? page.Items < PageLimit : !hasNext;
            await run.CommitPageAsync(Description.Table, page.Rows, page.Rejected, done ? OzonRequest.Iso(now) : cursor, cancellationToken);
            if (done)
            {
                return;
            }
        }
    }

    private (PageRows Page, bool HasNext) Read(byte[] body, Guid account, DateTime loadedAt)
    {
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        if (scheme == "fbo")
        {
            return (PageRows.Read(OzonCall.ArrayOf(root, "result"), posting => Rows(posting, account, loadedAt)), false);
        }

        var result = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("result", out var r) ? r : throw new JsonException("The FBS answer has no result.");
        return (PageRows.Read(OzonCall.ArrayOf(result, "postings"), posting => Rows(posting, account, loadedAt)), result.TryGetProperty("has_next", out var more) && more.ValueKind == JsonValueKind.True);
    }

    private static List<object?[]> Rows(JsonElement posting, Guid account, DateTime loadedAt)
    {
        var number = RequiredText(posting, "posting_number");
        // Ozon's FBS list (v3) carries no created_at, only in_process_at (when Ozon started processing the posting):
        // that is the posting's moment there; the FBO list has both.
        var created = MoscowTime(posting, "created_at") ?? RequiredMoscowTime(posting, "in_process_at");
        var inProcess = MoscowTime(posting, "in_process_at"); // the posting's day: orders are counted when Ozon started processing them
        var analytics = posting.TryGetProperty("analytics_data", out var a) && a.ValueKind == JsonValueKind.Object ? a : default;
        var finance = posting.TryGetProperty("financial_data", out var f) && f.ValueKind == JsonValueKind.Object && f.TryGetProperty("products", out var fp) && fp.ValueKind == JsonValueKind.Array ? fp : default;
        // The FBO list (v2) names the warehouse warehouse_name, the FBS list (v3) warehouse.
        string Analytics(string name) => analytics.ValueKind == JsonValueKind.Object ? Text(analytics, name) : string.Empty;
        var rows = new List<object?[]>();
        var index = 0;
        foreach (var product in OzonCall.ArrayOf(posting, "products").EnumerateArray())
        {
            var money = finance.ValueKind == JsonValueKind.Array && index < finance.GetArrayLength() ? finance[index] : default;
            rows.Add(
            [
                account.ToString("N"), number, RequiredInteger(product, "sku"), MoscowDay(inProcess ?? created), Integer(posting, "order_id"), Text(posting, "status"), created,
                MoscowTime(posting, "in_process_at"), MoscowTime(posting, "last_changed_status_date"), Text(product, "offer_id"), Text(product, "name"), Integer(product, "quantity"),
                Money(product, "price"), Text(product, "currency_code"), money.ValueKind == JsonValueKind.Object ? Money(money, "commission_amount") : 0m,
                money.ValueKind == JsonValueKind.Object ? Money(money, "payout") : 0m, Analytics("region"), Analytics("city"), Analytics("warehouse_name") is { Length: > 0 } w ? w : Analytics("warehouse"), loadedAt,
            ]);
            index++;
        }

        return rows;
    }
}
