using System.Globalization;
using System.Text.Json;
using Custodian.Modules.Marketplace.Accounts;
using Custodian.Privacy.Abstractions.Analytics;
using static Custodian.Modules.Marketplace.Collection.MarketplaceValues;

namespace Custodian.Modules.Marketplace.Collection.Wildberries;

/// <summary>
/// The sales funnel per product and Moscow day (<c>POST /api/analytics/v3/sales-funnel/products</c>, a one-day
/// <c>selectedPeriod</c>, <c>limit</c>/<c>offset</c> over products): card views, carts, orders, buyouts, cancellations.
/// Buyouts and cancellations of a day keep arriving for a while, so each run reads the last <see cref="RewindDays"/>
/// days again; the checkpoint is the day (and product offset) to read next.
/// </summary>
internal sealed class WildberriesSalesFunnel(MarketplaceHttp http, WildberriesOptions options) : IMarketplaceDataset
{
    public const int PageLimit = 1000;
    public const int FirstCollectionDays = 30;
    public const int RewindDays = 2;

    public static readonly AnalyticsTable Funnel = new(
        "wb_sales_funnel",
        [
            new("account_id", AnalyticsType.String), new("day_local", AnalyticsType.Date), new("nm_id", AnalyticsType.Int64),
            new("vendor_code", AnalyticsType.String), new("brand", AnalyticsType.String), new("subject", AnalyticsType.String),
            new("open_count", AnalyticsType.Int64), new("cart_count", AnalyticsType.Int64), new("order_count", AnalyticsType.Int64), new("order_sum", AnalyticsType.Decimal),
            new("buyout_count", AnalyticsType.Int64), new("buyout_sum", AnalyticsType.Decimal), new("cancel_count", AnalyticsType.Int64), new("cancel_sum", AnalyticsType.Decimal),
            new("add_to_wishlist", AnalyticsType.Int64), new("loaded_at", AnalyticsType.DateTime),
        ],
        ["account_id", "day_local", "nm_id"]) { Version = "loaded_at", PartitionByMonthOf = "day_local" };

    public DatasetDescription Description => DatasetCatalog.WbFunnel;

    public async Task CollectAsync(DatasetRun run, CancellationToken cancellationToken)
    {
        var now = run.Clock.GetUtcNow().UtcDateTime;
        var today = MoscowDay(now);
        var (day, offset) = (today.AddDays(-FirstCollectionDays), 0);
        if (run.Since is { } since)
        {
            day = since;
        }
        else if (run.Checkpoint.Cursor?.Split('|') is [var saved, var at] && DateOnly.TryParseExact(saved, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var next))
        {
            (day, offset) = next <= today.AddDays(-RewindDays) ? (next, int.Parse(at, CultureInfo.InvariantCulture)) : (today.AddDays(-RewindDays), 0);
        }

        var host = options.HostOf("analytics");
        for (; day <= today; (day, offset) = (day.AddDays(1), 0))
        {
            while (true)
            {
                var (asked, period) = (day, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                var body = JsonSerializer.Serialize(new { selectedPeriod = new { start = period, end = period }, limit = PageLimit, offset });
                var page = await http.FetchAsync(() => WildberriesRequest.Post(host, "api/analytics/v3/sales-funnel/products", run.Key, body),
                    run.Key, "analytics", options.RequestsPerMinuteOf("analytics"), (_, bytes) => Read(bytes, run.AccountId, asked, now), cancellationToken);
                offset += page.Items;
                var dayDone = page.Items < PageLimit;
                var cursor = dayDone ? Cursor(day < today ? day.AddDays(1) : today, 0) : Cursor(day, offset);
                await run.CommitPageAsync(Funnel, page.Rows, page.Rejected, cursor, cancellationToken);
                if (dayDone)
                {
                    break;
                }
            }
        }
    }

    private static string Cursor(DateOnly day, int offset) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "|" + offset.ToString(CultureInfo.InvariantCulture);

    public static PageRows Read(byte[] body, Guid account, DateOnly day, DateTime loadedAt)
    {
        using var json = JsonDocument.Parse(body);
        return PageRows.Read(WildberriesSnapshot.DataArray(json, "products"), item =>
        {
            if (!item.TryGetProperty("product", out var product) || product.ValueKind != JsonValueKind.Object
                || !item.TryGetProperty("statistic", out var statistic) || !statistic.TryGetProperty("selected", out var s) || s.ValueKind != JsonValueKind.Object)
            {
                throw new RowRejectedException("product/statistic");
            }

            return
            [
                [
                    account.ToString("N"), day, RequiredInteger(product, "nmId"), Text(product, "vendorCode"), Text(product, "brandName"), Text(product, "subjectName"),
                    Integer(s, "openCount"), Integer(s, "cartCount"), Integer(s, "orderCount"), Money(s, "orderSum"), Integer(s, "buyoutCount"), Money(s, "buyoutSum"),
                    Integer(s, "cancelCount"), Money(s, "cancelSum"), Integer(s, "addToWishlist"), loadedAt,
                ],
            ];
        });
    }
}
