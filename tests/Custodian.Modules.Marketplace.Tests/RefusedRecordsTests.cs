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
        Assert.Equal(9, outcomes.Count);
        Assert.All(outcomes.Where(o => o.Dataset != "wb-feedbacks"), o => Assert.Null(o.Problem));
        var checkpoint = await world.InScopeAsync(s => s.GetRequiredService<MarketplaceDb>().Checkpoints.AsNoTracking().SingleAsync(c => c.AccountId == account && c.Dataset == "wb-feedbacks", TestContext.Current.CancellationToken));
        Assert.Equal(feedbacks.Problem, checkpoint.LastError);
        Assert.Null(checkpoint.LastSuccessUtc);
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
