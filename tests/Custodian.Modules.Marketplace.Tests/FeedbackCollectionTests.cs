using Custodian.Modules.Marketplace.Accounts;
using Custodian.Modules.Marketplace.Collection.Wildberries;
using Custodian.Modules.Marketplace.Reviews;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Marketplace.Tests;

/// <summary>Reviews: ratings to the analytics store, texts encrypted in the records under the account's key, buyers' names dropped.</summary>
public sealed class FeedbackCollectionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reviews_are_collected_over_pages_texts_kept_encrypted_and_destroyed_with_the_key()
    {
        await using var world = await MarketplaceWorld.StartAsync(extraArgs: "--Marketplace:Wildberries:FeedbacksPageSize=150");
        var account = await world.ConnectSellerAsync(9);
        var expected = world.Simulator.Seller(9).FeedbacksAt(world.Simulator.NowMoscow).ToList();

        var outcome = Assert.Single(await world.SyncAsync(account, "wb-feedbacks"));

        Assert.Null(outcome.Problem);
        Assert.True(expected.Count(f => f.Answer is null) > 150 && expected.Count(f => f.Answer is not null) > 150, "both lists span pages");
        var stats = (await world.StatsAsync(account))["wb-feedbacks"];
        Assert.Equal(expected.Count, stats.Rows);
        Assert.Equal(expected.Count, stats.DistinctKeys);
        Assert.DoesNotContain(WildberriesFeedbacks.Facts.Columns, c => c.Name.Contains("user", StringComparison.OrdinalIgnoreCase) || c.Name.Contains("text", StringComparison.Ordinal) && c.Name != "text_length");
        var sample = expected[expected.Count / 2];
        var stored = await world.InScopeAsync(sp => sp.GetRequiredService<MarketplaceDb>().BuyerReviews.AsNoTracking().Where(r => r.AccountId == account).ToListAsync(Ct));
        Assert.Equal(expected.Count, stored.Count);
        var record = stored.Single(r => r.FeedbackId == sample.Id);
        var text = await world.InScopeAsync(async sp => (await sp.GetRequiredService<IPersonalDataVault>().OpenAsync(record.ReviewText, BuyerReviewRecord.Field(account, sample.Id), Ct)).Value);
        Assert.Equal(sample.Text, text);
        Assert.DoesNotContain(sample.UserName, text, StringComparison.Ordinal);

        Assert.Single(await world.SyncAsync(account, "wb-feedbacks")); // a second full pass changes nothing
        Assert.Equal(expected.Count, (await world.StatsAsync(account))["wb-feedbacks"].Rows);

        await world.InScopeAsync(async sp => { await sp.GetRequiredService<RevokeMarketplaceAccount>().RevokeAsync(account, Ct); return 0; });
        var afterRevoke = await world.InScopeAsync(async sp => (await sp.GetRequiredService<IPersonalDataVault>().OpenAsync(record.ReviewText, BuyerReviewRecord.Field(account, sample.Id), Ct)).IsErased);
        Assert.True(afterRevoke, "a copy of a review text cannot be read once the account's key is destroyed");
        Assert.Equal(0, await world.InScopeAsync(sp => sp.GetRequiredService<MarketplaceDb>().BuyerReviews.CountAsync(r => r.AccountId == account, Ct)));
    }
}
