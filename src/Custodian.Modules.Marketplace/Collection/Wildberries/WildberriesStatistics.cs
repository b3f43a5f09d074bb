using System.Text.Json;
using Custodian.Modules.Marketplace.Accounts;
using Custodian.Privacy.Abstractions.Analytics;
using static Custodian.Modules.Marketplace.Collection.MarketplaceValues;

namespace Custodian.Modules.Marketplace.Collection.Wildberries;

/// <summary>
/// The statistics API's row feeds (orders, sales and returns): <c>GET /api/v1/supplier/{feed}?dateFrom&amp;flag=0</c>
/// gives rows changed after <c>dateFrom</c> (Moscow time), sorted by <c>lastChangeDate</c>; the next page starts at the
/// last row's <c>lastChangeDate</c>, and <c>[]</c> ends. A page that does not move on (the API sometimes repeats one) is
/// asked again; rows seen twice replace themselves by key. A feed whose values are filled in later (sales: <c>forPay</c> is 0 on the day) is re-read over a rolling window.
/// </summary>
internal sealed class WildberriesStatistics(
    DatasetDescription description, string feed, int rewindDays, IReadOnlyCollection<JsonField> fields, Func<StreamedRow, Guid, DateTime, object?[]> map,
    MarketplaceHttp http, WildberriesOptions options) : IMarketplaceDataset
{
    /// <summary>How far back the first collection of an account reaches.</summary>
    public const int FirstCollectionDays = 90;

    private const int MaxStalledPages = 3;

    public DatasetDescription Description => description;

    public async Task CollectAsync(DatasetRun run, CancellationToken cancellationToken)
    {
        var now = run.Clock.GetUtcNow().UtcDateTime;
        var cursor = MoscowMidnight(run.Since) ?? run.Checkpoint.Cursor ?? MoscowMidnight(MoscowDay(now).AddDays(-FirstCollectionDays))!;
        if (rewindDays > 0 && string.CompareOrdinal(cursor, MoscowText(now.AddDays(-rewindDays))) > 0)
        {
            cursor = MoscowText(now.AddDays(-rewindDays));
        }

        var host = options.HostOf("statistics");
        var stalled = 0;
        while (true)
        {
            var from = cursor;
            var page = await http.FetchAsync(
                () => WildberriesRequest.Get(host, $"api/v1/supplier/{feed}?dateFrom={Uri.EscapeDataString(from)}&flag=0", run.Key),
                run.Key, "statistics", options.RequestsPerMinuteOf("statistics"), (_, body) => ReadPage(body, fields, map, run.AccountId, now), cancellationToken);
            if (page.Rows.Count == 0 && page.Rejected.Count == 0)
            {
                await run.CommitPageAsync(description.Table, [], Rejections.None, cursor, cancellationToken);
                return;
            }

            var next = page.LastChange is { } last ? MoscowText(last) : cursor;
            if (string.CompareOrdinal(next, cursor) <= 0)
            {
                // A page that does not move on (a repeated page, or only unreadable rows): keep its rows, ask again a few times.
                await run.CommitPageAsync(description.Table, page.Rows, page.Rejected, cursor, cancellationToken);
                if (++stalled >= MaxStalledPages)
                {
                    return;
                }

                continue;
            }

            stalled = 0;
            await run.CommitPageAsync(description.Table, page.Rows, page.Rejected, next, cancellationToken);
            cursor = next;
        }
    }

    /// <summary>The start of a Moscow day as the API's <c>dateFrom</c>.</summary>
    public static string? MoscowMidnight(DateOnly? day) => day is { } d ? MoscowText(d.ToDateTime(TimeOnly.MinValue) - MoscowOffset) : null;

    internal sealed record Page(List<object?[]> Rows, Rejections Rejected, DateTime? LastChange);

    /// <summary>
    /// Reads one page of a statistics feed into table rows in one forward pass (no document: pages run to 80 000 rows);
    /// unreadable rows are counted, not thrown; JSON that is not complete throws <see cref="JsonException"/> (retried).
    /// </summary>
    internal static Page ReadPage(byte[] body, IReadOnlyCollection<JsonField> fields, Func<StreamedRow, Guid, DateTime, object?[]> map, Guid account, DateTime loadedAt)
    {
        var rows = new List<object?[]>();
        var rejected = new Rejections();
        DateTime? last = null;
        new StreamedRow(fields).ReadArray(body, row =>
        {
            try
            {
                // The feed moves on past a row whose change time is known even when the rest of it cannot be read, so
                // a page of unreadable rows is counted once; a run that rejects too many goes back and reads them again.
                var change = row.RequiredMoscowTime(WildberriesTables.LastChange);
                last = last is { } l && l > change ? l : change;
                rows.Add(map(row, account, loadedAt));
            }
            catch (Exception e) when (e is RowRejectedException or InvalidOperationException)
            {
                rejected.Add(e);
            }
        }, () => rejected.Add(Rejections.Unreadable));
        return new Page(rows, rejected, last);
    }
}
