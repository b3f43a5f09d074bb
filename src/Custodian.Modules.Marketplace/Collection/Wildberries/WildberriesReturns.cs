using System.Globalization;
using System.Text.Json;
using Custodian.Modules.Marketplace.Accounts;
using Custodian.Privacy.Abstractions.Analytics;
using static Custodian.Modules.Marketplace.Collection.MarketplaceValues;

namespace Custodian.Modules.Marketplace.Collection.Wildberries;

/// <summary>
/// Goods on their way back to the seller (<c>GET /api/v1/analytics/goods-return?dateFrom&amp;dateTo</c>, windows of at
/// most 31 days): why, where, and whether handed over yet. A return's status changes for about two weeks, so each run
/// reads the last <see cref="RewindDays"/> days again and the row (keyed by <c>srid</c>) takes the newer state. The
/// checkpoint is the first day of the next window.
/// </summary>
internal sealed class WildberriesReturns(MarketplaceHttp http, WildberriesOptions options) : IMarketplaceDataset
{
    public const int WindowDays = 31;
    public const int RewindDays = 14;

    public static readonly AnalyticsTable Returns = new(
        "wb_returns",
        [
            new("account_id", AnalyticsType.String), new("srid", AnalyticsType.String), new("day_local", AnalyticsType.Date), new("nm_id", AnalyticsType.Int64),
            new("barcode", AnalyticsType.String), new("subject", AnalyticsType.String), new("brand", AnalyticsType.String), new("tech_size", AnalyticsType.String),
            new("shk_id", AnalyticsType.Int64), new("return_type", AnalyticsType.String), new("reason", AnalyticsType.String), new("status", AnalyticsType.String),
            new("office_id", AnalyticsType.Int64), new("ready_at", AnalyticsType.DateTime, Nullable: true), new("completed_at", AnalyticsType.DateTime, Nullable: true),
            new("expires_at", AnalyticsType.DateTime, Nullable: true), new("loaded_at", AnalyticsType.DateTime),
        ],
        ["account_id", "srid"]) { Version = "loaded_at", PartitionByMonthOf = "day_local" };

    public DatasetDescription Description => DatasetCatalog.WbReturns;

    public async Task CollectAsync(DatasetRun run, CancellationToken cancellationToken)
    {
        var now = run.Clock.GetUtcNow().UtcDateTime;
        var today = MoscowDay(now);
        var from = run.Since ?? (DateOnly.TryParseExact(run.Checkpoint.Cursor, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var saved) ? saved : today.AddDays(-WildberriesStatistics.FirstCollectionDays));
        if (run.Since is null && from > today.AddDays(-RewindDays))
        {
            from = today.AddDays(-RewindDays);
        }

        var host = options.HostOf("analytics");
        while (from <= today)
        {
            var to = from.AddDays(WindowDays - 1) < today ? from.AddDays(WindowDays - 1) : today;
            var path = $"api/v1/analytics/goods-return?dateFrom={from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}&dateTo={to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
            var page = await http.FetchAsync(() => WildberriesRequest.Get(host, path, run.Key), run.Key, "analytics", options.RequestsPerMinuteOf("analytics"), (_, bytes) => Read(bytes, run.AccountId, now), cancellationToken);
            var next = to.AddDays(1);
            await run.CommitPageAsync(Returns, page.Rows, page.Rejected, (next > today ? today : next).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), cancellationToken);
            from = next;
        }
    }

    public static PageRows Read(byte[] body, Guid account, DateTime loadedAt)
    {
        using var json = JsonDocument.Parse(body);
        if (json.RootElement.ValueKind != JsonValueKind.Object || !json.RootElement.TryGetProperty("report", out var report) || report.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("The goods-return answer has no report array.");
        }

        return PageRows.Read(report, item =>
        [
            [
                account.ToString("N"), RequiredText(item, "srid"), MoscowDay(RequiredMoscowTime(item, "orderDt")), RequiredInteger(item, "nmId"), Text(item, "barcode"),
                Text(item, "subjectName"), Text(item, "brand"), Text(item, "techSize"), Integer(item, "shkId"), Text(item, "returnType"), Text(item, "reason"), Text(item, "status"),
                Integer(item, "dstOfficeId"), MoscowTime(item, "readyToReturnDt"), MoscowTime(item, "completedDt"), MoscowTime(item, "expiredDt"), loadedAt,
            ],
        ]);
    }
}
