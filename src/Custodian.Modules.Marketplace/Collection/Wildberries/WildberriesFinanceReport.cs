using System.Globalization;
using System.Net;
using System.Text.Json;
using Custodian.Modules.Marketplace.Accounts;
using Custodian.Privacy.Abstractions.Analytics;
using static Custodian.Modules.Marketplace.Collection.MarketplaceValues;

namespace Custodian.Modules.Marketplace.Collection.Wildberries;

/// <summary>
/// The detailed realization report (<c>POST /api/finance/v1/sales-reports/detailed</c>): what Wildberries pays for each
/// sale and charges for each return and delivery, paged by <c>rrdId</c> (the next page asks for rows after the last
/// one) until HTTP 204. Money comes as strings. The checkpoint is the last <c>rrdId</c>; the period asked is the first
/// collection window up to today, so new report rows (higher ids) keep arriving.
/// </summary>
internal sealed class WildberriesFinanceReport(MarketplaceHttp http, WildberriesOptions options) : IMarketplaceDataset
{
    public static readonly AnalyticsTable Rows = new(
        "wb_finance_report",
        [
            new("account_id", AnalyticsType.String), new("rrd_id", AnalyticsType.Int64), new("day_local", AnalyticsType.Date), new("sold_at", AnalyticsType.DateTime),
            new("report_id", AnalyticsType.Int64), new("operation", AnalyticsType.String), new("nm_id", AnalyticsType.Int64), new("supplier_article", AnalyticsType.String),
            new("barcode", AnalyticsType.String), new("quantity", AnalyticsType.Int32), new("retail_amount", AnalyticsType.Decimal), new("for_pay", AnalyticsType.Decimal),
            new("delivery_rub", AnalyticsType.Decimal), new("srid", AnalyticsType.String), new("sale_id", AnalyticsType.String), new("loaded_at", AnalyticsType.DateTime),

            // Charges added for unit economics (ADR 0048): nullable, since rows loaded before them have none.
            new("sales_commission", AnalyticsType.Decimal, Nullable: true), new("acquiring_fee", AnalyticsType.Decimal, Nullable: true),
            new("rebill_logistic_cost", AnalyticsType.Decimal, Nullable: true), new("paid_storage", AnalyticsType.Decimal, Nullable: true),
            new("paid_acceptance", AnalyticsType.Decimal, Nullable: true), new("penalty", AnalyticsType.Decimal, Nullable: true),
            new("deduction", AnalyticsType.Decimal, Nullable: true), new("additional_payment", AnalyticsType.Decimal, Nullable: true),
            new("bonus_type_name", AnalyticsType.String, Nullable: true),
        ],
        ["account_id", "rrd_id"]) { Version = "loaded_at", PartitionByMonthOf = "day_local" };

    public DatasetDescription Description => DatasetCatalog.WbFinance;

    public async Task CollectAsync(DatasetRun run, CancellationToken cancellationToken)
    {
        var now = run.Clock.GetUtcNow().UtcDateTime;
        var today = MoscowDay(now);
        var from = run.Since ?? today.AddDays(-WildberriesStatistics.FirstCollectionDays);
        var after = run.Since is null && long.TryParse(run.Checkpoint.Cursor, CultureInfo.InvariantCulture, out var saved) ? saved : 0;
        var host = options.HostOf("finance");
        while (true)
        {
            var last = after;
            var body = JsonSerializer.Serialize(new { dateFrom = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), dateTo = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), limit = Math.Clamp(options.FinancePageSize, 1, 100_000), rrdId = last });
            var page = await http.FetchAsync(
                () => WildberriesRequest.Post(host, "api/finance/v1/sales-reports/detailed", run.Key, body),
                run.Key, "finance", options.RequestsPerMinuteOf("finance"), (status, bytes) => status == HttpStatusCode.NoContent ? null : Read(bytes, run.AccountId, now), cancellationToken);
            if (page is null)
            {
                await run.CommitPageAsync(Rows, [], Rejections.None, after.ToString(CultureInfo.InvariantCulture), cancellationToken);
                return; // 204: the report has no rows after the last one
            }

            after = Math.Max(after, page.LastId);
            await run.CommitPageAsync(Rows, page.Rows, page.Rejected, after.ToString(CultureInfo.InvariantCulture), cancellationToken);
            if (after == last)
            {
                return; // nothing readable moved the position on
            }
        }
    }

    private sealed record Page(List<object?[]> Rows, Rejections Rejected, long LastId);

    private static Page Read(byte[] body, Guid account, DateTime loadedAt)
    {
        using var json = JsonDocument.Parse(body);
        if (json.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("The report did not answer with an array.");
        }

        var rows = new List<object?[]>(json.RootElement.GetArrayLength());
        var (rejected, lastId) = (new Rejections(), 0L);
        foreach (var row in json.RootElement.EnumerateArray())
        {
            try
            {
                var id = Integer(row, "rrdId");
                if (id <= 0)
                {
                    throw new RowRejectedException("rrdId");
                }

                // Charges of a day (storage, deductions, penalties) carry no saleDt: the report row's date (rrDate) dates them.
                var sold = MoscowTime(row, "saleDt") ?? RequiredMoscowTime(row, "rrDate");
                rows.Add([account.ToString("N"), id, MoscowDay(sold), sold, Integer(row, "reportId"), Text(row, "sellerOperName"), Integer(row, "nmId"),
                    Text(row, "vendorCode"), Text(row, "sku"), (int)Integer(row, "quantity"), Money(row, "retailAmount"), Money(row, "forPay"), Money(row, "deliveryService"),
                    Text(row, "srid"), Text(row, "saleId"), loadedAt,
                    Money(row, "ppvzSalesCommission"), Money(row, "acquiringFee"), Money(row, "rebillLogisticCost"), Money(row, "paidStorage"),
                    Money(row, "paidAcceptance"), Money(row, "penalty"), Money(row, "deduction"), Money(row, "additionalPayment"), Text(row, "bonusTypeName")]);
                lastId = Math.Max(lastId, id);
            }
            catch (Exception e) when (e is RowRejectedException or InvalidOperationException)
            {
                rejected.Add(e);
            }
        }

        return new Page(rows, rejected, lastId);
    }
}
