using System.Globalization;
using System.Text.Json;
using Custodian.Modules.Marketplace.Accounts;
using Custodian.Modules.Marketplace.Reviews;
using Custodian.Privacy.Abstractions.Analytics;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Custodian.Modules.Marketplace.Collection.MarketplaceValues;

namespace Custodian.Modules.Marketplace.Collection.Wildberries;

/// <summary>
/// Buyers' reviews (<c>GET /api/v1/feedbacks?isAnswered&amp;take&amp;skip</c>, unanswered then answered, newest first),
/// read in full each time (a review moves between the lists when answered). Ratings and counts go to the analytics
/// store; the review text is buyer-written personal data (register marketplace-buyers), kept only in the module's
/// records, encrypted under the account's key; the buyer's shown name (<c>userName</c>) is dropped on load.
/// The checkpoint remembers the list and offset, so an interrupted pass continues where it stopped.
/// </summary>
internal sealed class WildberriesFeedbacks(MarketplaceHttp http, WildberriesOptions options) : IMarketplaceDataset
{
    public static readonly AnalyticsTable Facts = new(
        "wb_feedbacks",
        [
            new("account_id", AnalyticsType.String), new("feedback_id", AnalyticsType.String), new("day_local", AnalyticsType.Date),
            new("created_at", AnalyticsType.DateTime), new("nm_id", AnalyticsType.Int64), new("supplier_article", AnalyticsType.String),
            new("rating", AnalyticsType.Int32), new("is_answered", AnalyticsType.Boolean), new("text_length", AnalyticsType.Int32), new("loaded_at", AnalyticsType.DateTime),
        ],
        ["account_id", "feedback_id"]) { Version = "loaded_at", PartitionByMonthOf = "day_local" };

    public DatasetDescription Description => DatasetCatalog.WbFeedbacks;

    public async Task CollectAsync(DatasetRun run, CancellationToken cancellationToken)
    {
        var (answered, skip) = Position(run.Checkpoint.Cursor);
        var host = options.HostOf("feedbacks");
        var take = Math.Clamp(options.FeedbacksPageSize, 1, 5000);
        var now = run.Clock.GetUtcNow().UtcDateTime;
        while (true)
        {
            var (list, from) = (answered, skip);
            var page = await http.FetchAsync(
                () => WildberriesRequest.Get(host, string.Create(CultureInfo.InvariantCulture, $"api/v1/feedbacks?isAnswered={(list ? "true" : "false")}&take={take}&skip={from}&order=dateDesc"), run.Key),
                run.Key, "feedbacks", options.RequestsPerMinuteOf("feedbacks"), (_, body) => Read(body, run.AccountId, list, now), cancellationToken);
            await BuyerReviewTexts.KeepAsync(run, page.Texts, now, cancellationToken);
            var last = page.Count < take || skip + take > 199_990;
            (answered, skip) = last ? (true, answered ? -1 : 0) : (answered, skip + take);
            await run.CommitPageAsync(Facts, page.Rows, page.Rejected, skip < 0 ? null : $"{(answered ? "answered" : "unanswered")}:{skip}", cancellationToken);
            if (skip < 0)
            {
                return; // both lists read: the next run starts a full pass again
            }
        }
    }

    private static (bool Answered, int Skip) Position(string? cursor) =>
        cursor?.Split(':') is [var list, var offset] && int.TryParse(offset, CultureInfo.InvariantCulture, out var skip) ? (list == "answered", skip) : (false, 0);

    private sealed record Page(List<object?[]> Rows, List<(string Id, string Text, DateTime CreatedAt)> Texts, Rejections Rejected, int Count);

    private static Page Read(byte[] body, Guid account, bool answered, DateTime loadedAt)
    {
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.True)
        {
            throw new MarketplaceUnavailableException("feedbacks: " + Text(root, "errorText"));
        }

        if (!root.TryGetProperty("data", out var data) || !data.TryGetProperty("feedbacks", out var feedbacks) || feedbacks.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("The feedbacks answer has no data.feedbacks array.");
        }

        var rows = new List<object?[]>();
        var texts = new List<(string, string, DateTime)>();
        var rejected = new Rejections();
        foreach (var feedback in feedbacks.EnumerateArray())
        {
            try
            {
                var id = RequiredText(feedback, "id");
                var created = RequiredMoscowTime(feedback, "createdDate");
                var product = feedback.TryGetProperty("productDetails", out var details) && details.ValueKind == JsonValueKind.Object ? details : default;
                var text = Text(feedback, "text");
                rows.Add([account.ToString("N"), id, MoscowDay(created), created, product.ValueKind == JsonValueKind.Object ? Integer(product, "nmId") : 0L,
                    product.ValueKind == JsonValueKind.Object ? Text(product, "supplierArticle") : string.Empty, (int)Integer(feedback, "productValuation"), answered, text.Length, loadedAt]);
                if (text.Length > 0)
                {
                    texts.Add((id, text, created));
                }
            }
            catch (Exception e) when (e is RowRejectedException or InvalidOperationException)
            {
                rejected.Add(e);
            }
        }

        return new Page(rows, texts, rejected, feedbacks.GetArrayLength());
    }
}
