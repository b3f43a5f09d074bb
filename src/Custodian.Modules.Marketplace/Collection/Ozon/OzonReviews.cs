using System.Text.Json;
using Custodian.Modules.Marketplace.Accounts;
using Custodian.Modules.Marketplace.Reviews;
using Custodian.Privacy.Abstractions.Analytics;
using static Custodian.Modules.Marketplace.Collection.MarketplaceValues;

namespace Custodian.Modules.Marketplace.Collection.Ozon;

/// <summary>
/// Buyers' reviews (<c>/v1/review/list</c>, oldest first, 100 a page continued with <c>last_id</c>; the checkpoint keeps
/// it, so each run reads only new reviews). Ozon opens the method to Premium Plus sellers only: a 403 is recorded as
/// "not available", not as an error. Ratings go to the analytics store; texts are kept encrypted in the module's
/// records like Wildberries review texts (register marketplace-buyers).
/// </summary>
internal sealed class OzonReviews(MarketplaceHttp http, OzonOptions options) : IMarketplaceDataset
{
    public const int PageLimit = 100;
    public const string NotAvailable = "Reviews are not available on this Ozon plan (Premium Plus needed).";

    public static readonly AnalyticsTable Facts = new(
        "ozon_reviews",
        [
            new("account_id", AnalyticsType.String), new("review_id", AnalyticsType.String), new("day_local", AnalyticsType.Date), new("published_at", AnalyticsType.DateTime),
            new("sku", AnalyticsType.Int64), new("rating", AnalyticsType.Int32), new("status", AnalyticsType.String), new("text_length", AnalyticsType.Int32), new("loaded_at", AnalyticsType.DateTime),
        ],
        ["account_id", "review_id"]) { Version = "loaded_at", PartitionByMonthOf = "day_local" };

    public DatasetDescription Description => DatasetCatalog.OzonReviews;

    public async Task CollectAsync(DatasetRun run, CancellationToken cancellationToken)
    {
        var now = run.Clock.GetUtcNow().UtcDateTime;
        var lastId = run.Since is null ? run.Checkpoint.Cursor ?? string.Empty : string.Empty;
        while (true)
        {
            var body = new { last_id = lastId, limit = PageLimit, sort_dir = "ASC", status = "ALL" };
            if (await http.OzonIfPermittedAsync(options, run, "v1/review/list", body, bytes => Read(bytes, run.AccountId, now), cancellationToken) is not { } page)
            {
                run.Notice = NotAvailable;
                return;
            }

            await run.CommitPageAsync(Facts, page.Rows.Rows, page.Rows.Rejected, page.LastId.Length > 0 ? page.LastId : lastId, cancellationToken);
            await BuyerReviewTexts.KeepAsync(run, page.Texts, now, cancellationToken);
            if (!page.HasNext || page.LastId.Length == 0 || page.LastId == lastId)
            {
                return;
            }

            lastId = page.LastId;
        }
    }

    private sealed record Page(PageRows Rows, List<(string Id, string Text, DateTime CreatedAt)> Texts, bool HasNext, string LastId);

    private static Page Read(byte[] body, Guid account, DateTime loadedAt)
    {
        using var json = JsonDocument.Parse(body);
        var texts = new List<(string, string, DateTime)>();
        var rows = PageRows.Read(OzonCall.ArrayOf(json.RootElement, "reviews"), review =>
        {
            var id = RequiredText(review, "id");
            var published = RequiredMoscowTime(review, "published_at");
            var text = Text(review, "text");
            if (text.Length > 0)
            {
                texts.Add((id, text, published));
            }

            return [[account.ToString("N"), id, MoscowDay(published), published, Integer(review, "sku"), (int)Integer(review, "rating"), Text(review, "status"), text.Length, loadedAt]];
        });
        return new Page(rows, texts, json.RootElement.TryGetProperty("has_next", out var more) && more.ValueKind == JsonValueKind.True, Text(json.RootElement, "last_id"));
    }
}
