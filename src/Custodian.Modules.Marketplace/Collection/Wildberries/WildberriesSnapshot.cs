using System.Globalization;
using System.Text.Json;
using Custodian.Modules.Marketplace.Accounts;
using Custodian.Privacy.Abstractions.Analytics;
using static Custodian.Modules.Marketplace.Collection.MarketplaceValues;

namespace Custodian.Modules.Marketplace.Collection.Wildberries;

/// <summary>
/// A state the marketplace shows only as "now" (stocks, prices), read in <c>limit</c>/<c>offset</c> pages until a page is
/// short, into rows keyed by the Moscow day: a later run the same day replaces that day's rows, earlier days stay as
/// history. <c>taken_at</c> says when; an item gone from a later snapshot of the same day keeps the earlier time. The
/// checkpoint holds the day and offset of a snapshot in progress, so a run that dies resumes where it stopped.
/// </summary>
internal sealed class WildberriesSnapshot(
    DatasetDescription description, string group, int pageLimit,
    Func<Uri, string, int, int, HttpRequestMessage> request, Func<byte[], Guid, DateOnly, DateTime, PageRows> read,
    MarketplaceHttp http, WildberriesOptions options) : IMarketplaceDataset
{
    public DatasetDescription Description => description;

    public async Task CollectAsync(DatasetRun run, CancellationToken cancellationToken)
    {
        var now = run.Clock.GetUtcNow().UtcDateTime;
        var day = MoscowDay(now);
        var dayText = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var offset = run.Checkpoint.Cursor?.Split('|') is [var started, var at] && started == dayText && int.TryParse(at, CultureInfo.InvariantCulture, out var resumed) ? resumed : 0;
        var host = options.HostOf(group);
        while (true)
        {
            var from = offset;
            var page = await http.FetchAsync(() => request(host, run.Key, pageLimit, from), run.Key, group, options.RequestsPerMinuteOf(group), (_, bytes) => read(bytes, run.AccountId, day, now), cancellationToken);
            offset += page.Items;
            var done = page.Items < pageLimit;
            await run.CommitPageAsync(description.Table, page.Rows, page.Rejected, done ? null : dayText + "|" + offset.ToString(CultureInfo.InvariantCulture), cancellationToken);
            if (done)
            {
                return;
            }
        }
    }

    /// <summary>The array at <c>data.{name}</c> of a Wildberries envelope (<c>{"data":{...},"error","errorText"}</c>).</summary>
    public static JsonElement DataArray(JsonDocument json, string name) =>
        json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
        && data.TryGetProperty(name, out var items) && items.ValueKind == JsonValueKind.Array
            ? items
            : throw new JsonException($"The answer has no data.{name} array.");
}
