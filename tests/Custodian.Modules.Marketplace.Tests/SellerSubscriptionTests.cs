using Custodian.Modules.Marketplace.Accounts;
using Custodian.Modules.Marketplace.Collection;
using Custodian.Modules.Marketplace.Sellers;
using Custodian.Modules.Marketplace.Subscriptions;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Abstractions.Requests;
using Custodian.Simulators.Ozon;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Marketplace.Tests;

/// <summary>Plans: the trial after sign-up, paid periods recorded by an operator, the account limit and paused collection.</summary>
public sealed class SellerSubscriptionTests
{
    private static readonly DateTime SignedUp = new(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void A_new_seller_is_on_trial_for_fourteen_days_then_the_subscription_has_ended()
    {
        var during = SellerSubscriptions.Compute(SignedUp, [], 2, SignedUp.AddDays(13));
        var after = SellerSubscriptions.Compute(SignedUp, [], 2, SignedUp.AddDays(14));

        Assert.Equal((SellerPlan.Trial, true, SignedUp.AddDays(14), 2), (during.Plan, during.Active, during.EndsAtUtc, during.AccountsInUse));
        Assert.True(during.RoomForAnotherAccount);
        Assert.Equal((SellerPlan.Trial, false, SignedUp.AddDays(14)), (after.Plan, after.Active, after.EndsAtUtc));
        Assert.False(after.RoomForAnotherAccount);
    }

    [Fact]
    public void Paid_periods_that_follow_on_make_one_plan_until_the_last_end_and_a_gap_ends_it()
    {
        var trialEnd = SignedUp + SellerPlan.TrialLength;
        SubscriptionRecord[] periods = [Period("start", trialEnd, trialEnd.AddMonths(1)), Period("start", trialEnd.AddMonths(1), trialEnd.AddMonths(3))];

        var inTrial = SellerSubscriptions.Compute(SignedUp, periods, 1, SignedUp.AddDays(1));
        var paid = SellerSubscriptions.Compute(SignedUp, periods, 1, trialEnd.AddDays(40));
        var lapsed = SellerSubscriptions.Compute(SignedUp, periods, 1, trialEnd.AddMonths(3).AddSeconds(1));

        Assert.Equal(SellerPlan.Trial, inTrial.Plan);
        Assert.Equal((SellerPlan.Start, trialEnd.AddMonths(3)), inTrial.Next);
        Assert.Equal((SellerPlan.Start, true, trialEnd.AddMonths(3)), (paid.Plan, paid.Active, paid.EndsAtUtc));
        Assert.False(paid.RoomForAnotherAccount); // Start collects one account
        Assert.Equal((SellerPlan.Start, false, trialEnd.AddMonths(3)), (lapsed.Plan, lapsed.Active, lapsed.EndsAtUtc));
    }

    [Fact]
    public async Task The_plan_limits_accounts_a_lapsed_subscription_pauses_scheduled_collection_and_a_paid_period_resumes_it()
    {
        await using var world = await MarketplaceWorld.StartAsync();
        var first = await world.ConnectOzonSellerAsync(81, OzonPlan.Basic);
        var seller = await world.InScopeAsync(sp => sp.GetRequiredService<MarketplaceDb>().Accounts.Where(a => a.Id == first).Select(a => a.SellerId).SingleAsync(Ct));
        await ConnectAsync(world, seller, 82);
        var third = await ConnectAsync(world, seller, 83);

        var full = await Assert.ThrowsAsync<MarketplaceInputException>(() => ConnectAsync(world, seller, 84));
        Assert.Equal("plan", full.Field);
        Assert.Contains("3 marketplace account(s)", full.Message, StringComparison.Ordinal);
        Assert.Equal(3, await world.InScopeAsync(sp => sp.GetRequiredService<MarketplaceDb>().Accounts.CountAsync(a => a.SellerId == seller, Ct)));

        world.Clock.Advance(SellerPlan.TrialLength + TimeSpan.FromHours(1));
        Assert.Empty(await ScheduledSyncAsync(world));
        Assert.NotEmpty(await world.SyncAsync(third.Id, "ozon-rating")); // an operator's explicit run still collects
        var lapsed = await Assert.ThrowsAsync<MarketplaceInputException>(() => ConnectAsync(world, seller, 85));
        Assert.Contains("subscription ended", lapsed.Message, StringComparison.Ordinal);

        var paid = await world.InScopeAsync(sp => sp.GetRequiredService<ISellerSubscriptions>().RecordPaidPeriodAsync(seller, "start", 2, Ct));
        var now = world.Clock.GetUtcNow().UtcDateTime;
        Assert.Equal((SellerPlan.Start, true, now.AddMonths(2), 3), (paid.Plan, paid.Active, paid.EndsAtUtc, paid.AccountsInUse));
        var scheduled = await ScheduledSyncAsync(world);
        Assert.Equal([first], scheduled.Select(o => o.AccountId).Distinct()); // Start collects the oldest account only

        var extended = await world.InScopeAsync(sp => sp.GetRequiredService<ISellerSubscriptions>().RecordPaidPeriodAsync(seller, "start", 1, Ct));
        Assert.Equal(now.AddMonths(3), extended.EndsAtUtc);
        var badPlan = await Assert.ThrowsAsync<MarketplaceInputException>(() => world.InScopeAsync(sp => sp.GetRequiredService<ISellerSubscriptions>().RecordPaidPeriodAsync(seller, "gold", 1, Ct)));
        Assert.Contains("start (1", badPlan.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<MarketplaceInputException>(() => world.InScopeAsync(sp => sp.GetRequiredService<ISellerSubscriptions>().RecordPaidPeriodAsync(seller, "start", 0, Ct)));
    }

    [Fact]
    public async Task Paid_periods_are_in_the_sellers_copy_of_data_and_go_with_the_account()
    {
        await using var world = await MarketplaceWorld.StartAsync();
        var seller = await world.InScopeAsync(async sp => (await sp.GetRequiredService<AddSeller>().AddAsync("paying@example.ru", null, "operator", true, Ct)).Id);
        await world.InScopeAsync(sp => sp.GetRequiredService<ISellerSubscriptions>().RecordPaidPeriodAsync(seller, "business", 12, Ct));
        var subject = await world.InScopeAsync(sp => sp.GetRequiredService<MarketplaceDb>().Sellers.Where(s => s.Id == seller).Select(s => new SubjectId(s.SubjectId)).SingleAsync(Ct));
        IPersonalDataProvider Provider(IServiceProvider sp) => sp.GetServices<IPersonalDataProvider>().Single(p => p.Name == "marketplace-sellers");

        var exported = await world.InScopeAsync(sp => Provider(sp).ExportAsync(subject, "marketplace-sellers", Ct));
        var period = Assert.Single(exported, r => r.Record.RecordType == "subscription");
        Assert.Contains(period.Fields, f => f.Name == "subscription_plan" && f.Value == "business");
        Assert.Contains(period.Fields, f => f.Name == "subscription_price" && f.Value == "47\u00a0880 ₽");

        await world.InScopeAsync(sp => Provider(sp).EraseAsync(subject, "marketplace-sellers", Ct));
        Assert.Empty(await world.InScopeAsync(sp => sp.GetRequiredService<MarketplaceDb>().Subscriptions.ToListAsync(Ct)));
    }

    [Fact]
    public async Task The_seller_is_told_in_telegram_before_the_trial_ends_when_it_has_ended_and_before_a_paid_period_ends_once_each()
    {
        const long chat = 900_500;
        await using var world = await MarketplaceWorld.StartAsync(withBot: true);
        var account = await world.ConnectSellerAsync(7);
        await AccountKeyTests.GiveTheSellerAChatAsync(world, account, chat);
        var seller = await world.InScopeAsync(sp => sp.GetRequiredService<MarketplaceDb>().Accounts.Where(a => a.Id == account).Select(a => a.SellerId).SingleAsync(Ct));
        Task<int> RemindAsync() => world.InScopeAsync(sp => sp.GetRequiredService<PlanEndReminders>().RemindAsync(Ct));

        Assert.Equal(0, await RemindAsync()); // fourteen days of trial left
        world.Clock.Advance(TimeSpan.FromDays(11) + TimeSpan.FromHours(1));
        Assert.Equal(1, await RemindAsync());
        Assert.Equal(0, await RemindAsync());
        Assert.Contains("Пробный период заканчивается", (await world.Telegram!.NextMessageToAsync(chat)).Text, StringComparison.Ordinal);

        world.Clock.Advance(TimeSpan.FromDays(3));
        Assert.Equal(1, await RemindAsync());
        Assert.Equal(0, await RemindAsync());
        Assert.Contains("Подписка закончилась", (await world.Telegram.NextMessageToAsync(chat)).Text, StringComparison.Ordinal);

        var paid = await world.InScopeAsync(sp => sp.GetRequiredService<ISellerSubscriptions>().RecordPaidPeriodAsync(seller, "start", 1, Ct));
        world.Clock.Set(paid.EndsAtUtc - TimeSpan.FromDays(2));
        Assert.Equal(1, await RemindAsync());
        Assert.Equal(0, await RemindAsync());
        Assert.Contains("Оплаченный период тарифа «Старт» заканчивается", (await world.Telegram.NextMessageToAsync(chat)).Text, StringComparison.Ordinal);
    }

    private static SubscriptionRecord Period(string plan, DateTime starts, DateTime ends) =>
        new() { Id = Guid.NewGuid(), PlanId = plan, StartsAtUtc = starts, EndsAtUtc = ends, PriceCurrency = "RUB" };

    private static Task<MarketplaceAccountRecord> ConnectAsync(MarketplaceWorld world, Guid seller, int seed) => world.InScopeAsync(sp =>
    {
        var (clientId, apiKey) = world.Ozon.Keys.Issue(seed, OzonPlan.Basic);
        return sp.GetRequiredService<ConnectMarketplaceAccount>().ConnectOzonAsync(seller, clientId, apiKey, Ct);
    });

    private static Task<IReadOnlyList<DatasetOutcome>> ScheduledSyncAsync(MarketplaceWorld world) =>
        world.InScopeAsync(sp => sp.GetRequiredService<SyncMarketplace>().RunAsync(null, "ozon-rating", null, null, onlyDue: true, Ct));
}
