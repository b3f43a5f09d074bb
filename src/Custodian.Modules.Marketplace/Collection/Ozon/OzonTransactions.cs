using System.Globalization;
using System.Text.Json;
using Custodian.Modules.Marketplace.Accounts;
using Custodian.Privacy.Abstractions.Analytics;
using static Custodian.Modules.Marketplace.Collection.MarketplaceValues;

namespace Custodian.Modules.Marketplace.Collection.Ozon;

/// <summary>
/// Money movements (<c>/v3/finance/transaction/list</c>): accruals for sales, commissions, delivery, returns, in
/// windows of at most a month (Ozon refuses longer), <c>page</c> by <c>page</c> up to <c>page_count</c>. Operation
/// dates are Moscow time. The checkpoint is the window start and page; the last <see cref="RewindDays"/> days are read
/// again because operations are posted with a delay. Keyed by <c>operation_id</c>.
/// </summary>
internal sealed class OzonTransactions(MarketplaceHttp http, OzonOptions options) : IMarketplaceDataset
{
    public const int PageSize = 1000;
    public const int WindowDays = 30;
    public const int RewindDays = 3;

    public static readonly AnalyticsTable Transactions = new(
        "ozon_transactions",
        [
            new("account_id", AnalyticsType.String), new("operation_id", AnalyticsType.Int64), new("day_local", AnalyticsType.Date), new("operation_at", AnalyticsType.DateTime),
            new("operation_type", AnalyticsType.String), new("operation_type_name", AnalyticsType.String), new("type", AnalyticsType.String), new("posting_number", AnalyticsType.String),
            new("sku", AnalyticsType.Int64), new("accruals_for_sale", AnalyticsType.Decimal), new("sale_commission", AnalyticsType.Decimal), new("delivery_charge", AnalyticsType.Decimal),
            new("return_delivery_charge", AnalyticsType.Decimal), new("services_total", AnalyticsType.Decimal), new("amount", AnalyticsType.Decimal), new("loaded_at", AnalyticsType.DateTime),
        ],
        ["account_id", "operation_id"]) { Version = "loaded_at", PartitionByMonthOf = "day_local" };

    public DatasetDescription Description => DatasetCatalog.OzonFinance;

    public async Task CollectAsync(DatasetRun run, CancellationToken cancellationToken)
    {
        var now = run.Clock.GetUtcNow().UtcDateTime;
        var (from, page) = (now.Date.AddDays(-OzonPostings.FirstCollectionDays), 1);
        if (run.Since is { } since)
        {
            from = since.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        }
        else if (run.Checkpoint.Cursor?.Split('|') is [var saved, var at] && DateTime.TryParseExact(saved, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var start))
        {
            (from, page) = start > now.Date.AddDays(-RewindDays) ? (now.Date.AddDays(-RewindDays), 1) : (start, int.Parse(at, CultureInfo.InvariantCulture));
        }

        while (from < now)
        {
            var to = from.AddDays(WindowDays) < now ? from.AddDays(WindowDays) : now;
            while (true)
            {
                var body = new { filter = new { date = new { from = OzonRequest.Iso(from), to = OzonRequest.Iso(to) }, operation_type = Array.Empty<string>(), posting_number = "", transaction_type = "all" }, page, page_size = PageSize };
                var (rows, pages) = await http.OzonAsync(options, run, "v3/finance/transaction/list", body, bytes => Read(bytes, run.AccountId, now), cancellationToken);
                var windowDone = page >= pages;
                var next = windowDone ? (to >= now ? now.Date : to) : from;
                await run.CommitPageAsync(Transactions, rows.Rows, rows.Rejected, next.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "|" + (windowDone ? 1 : page + 1).ToString(CultureInfo.InvariantCulture), cancellationToken);
                if (windowDone)
                {
                    break;
                }

                page++;
            }

            (from, page) = (to, 1);
        }
    }

    private static (PageRows Rows, int Pages) Read(byte[] body, Guid account, DateTime loadedAt)
    {
        using var json = JsonDocument.Parse(body);
        var result = json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("result", out var r) ? r : throw new JsonException("The transaction list has no result.");
        var rows = PageRows.Read(OzonCall.ArrayOf(result, "operations"), operation =>
        {
            var at = RequiredMoscowTime(operation, "operation_date");
            var posting = operation.TryGetProperty("posting", out var p) && p.ValueKind == JsonValueKind.Object ? Text(p, "posting_number") : string.Empty;
            var items = operation.TryGetProperty("items", out var i) && i.ValueKind == JsonValueKind.Array && i.GetArrayLength() > 0 ? Integer(i[0], "sku") : 0L;
            var services = operation.TryGetProperty("services", out var s) && s.ValueKind == JsonValueKind.Array ? s.EnumerateArray().Sum(service => Money(service, "price")) : 0m;
            return
            [
                [
                    account.ToString("N"), RequiredInteger(operation, "operation_id"), MoscowDay(at), at, Text(operation, "operation_type"), Text(operation, "operation_type_name"),
                    Text(operation, "type"), posting, items, Money(operation, "accruals_for_sale"), Money(operation, "sale_commission"), Money(operation, "delivery_charge"),
                    Money(operation, "return_delivery_charge"), services, Money(operation, "amount"), loadedAt,
                ],
            ];
        });
        return (rows, result.TryGetProperty("page_count", out var count) && count.TryGetInt32(out var pages) ? pages : 1);
    }
}
