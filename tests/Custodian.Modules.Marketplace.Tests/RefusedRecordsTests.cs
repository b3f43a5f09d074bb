using Custodian.Modules.Marketplace.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Marketplace.Tests;

/// <summary>A dataset whose records the records database refuses fails by itself; the sync goes on with the account's other datasets.</summary>
public sealed class RefusedRecordsTests
{
    [Fact]
    public async Task A_dataset_whose_records_are_refused_fails_alone_and_the_rest_of_the_account_is_collected()
    {
        await using var world = await MarketplaceWorld.StartWithAsync(services => services.ConfigureDbContext<MarketplaceDb>(o => o.AddInterceptors(new RefuseReviewTexts())));
        var account = await world.ConnectSellerAsync(96);

        var outcomes = await world.SyncAsync(account);

        var feedbacks = Assert.Single(outcomes, o => o.Dataset == "wb-feedbacks");
        Assert.StartsWith("not stored: ", feedbacks.Problem, StringComparison.Ordinal);
        Assert.Equal(Collection.DatasetCatalog.All.Count(d => d.Marketplace == Accounts.MarketplaceKind.Wildberries), outcomes.Count);
        Assert.All(outcomes.Where(o => o.Dataset != "wb-feedbacks"), o => Assert.Null(o.Problem));
        var checkpoint = await world.InScopeAsync(s => s.GetRequiredService<MarketplaceDb>().Checkpoints.AsNoTracking().SingleAsync(c => c.AccountId == account && c.Dataset == "wb-feedbacks", TestContext.Current.CancellationToken));
        Assert.Equal(feedbacks.Problem, checkpoint.LastError);
        Assert.Null(checkpoint.LastSuccessUtc);
    }

    [Fact]
    public async Task A_run_whose_checkpoint_cannot_be_saved_goes_back_to_the_last_saved_position_and_the_next_run_reads_it_again()
    {
        var refusal = new RefuseCheckpointMoves("wb-cards");
        await using var world = await MarketplaceWorld.StartWithAsync(services => services.ConfigureDbContext<MarketplaceDb>(o => o.AddInterceptors(refusal)));
        var account = await world.ConnectSellerAsync(99);

        var cards = Assert.Single(await world.SyncAsync(account, "wb-cards"));
        Assert.StartsWith("not stored: ", cards.Problem, StringComparison.Ordinal);
        var failed = await CheckpointAsync(world, account, "wb-cards");
        Assert.Equal((null, 0L), (failed.Cursor, failed.RowsLoaded)); // the position of the last save, not the one the failed save carried
        Assert.Equal(cards.Problem, failed.LastError);

        refusal.Refusing = false;
        Assert.Null(Assert.Single(await world.SyncAsync(account, "wb-cards")).Problem);
        Assert.True((await CheckpointAsync(world, account, "wb-cards")).RowsLoaded > 0);
    }

    private static Task<Collection.SyncCheckpointRecord> CheckpointAsync(MarketplaceWorld world, Guid account, string dataset) =>
        world.InScopeAsync(s => s.GetRequiredService<MarketplaceDb>().Checkpoints.AsNoTracking().SingleAsync(c => c.AccountId == account && c.Dataset == dataset, TestContext.Current.CancellationToken));

    /// <summary>Refuses every save that moves one dataset's checkpoint, as a records database going away mid-run would.</summary>
    private sealed class RefuseCheckpointMoves(string dataset) : SaveChangesInterceptor
    {
        public bool Refusing { get; set; } = true;

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
            Refusing && eventData.Context!.ChangeTracker.Entries<Collection.SyncCheckpointRecord>().Any(e => e.Entity.Dataset == dataset && e.State == EntityState.Modified && e.Property(c => c.Cursor).IsModified)
                ? throw new DbUpdateException("The records database went away.")
                : base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    /// <summary>Refuses every save that would add a buyer's review text, as a database refusing the record would.</summary>
    private sealed class RefuseReviewTexts : SaveChangesInterceptor
    {
        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
            eventData.Context!.ChangeTracker.Entries<BuyerReviewRecord>().Any(e => e.State == EntityState.Added)
                ? throw new DbUpdateException("The database refused the record.")
                : base.SavingChangesAsync(eventData, result, cancellationToken);
    }
}
