using System.Globalization;
using System.Text.Json;
using Custodian.Modules.Marketplace.Accounts;
using Custodian.Privacy.Abstractions.Analytics;
using static Custodian.Modules.Marketplace.Collection.MarketplaceValues;

namespace Custodian.Modules.Marketplace.Collection.Ozon;

/// <summary>
/// Revenue, ordered units and the funnel (views, carts, sessions) per SKU and day from <c>/v1/analytics/data</c>
/// (<c>dimension: [sku, day]</c>, 1000 rows a page, 1 request a minute). The funnel metrics need Ozon Premium Plus: when Ozon
/// refuses them (403) the run collects the rest, leaves the funnel empty and says so in a notice, not an error. The
/// last <see cref="RewindDays"/> days are read again (orders of a day keep arriving).
/// </summary>
internal sealed class OzonAnalytics(MarketplaceHttp http, OzonOptions options) : IMarketplaceDataset
{
    public const int PageLimit = 1000;
    public const int FirstCollectionDays = 30;
    public const int RewindDays = 2;
    public const string FunnelNotAvailable = "Funnel metrics (views, carts) are not available on this Ozon plan (Premium Plus needed); revenue and units are collected.";

    private static readonly string[] Basic = ["revenue", "ordered_units"];
    private static readonly string[] Funnel = ["hits_view", "hits_tocart", "session_view"];

    public static readonly AnalyticsTable Analytics = new(
        "ozon_analytics",
        [
            new("account_id", AnalyticsType.String), new("day_local", AnalyticsType.Date), new("sku", AnalyticsType.Int64), new("name", AnalyticsType.String),
            new("revenue", AnalyticsType.Decimal), new("ordered_units", AnalyticsType.Int64), new("hits_view", AnalyticsType.Int64, Nullable: true),
            new("hits_tocart", AnalyticsType.Int64, Nullable: true), new("session_view", AnalyticsType.Int64, Nullable: true), new("loaded_at", AnalyticsType.DateTime),
        ],
        ["account_id", "day_local", "sku"]) { Version = "loaded_at", PartitionByMonthOf = "day_local" };

    public DatasetDescription Description => DatasetCatalog.OzonAnalytics;

    public async Task CollectAsync(DatasetRun run, CancellationToken cancellationToken)
    {
        var now = run.Clock.GetUtcNow().UtcDateTime;
        var today = MoscowDay(now);
        var from = run.Since ?? (DateOnly.TryParseExact(run.Checkpoint.Cursor, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var saved) ? saved : today.AddDays(-FirstCollectionDays));
        if (run.Since is null && from > today.AddDays(-RewindDays))
        {
            from = today.AddDays(-RewindDays);
        }

        var metrics = Basic.Concat(Funnel).ToArray();
        for (var offset = 0; ; offset += PageLimit)
        {
            var asked = metrics;
            var body = new { date_from = Day(from), date_to = Day(today), metrics = asked, dimension = new[] { "sku", "day" }, filters = Array.Empty<object>(), sort = new[] { new { key = "revenue", order = "DESC" } }, limit = PageLimit, offset };
            var page = asked.Length > Basic.Length
                ? await http.OzonIfPermittedAsync(options, run, "v1/analytics/data", body, bytes => Read(bytes, asked, run.AccountId, now), cancellationToken, "analytics")
                : await http.OzonAsync(options, run, "v1/analytics/data", body, bytes => Read(bytes, asked, run.AccountId, now), cancellationToken, "analytics");
            if (page is null)
            {
                run.Notice = FunnelNotAvailable;
                metrics = Basic;
                offset -= PageLimit;
                continue;
            }

            var done = page.Items < PageLimit;
            await run.CommitPageAsync(Analytics, page.Rows, page.Rejected, Day(done ? today : from), cancellationToken);
            if (done)
            {
                return;
            }
        }
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static PageRows Read(byte[] body, string[] metrics, Guid account, DateTime loadedAt)
    {
        using var json = JsonDocument.Parse(body);
        var result = json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("result", out var r) ? r : throw new JsonException("The analytics answer has no result.");
        return PageRows.Read(OzonCall.ArrayOf(result, "data"), row =>
        {
            var dimensions = OzonCall.ArrayOf(row, "dimensions");
            var values = OzonCall.ArrayOf(row, "metrics");
            if (dimensions.GetArrayLength() != 2 || values.GetArrayLength() != metrics.Length)
            {
                throw new RowRejectedException("dimensions/metrics");
            }

            var day = DateOnly.TryParseExact(RequiredText(dimensions[1], "id"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : throw new RowRejectedException("day");
            long? Metric(string name) => Array.IndexOf(metrics, name) is var i and >= 0 ? (values[i].TryGetDecimal(out var v) ? (long)v : throw new RowRejectedException(name)) : null;
            return
            [
                [
                    account.ToString("N"), day, RequiredInteger(dimensions[0], "id"), Text(dimensions[0], "name"), values[Array.IndexOf(metrics, "revenue")].TryGetDecimal(out var revenue) ? revenue : throw new RowRejectedException("revenue"),
                    Metric("ordered_units") ?? 0, Metric("hits_view"), Metric("hits_tocart"), Metric("session_view"), loadedAt,
                ],
            ];
        });
    }
}
