using Custodian.Modules.Marketplace.Collection;
using Custodian.Privacy.Abstractions.Analytics;

namespace Custodian.Modules.Marketplace.Tests;

/// <summary>
/// Pages are stored in batches, loading while the next fills (two at once when their keys are disjoint); a checkpoint
/// never runs ahead of stored rows.
/// </summary>
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

    [Fact]
    public async Task A_batch_with_no_key_of_the_one_loading_loads_beside_it_and_one_that_shares_keys_waits_so_its_newer_rows_win()
    {
        await using var world = await MarketplaceWorld.StartAsync();
        var table = new AnalyticsTable("batch_pair", [new("account_id", AnalyticsType.String), new("id", AnalyticsType.Int64), new("v", AnalyticsType.Int64)], ["account_id", "id"]);
        var store = new WatchedStore(world.Get<IAnalyticsStore>());
        await store.EnsureTableAsync(table, TestContext.Current.CancellationToken);
        var checkpoint = new SyncCheckpointRecord { Dataset = "probe" };
        var saved = new List<string?>();
        var run = new DatasetRun(Guid.NewGuid(), string.Empty, null, checkpoint, null, store, _ => { saved.Add(checkpoint.Cursor); return Task.CompletedTask; }, null, TimeProvider.System, world.Services, loadBatchRows: 1000);
        object?[][] Rows(int from, int version) => [.. Enumerable.Range(from, 1000).Select(i => new object?[] { "a", (long)i, (long)version })];

        await run.CommitPageAsync(table, Rows(0, 1), Rejections.None, "after-0", TestContext.Current.CancellationToken); // loads, and holds until the next one starts
        await run.CommitPageAsync(table, Rows(1000, 1), Rejections.None, "after-1", TestContext.Current.CancellationToken); // no common key: beside it
        await run.CommitPageAsync(table, Rows(1000, 2), Rejections.None, "after-2", TestContext.Current.CancellationToken); // the same keys, newer: after both
        await run.FlushAsync(TestContext.Current.CancellationToken);

        Assert.Equal([("disjoint", 0), ("disjoint", 1), ("alone", 0)], store.Calls);
        Assert.Equal(["after-0", "after-1", "after-2"], saved);
        var stored = await store.QueryAsync(AnalyticsQuery.Sql($"SELECT count(*) AS n, sum(v) AS v FROM {table}"), TestContext.Current.CancellationToken);
        Assert.Equal((2000L, 1000L + 2000L), (Convert.ToInt64(stored[0, "n"], System.Globalization.CultureInfo.InvariantCulture), Convert.ToInt64(stored[0, "v"], System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task When_a_batch_fails_the_run_ends_only_after_the_batch_loading_beside_it_and_the_checkpoint_stays_before_both()
    {
        await using var world = await MarketplaceWorld.StartAsync();
        var table = new AnalyticsTable("batch_failed_pair", [new("account_id", AnalyticsType.String), new("id", AnalyticsType.Int64)], ["account_id", "id"]);
        var store = new WatchedStore(world.Get<IAnalyticsStore>());
        await store.EnsureTableAsync(table, TestContext.Current.CancellationToken);
        var checkpoint = new SyncCheckpointRecord { Dataset = "probe" };
        var saved = new List<string?>();
        var run = new DatasetRun(Guid.NewGuid(), string.Empty, null, checkpoint, null, store, _ => { saved.Add(checkpoint.Cursor); return Task.CompletedTask; }, null, TimeProvider.System, world.Services, loadBatchRows: 1000);

        await run.CommitPageAsync(table, [.. Enumerable.Range(0, 999).Select(i => new object?[] { "a", (long)i }), ["a"]], Rejections.None, "after-bad", TestContext.Current.CancellationToken); // a row the store refuses
        await run.CommitPageAsync(table, [.. Enumerable.Range(1000, 1000).Select(i => new object?[] { "a", (long)i })], Rejections.None, "after-good", TestContext.Current.CancellationToken);
        await Assert.ThrowsAnyAsync<ArgumentException>(() => run.FlushAsync(TestContext.Current.CancellationToken));

        Assert.Equal([("disjoint", 0), ("disjoint", 1)], store.Calls);
        Assert.Equal(0, store.Loading); // nothing of this run is still loading
        Assert.Empty(saved); // the good batch came after the failed one: its pages are read again next time
    }

    /// <summary>
    /// The real store, with each upsert's kind and how many were loading when it began; the first disjoint load waits
    /// (up to ten seconds) for a second to begin, so a run that wrongly waits for it shows as (disjoint, 0) twice.
    /// </summary>
    private sealed class WatchedStore(IAnalyticsStore store) : IAnalyticsStore
    {
        private readonly TaskCompletionSource _secondBegan = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _loading;

        public List<(string Kind, int Loading)> Calls { get; } = [];

        public int Loading
        {
            get
            {
                lock (Calls)
                {
                    return _loading;
                }
            }
        }

        public string EngineName => store.EngineName;

        public IReadOnlyList<AnalyticsShard> Shards => store.Shards;

        public Task EnsureTableAsync(AnalyticsTable table, CancellationToken cancellationToken) => store.EnsureTableAsync(table, cancellationToken);

        public Task<long> UpsertAsync(AnalyticsTable table, IAsyncEnumerable<object?[]> rows, CancellationToken cancellationToken) =>
            WatchAsync("alone", () => store.UpsertAsync(table, rows, cancellationToken));

        public Task<long> UpsertDisjointAsync(AnalyticsTable table, IAsyncEnumerable<object?[]> rows, CancellationToken cancellationToken) =>
            WatchAsync("disjoint", () => store.UpsertDisjointAsync(table, rows, cancellationToken));

        public Task<AnalyticsResult> QueryAsync(AnalyticsQuery query, CancellationToken cancellationToken) => store.QueryAsync(query, cancellationToken);

        public Task DeleteWhereAsync(AnalyticsTable table, string column, IReadOnlyCollection<object> values, CancellationToken cancellationToken) => store.DeleteWhereAsync(table, column, values, cancellationToken);

        public Task DropTableAsync(AnalyticsTable table, CancellationToken cancellationToken) => store.DropTableAsync(table, cancellationToken);

        public Task PingAsync(CancellationToken cancellationToken) => store.PingAsync(cancellationToken);

        public Task PingShardAsync(AnalyticsShard shard, CancellationToken cancellationToken) => store.PingShardAsync(shard, cancellationToken);

        private async Task<long> WatchAsync(string kind, Func<Task<long>> upsert)
        {
            int call;
            lock (Calls)
            {
                Calls.Add((kind, _loading));
                call = Calls.Count;
                _loading++;
            }

            try
            {
                if (call == 1)
                {
                    await Task.WhenAny(_secondBegan.Task, Task.Delay(TimeSpan.FromSeconds(10)));
                }
                else if (call == 2)
                {
                    _secondBegan.TrySetResult();
                }

                return await upsert();
            }
            finally
            {
                lock (Calls)
                {
                    _loading--;
                }
            }
        }
    }
}
