using Custodian.Modules.Marketplace.Accounts;
using Custodian.Modules.Marketplace.Collection.Wildberries;
using Custodian.Modules.Marketplace.Reviews;
using Custodian.Privacy;
using Custodian.Privacy.Retention;
using Custodian.Testing;
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
    }

    [Theory]
    [InlineData(RecordsEngine.Sqlite)]
    [InlineData(RecordsEngine.Postgres)]
    public async Task The_retention_sweep_deletes_the_review_texts_of_a_disconnected_account_with_an_act_and_keeps_those_of_a_connected_one(RecordsEngine engine)
    {
        var postgres = engine == RecordsEngine.Postgres ? PostgresDatabase.NewConnectionString("mpreviews") : null;
        string[] args = postgres is null ? [] : ["--Database:Provider=Postgres", "--Database:ConnectionString=" + postgres];
        await using var dropped = new DroppedAtEnd(postgres);
        await using var world = await MarketplaceWorld.StartAsync(extraArgs: [.. args, "--Marketplace:Wildberries:FeedbacksPageSize=150"]);
        var disconnected = await world.ConnectSellerAsync(9);
        var connected = await world.ConnectSellerAsync(10);
        Assert.Null(Assert.Single(await world.SyncAsync(disconnected, "wb-feedbacks")).Problem);
        Assert.Null(Assert.Single(await world.SyncAsync(connected, "wb-feedbacks")).Problem);
        var texts = await world.InScopeAsync(sp => sp.GetRequiredService<MarketplaceDb>().BuyerReviews.AsNoTracking().GroupBy(r => r.AccountId).ToDictionaryAsync(g => g.Key, g => g.Count(), Ct));
        Assert.True(texts[disconnected] > 150 && texts[connected] > 150, "both accounts collected texts over several pages");

        var beforeDisconnecting = await SweepAsync(world);
        Assert.Equal((0, 0, (string?)null), (beforeDisconnecting.Due, beforeDisconnecting.Applied, beforeDisconnecting.Act));

        await world.InScopeAsync(async sp => { await sp.GetRequiredService<RevokeMarketplaceAccount>().RevokeAsync(disconnected, Ct); return 0; });
        var plan = await world.InScopeAsync(sp => sp.GetRequiredService<RetentionSweep>().PlanAsync(Ct));
        Assert.Equal(texts[disconnected], plan.Single(o => o.Register == "marketplace-buyers" && o.Category == "buyer-review").Due);
        var swept = await SweepAsync(world);

        Assert.Equal((texts[disconnected], 0, texts[disconnected]), (swept.Due, swept.Held, swept.Applied));
        var left = await world.InScopeAsync(sp => sp.GetRequiredService<MarketplaceDb>().BuyerReviews.AsNoTracking().GroupBy(r => r.AccountId).ToDictionaryAsync(g => g.Key, g => g.Count(), Ct));
        Assert.Equal(new Dictionary<Guid, int> { [connected] = texts[connected] }, left);
        var act = await world.InScopeAsync(sp => sp.GetRequiredService<PrivacyDb>().DestructionActs.AsNoTracking().SingleAsync(a => a.Number == swept.Act, Ct));
        Assert.Equal(("marketplace-buyers", "buyer-review", "reviewer_name, review_text", "", texts[disconnected]), (act.Register, act.Category, act.Fields, act.Subjects, act.Records));
        Assert.Equal((0, 0), ((await SweepAsync(world)).Due, (await SweepAsync(world)).Applied));
    }

    private static async Task<RuleOutcome> SweepAsync(MarketplaceWorld world) =>
        (await world.InScopeAsync(sp => sp.GetRequiredService<RetentionSweep>().RunAsync(null, Ct))).Single(o => o.Register == "marketplace-buyers" && o.Category == "buyer-review");
}
