using System.Text.Json;
using Custodian.Modules.Marketplace.Accounts;
using Custodian.Privacy.Abstractions.Analytics;
using static Custodian.Modules.Marketplace.Collection.MarketplaceValues;

namespace Custodian.Modules.Marketplace.Collection.Ozon;

/// <summary>The seller's ratings (<c>/v1/rating/summary</c>): one snapshot per Moscow day, one row per rating.</summary>
internal sealed class OzonRating(MarketplaceHttp http, OzonOptions options) : IMarketplaceDataset
{
    public static readonly AnalyticsTable Ratings = new(
        "ozon_ratings",
        [
            new("account_id", AnalyticsType.String), new("day_local", AnalyticsType.Date), new("rating", AnalyticsType.String), new("group_name", AnalyticsType.String),
            new("name", AnalyticsType.String), new("current_value", AnalyticsType.Decimal), new("past_value", AnalyticsType.Decimal), new("status", AnalyticsType.String),
            new("value_type", AnalyticsType.String), new("taken_at", AnalyticsType.DateTime),
        ],
        ["account_id", "day_local", "rating"]) { Version = "taken_at", PartitionByMonthOf = "day_local" };

    public DatasetDescription Description => DatasetCatalog.OzonRating;

    public async Task CollectAsync(DatasetRun run, CancellationToken cancellationToken)
    {
        var now = run.Clock.GetUtcNow().UtcDateTime;
        var page = await http.OzonAsync(options, run, "v1/rating/summary", new { }, bytes => Read(bytes, run.AccountId, MoscowDay(now), now), cancellationToken);
        await run.CommitPageAsync(Ratings, page.Rows, page.Rejected, null, cancellationToken);
    }

    private static PageRows Read(byte[] body, Guid account, DateOnly day, DateTime takenAt)
    {
        using var json = JsonDocument.Parse(body);
        var (rows, rejected, items) = (new List<object?[]>(), new Rejections(), 0);
        foreach (var group in OzonCall.ArrayOf(json.RootElement, "groups").EnumerateArray())
        {
            var page = PageRows.Read(OzonCall.ArrayOf(group, "items"), item =>
            [
                [
                    account.ToString("N"), day, RequiredText(item, "rating"), Text(group, "group_name"), Text(item, "name"), Value(item, "current_value"), Value(item, "past_value"),
                    Text(item, "status"), Text(item, "value_type"), takenAt,
                ],
            ]);
            rows.AddRange(page.Rows);
            rejected.AddAll(page.Rejected);
            items += page.Items;
        }

        return new PageRows(rows, rejected, items);
    }

    /// <summary>
    /// A rating value: Ozon sends doubles such as 0.9400000000000001 (float noise) for shares and indices; the column keeps
    /// two decimals, and ClickHouse refuses a literal with more digits than its scale, so the noise is rounded away here.
    /// </summary>
    private static decimal Value(JsonElement item, string name) => Math.Round(Money(item, name), 2, MidpointRounding.AwayFromZero);
}
