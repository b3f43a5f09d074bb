using System.Globalization;
using System.Text.Json;
using Custodian.Modules.Marketplace.Accounts;
using Custodian.Privacy.Abstractions.Analytics;
using static Custodian.Modules.Marketplace.Collection.MarketplaceValues;

namespace Custodian.Modules.Marketplace.Collection.Wildberries;

/// <summary>
/// The assortment: product cards (<c>POST /content/v2/get/cards/list</c>) in order of their last change, continued with
/// the cursor (<c>updatedAt</c> + <c>nmID</c>) of the previous page; a page with fewer cards than the limit is the last.
/// The cursor is the checkpoint, so each run reads only cards changed since. One row per card and size.
/// </summary>
internal sealed class WildberriesCards(MarketplaceHttp http, WildberriesOptions options) : IMarketplaceDataset
{
    public const int PageLimit = 100;

    public static readonly AnalyticsTable Cards = new(
        "wb_cards",
        [
            new("account_id", AnalyticsType.String), new("nm_id", AnalyticsType.Int64), new("tech_size", AnalyticsType.String), new("day_local", AnalyticsType.Date),
            new("imt_id", AnalyticsType.Int64), new("vendor_code", AnalyticsType.String), new("brand", AnalyticsType.String), new("subject", AnalyticsType.String),
            new("title", AnalyticsType.String), new("barcodes", AnalyticsType.String), new("updated_at", AnalyticsType.DateTime), new("loaded_at", AnalyticsType.DateTime),
        ],
        ["account_id", "nm_id", "tech_size"]) { Version = "loaded_at" };

    public DatasetDescription Description => DatasetCatalog.WbCards;

    public async Task CollectAsync(DatasetRun run, CancellationToken cancellationToken)
    {
        var cursor = run.Since is null ? run.Checkpoint.Cursor : null;
        var host = options.HostOf("content");
        var now = run.Clock.GetUtcNow().UtcDateTime;
        while (true)
        {
            var body = Request(cursor);
            var page = await http.FetchAsync(
                () => WildberriesRequest.Post(host, "content/v2/get/cards/list", run.Key, body),
                run.Key, "content", options.RequestsPerMinuteOf("content"), (_, bytes) => Read(bytes, run.AccountId, now), cancellationToken);
            var next = page.Cursor ?? cursor;
            await run.CommitPageAsync(Cards, page.Rows, page.Rejected, next, cancellationToken);
            if (page.Total < PageLimit || next == cursor)
            {
                return;
            }

            cursor = next;
        }
    }

    private static string Request(string? cursor)
    {
        var parts = cursor?.Split('|');
        object position = parts is [var at, var nm] ? new { limit = PageLimit, updatedAt = at, nmID = long.Parse(nm, CultureInfo.InvariantCulture) } : new { limit = PageLimit };
        return JsonSerializer.Serialize(new { settings = new { cursor = position, filter = new { withPhoto = -1 } } });
    }

    private sealed record Page(List<object?[]> Rows, Rejections Rejected, int Total, string? Cursor);

    private static Page Read(byte[] body, Guid account, DateTime loadedAt)
    {
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        if (!root.TryGetProperty("cards", out var cards) || cards.ValueKind != JsonValueKind.Array || !root.TryGetProperty("cursor", out var cursor))
        {
            throw new JsonException("The cards answer has no cards and cursor.");
        }

        var rows = new List<object?[]>();
        var rejected = new Rejections();
        foreach (var card in cards.EnumerateArray())
        {
            try
            {
                var nmId = Integer(card, "nmID");
                var updated = RequiredMoscowTime(card, "updatedAt");
                var sizes = card.TryGetProperty("sizes", out var s) && s.ValueKind == JsonValueKind.Array && s.GetArrayLength() > 0 ? s.EnumerateArray().ToList() : [default];
                foreach (var size in sizes)
                {
                    var barcodes = size.ValueKind == JsonValueKind.Object && size.TryGetProperty("skus", out var skus) && skus.ValueKind == JsonValueKind.Array
                        ? string.Join(",", skus.EnumerateArray().Where(b => b.ValueKind == JsonValueKind.String).Select(b => b.GetString())) : string.Empty;
                    rows.Add([account.ToString("N"), nmId, size.ValueKind == JsonValueKind.Object ? Text(size, "techSize") : string.Empty, MoscowDay(updated), Integer(card, "imtID"),
                        Text(card, "vendorCode"), Text(card, "brand"), Text(card, "subjectName"), Text(card, "title"), barcodes, updated, loadedAt]);
                }
            }
            catch (Exception e) when (e is RowRejectedException or InvalidOperationException)
            {
                rejected.Add(e);
            }
        }

        var total = cursor.TryGetProperty("total", out var t) && t.TryGetInt32(out var n) ? n : cards.GetArrayLength();
        var next = cursor.TryGetProperty("updatedAt", out var u) && u.ValueKind == JsonValueKind.String && cursor.TryGetProperty("nmID", out var id) && id.TryGetInt64(out var nm)
            ? u.GetString() + "|" + nm.ToString(CultureInfo.InvariantCulture) : null;
        return new Page(rows, rejected, total, next);
    }
}
