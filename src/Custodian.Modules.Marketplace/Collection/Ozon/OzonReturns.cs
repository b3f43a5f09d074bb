using System.Globalization;
using System.Text.Json;
using Custodian.Modules.Marketplace.Accounts;
using Custodian.Privacy.Abstractions.Analytics;
using static Custodian.Modules.Marketplace.Collection.MarketplaceValues;

namespace Custodian.Modules.Marketplace.Collection.Ozon;

/// <summary>
/// Returns (<c>/v1/returns/list</c>) whose goods came back since the checkpoint day, 500 a page continued with the last
/// return's <c>id</c> while <c>has_next</c>. The last <see cref="RewindDays"/> days are read again so a return's newer
/// status replaces the older one (keyed by the return id).
/// </summary>
internal sealed class OzonReturns(MarketplaceHttp http, OzonOptions options) : IMarketplaceDataset
{
    public const int PageLimit = 500;
    public const int RewindDays = 14;

    public static readonly AnalyticsTable Returns = new(
        "ozon_returns",
        [
            new("account_id", AnalyticsType.String), new("return_id", AnalyticsType.Int64), new("day_local", AnalyticsType.Date), new("returned_at", AnalyticsType.DateTime),
            new("posting_number", AnalyticsType.String), new("order_id", AnalyticsType.Int64), new("sku", AnalyticsType.Int64), new("offer_id", AnalyticsType.String),
            new("name", AnalyticsType.String), new("quantity", AnalyticsType.Int64), new("price", AnalyticsType.Decimal), new("schema", AnalyticsType.String),
            new("return_type", AnalyticsType.String), new("reason", AnalyticsType.String), new("status", AnalyticsType.String), new("loaded_at", AnalyticsType.DateTime),
        ],
        ["account_id", "return_id"]) { Version = "loaded_at", PartitionByMonthOf = "day_local" };

    public DatasetDescription Description => DatasetCatalog.OzonReturns;

    public async Task CollectAsync(DatasetRun run, CancellationToken cancellationToken)
    {
        var now = run.Clock.GetUtcNow().UtcDateTime;
        var from = run.Since?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)
            ?? (DateTime.TryParseExact(run.Checkpoint.Cursor, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var saved) ? saved : now.Date.AddDays(-OzonPostings.FirstCollectionDays));
        if (run.Since is null && from > now.Date.AddDays(-RewindDays))
        {
            from = now.Date.AddDays(-RewindDays);
        }

        var lastId = 0L;
        while (true)
        {
            var body = new { filter = new { logistic_return_date = new { time_from = OzonRequest.Iso(from), time_to = OzonRequest.Iso(now) } }, limit = PageLimit, last_id = lastId };
            var (page, hasNext, last) = await http.OzonAsync(options, run, "v1/returns/list", body, bytes => Read(bytes, run.AccountId, now), cancellationToken);
            var done = !hasNext || last <= lastId;
            await run.CommitPageAsync(Returns, page.Rows, page.Rejected, (done ? now.Date : from).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), cancellationToken);
            if (done)
            {
                return;
            }

            lastId = last;
        }
    }

    private static (PageRows Page, bool HasNext, long LastId) Read(byte[] body, Guid account, DateTime loadedAt)
    {
        using var json = JsonDocument.Parse(body);
        var returns = OzonCall.ArrayOf(json.RootElement, "returns");
        // Ozon's published example sends 64-bit ids as strings (the schema says int64): read both.
        var last = returns.EnumerateArray().Select(r => long.TryParse(Text(r, "id"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0).DefaultIfEmpty().Max();
        var page = PageRows.Read(returns, item =>
        {
            var product = item.TryGetProperty("product", out var p) && p.ValueKind == JsonValueKind.Object ? p : throw new RowRejectedException("product");
            var price = product.TryGetProperty("price", out var pr) && pr.ValueKind == JsonValueKind.Object ? Money(pr, "price") : 0m;
            var returned = item.TryGetProperty("logistic", out var l) && l.ValueKind == JsonValueKind.Object ? RequiredMoscowTime(l, "return_date") : throw new RowRejectedException("logistic.return_date");
            var status = item.TryGetProperty("visual", out var v) && v.ValueKind == JsonValueKind.Object && v.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.Object ? Text(s, "sys_name") : string.Empty;
            return
            [
                [
                    account.ToString("N"), RequiredInteger(item, "id"), MoscowDay(returned), returned, Text(item, "posting_number"), Integer(item, "order_id"), Integer(product, "sku"),
                    Text(product, "offer_id"), Text(product, "name"), Integer(product, "quantity"), price, Text(item, "schema"), Text(item, "type"), Text(item, "return_reason_name"), status, loadedAt,
                ],
            ];
        });
        return (page, json.RootElement.TryGetProperty("has_next", out var more) && more.ValueKind == JsonValueKind.True, last);
    }
}
