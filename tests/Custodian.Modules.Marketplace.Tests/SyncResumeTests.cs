using Custodian.Modules.Marketplace.Collection;
using Custodian.Simulators.Wildberries;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Marketplace.Tests;

/// <summary>
/// A sync stopped mid-dataset goes on from the checkpoint it stored. Rows replace themselves by key, so the totals
/// alone would not show a sync that starts over: the stand-in's log of asked pages does.
/// </summary>
public sealed class SyncResumeTests
{
    private const int Seed = 31;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_sync_stopped_mid_dataset_resumes_at_its_stored_cursor_and_asks_only_for_the_pages_after_it()
    {
        // Pages of 100 rows stored two at a time: the checkpoint moves every 200 rows.
        await using var world = await MarketplaceWorld.StartAsync(AnalyticsEngineUnderTest.DuckDb, new WildberriesSimulatorOptions { RequestsPerWindow = 10_000, PageSize = 100 }, null, false, "--Marketplace:Sync:LoadBatchRows=200");
        // An uninterrupted collection of the same simulated seller (another account) gives the pages of a whole run.
        await world.SyncAsync(await world.ConnectSellerAsync(Seed), "wb-orders");
        var whole = OrderPagesAsked(world, 0);
        var account = await world.ConnectSellerAsync(Seed);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => world.InScopeAsync(sp =>
            sp.GetRequiredService<SyncMarketplace>().RunAsync(account, "wb-orders", null, (_, _) => new StopAfterRows(1000, stop), onlyDue: false, stop.Token)));
        var stored = await world.InScopeAsync(sp => sp.GetRequiredService<MarketplaceDb>().Checkpoints.AsNoTracking().SingleAsync(c => c.AccountId == account && c.Dataset == "wb-orders", Ct));
        var asked = world.Simulator.StatisticsRequests.Count;

        var outcome = Assert.Single(await world.SyncAsync(account, "wb-orders"));

        var resumed = OrderPagesAsked(world, asked);
        Assert.True(whole.Count > 15, $"a whole run asks for many pages ({whole.Count})");
        Assert.NotNull(stored.Cursor);
        Assert.InRange(stored.RowsLoaded, 600, 1000); // what was stored before the stop, and no more
        var position = whole.IndexOf(stored.Cursor);
        Assert.True(position > 0, "the stopped run stored a position inside the feed");
        Assert.Equal(whole[position..], resumed); // the resumed run starts at the stored cursor and asks nothing twice
        Assert.Null(outcome.Problem);
        var orders = world.Expected(Seed).Orders;
        var stats = (await world.StatsAsync(account))["wb-orders"];
        Assert.Equal(orders.Count, stats.Rows);
        Assert.Equal(orders.Count, stats.DistinctKeys);
        Assert.Equal(orders.Sum(o => o.FinishedPrice), stats.Sums["finished_price"]);
    }

    private static List<string> OrderPagesAsked(MarketplaceWorld world, int from) =>
        [.. world.Simulator.StatisticsRequests.Skip(from).Where(r => r.Feed == "orders").Select(r => r.DateFrom)];

    /// <summary>Stops the run (as a crash would: nothing is flushed) once it has taken <paramref name="rows"/> rows.</summary>
    private sealed class StopAfterRows(long rows, CancellationTokenSource stop) : IProgress<long>
    {
        public void Report(long value)
        {
            if (value >= rows)
            {
                stop.Cancel();
            }
        }
    }
}
