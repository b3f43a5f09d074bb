using Custodian.Modules.Marketplace.Collection;
using Custodian.Privacy.Abstractions.Analytics;

namespace Custodian.Modules.Marketplace.Tests;

/// <summary>Pages are stored in batches, one loading while the next fills; a checkpoint never runs ahead of stored rows.</summary>
public sealed class LoadBatchTests
{
    private static readonly AnalyticsTable Table = new("batch_probe", [new("account_id", AnalyticsType.String), new("id", AnalyticsType.Int64)], ["account_id", "id"]);

    [Fact]
    public async Task The_checkpoint_follows_each_stored_batch_and_stops_before_a_batch_that_fails()
    {
        await using var world = await MarketplaceWorld.StartAsync();
        var store = world.Get<IAnalyticsStore>();
        await store.EnsureTableAsync(Table, TestContext.Current.CancellationToken);
        var checkpoint = new SyncCheckpointRecord { Dataset = "probe" };
        var saved = new List<string?>();
        var run = new DatasetRun(Guid.NewGuid(), string.Empty, null, checkpoint, null, store, _ => { saved.Add(checkpoint.Cursor); return Task.CompletedTask; }, null, TimeProvider.System, world.Services);
        const int page = 50_000;

        for (var p = 0; p < 5; p++)
        {
            await run.CommitPageAsync(Table, [.. Enumerable.Range(p * page, page).Select(i => new object?[] { "a", (long)i })], Rejections.None, "after-" + p, TestContext.Current.CancellationToken);
        }

        await run.CommitPageAsync(Table, [["a"]], Rejections.None, "after-bad", TestContext.Current.CancellationToken); // a row the store refuses
        await run.CommitPageAsync(Table, [.. Enumerable.Range(0, DatasetRun.LoadBatchRows).Select(i => new object?[] { "a", (long)i })], Rejections.None, "after-big", TestContext.Current.CancellationToken);

        await Assert.ThrowsAnyAsync<ArgumentException>(() => run.FlushAsync(TestContext.Current.CancellationToken));
        Assert.Equal(["after-3"], saved); // the first batch (pages 0-3, 200 000 rows) was stored; the one with the bad row was not
        Assert.Equal(4 * page, checkpoint.RowsLoaded);
        var stored = await store.QueryAsync(AnalyticsQuery.Sql($"SELECT count(*) FROM {Table}"), TestContext.Current.CancellationToken);
        Assert.Equal(4L * page, Convert.ToInt64(stored.Scalar(), System.Globalization.CultureInfo.InvariantCulture));
    }
}
