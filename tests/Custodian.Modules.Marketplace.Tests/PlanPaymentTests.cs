using System.Text.Json;
using Custodian.Modules.Marketplace.Sellers;
using Custodian.Modules.Marketplace.Subscriptions;
using Custodian.Privacy.Abstractions.Events;
using Custodian.Privacy.Abstractions.Subscriptions;
using Custodian.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Marketplace.Tests;

/// <summary>
/// Billing's confirmed payment of a plan reaches the marketplace as <c>billing.payment-confirmed</c> and extends or
/// changes the seller's plan once, however often it is delivered (ADR 0021, 0026).
/// </summary>
public sealed class PlanPaymentTests
{
    private static readonly DateTimeOffset SignedUp = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task A_payment_delivered_twice_extends_the_plan_once_from_the_end_of_the_trial(RecordsProvider records)
    {
        await using var host = await CustodianHost.Builder().WithRecords(records).WithClock(SignedUp).BuildAsync(Ct);
        var seller = await AddSellerAsync(host);
        host.SettableClock.Advance(TimeSpan.FromDays(3));
        var delivery = Delivery();

        await DeliverAsync(host, delivery, Paid(seller, "start", 1, 1_490m));
        await DeliverAsync(host, delivery, Paid(seller, "start", 1, 1_490m));

        var state = await StateAsync(host, seller);
        var trialEnd = SignedUp.UtcDateTime.AddDays(14);
        Assert.Equal((SellerPlan.Trial, (SellerPlan.Start, trialEnd.AddMonths(1))), (state.Plan, state.Next!.Value));
        Assert.Single(await PeriodsAsync(host, seller));
    }

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task A_change_of_plan_ends_the_paid_time_left_at_the_payment_and_starts_the_new_plan_then(RecordsProvider records)
    {
        await using var host = await CustodianHost.Builder().WithRecords(records).WithClock(SignedUp).BuildAsync(Ct);
        var seller = await AddSellerAsync(host);
        host.SettableClock.Advance(TimeSpan.FromDays(20));
        await DeliverAsync(host, Delivery(), Paid(seller, "start", 1, 1_490m));
        await DeliverAsync(host, Delivery(), Paid(seller, "start", 1, 1_490m)); // a second month paid ahead
        host.SettableClock.Advance(TimeSpan.FromDays(10));
        var paidAt = host.Clock.GetUtcNow().UtcDateTime;

        await DeliverAsync(host, Delivery(), Paid(seller, "business", 12, 39_900m, startsNow: true));

        var state = await StateAsync(host, seller);
        Assert.Equal((SellerPlan.Business, true, paidAt.AddMonths(12)), (state.Plan, state.Active, state.EndsAtUtc));
        var periods = await PeriodsAsync(host, seller);
        Assert.Equal([paidAt, paidAt, paidAt.AddMonths(12)], periods.Select(p => p.EndsAtUtc).Order()); // the Start periods are kept, cut short
        var standing = await InScopeAsync(host, sp => sp.GetRequiredService<ISubscriptionPlans>().StandingAsync(SellerSession.AccountId(seller), Ct));
        Assert.Equal(("business", 39_900m), (Assert.Single(standing!.PaidAhead).PlanId, standing.PaidAhead[0].Price));
    }

    [Fact]
    public async Task A_payment_for_something_else_or_for_an_account_that_is_not_a_sellers_changes_no_plan()
    {
        await using var host = await CustodianHost.Builder().WithClock(SignedUp).BuildAsync(Ct);
        var seller = await AddSellerAsync(host);

        await DeliverAsync(host, Delivery(), new PlanPaymentConfirmed(Guid.NewGuid(), Guid.NewGuid(), SellerSession.AccountId(seller), null));
        await DeliverAsync(host, Delivery(), new PlanPaymentConfirmed(Guid.NewGuid(), Guid.NewGuid(), "employer-7", new PlanPurchase("start", 1, 1_490m, "RUB", false)));

        Assert.Empty(await PeriodsAsync(host, seller));
    }

    [Fact]
    public async Task The_plans_are_offered_with_their_limits_in_russian_and_english()
    {
        await using var host = await CustodianHost.Builder().BuildAsync(Ct);
        await using var scope = host.Scope();
        var plans = scope.ServiceProvider.GetRequiredService<ISubscriptionPlans>();

        var russian = plans.Plans(System.Globalization.CultureInfo.GetCultureInfo("ru-RU"));
        var english = plans.Plans(System.Globalization.CultureInfo.GetCultureInfo("en"));

        Assert.Equal(["Пробный период: Сбор до 3 аккаунтов маркетплейсов одновременно", "Старт: Сбор до 1 аккаунта маркетплейсов одновременно", "Бизнес: Сбор до 5 аккаунтов маркетплейсов одновременно"], russian.Select(p => $"{p.Name}: {p.Limits}"));
        Assert.Equal("Business: Collects up to 5 marketplace accounts at a time", $"{english[2].Name}: {english[2].Limits}");
        Assert.Null(await plans.StandingAsync("seller-1", Ct));
    }

    [Fact]
    public void A_paid_plan_that_ended_unpaid_runs_on_for_its_grace_days_then_pauses_and_the_trial_has_no_grace()
    {
        var trialEnd = SignedUp.UtcDateTime + SellerPlan.TrialLength;
        var paidEnd = trialEnd.AddMonths(1);
        SubscriptionRecord[] periods = [new() { Id = Guid.NewGuid(), PlanId = "start", StartsAtUtc = trialEnd, EndsAtUtc = paidEnd, PriceAmount = 1_490m }];
        var grace = TimeSpan.FromDays(3);

        var overdue = SellerSubscriptions.Compute(SignedUp.UtcDateTime, periods, 1, paidEnd.AddDays(2), grace);
        var unpaid = SellerSubscriptions.Compute(SignedUp.UtcDateTime, periods, 1, paidEnd + grace, grace);
        var trialOver = SellerSubscriptions.Compute(SignedUp.UtcDateTime, [], 1, trialEnd.AddHours(1), grace);

        Assert.Equal((SellerPlan.Start, true, paidEnd, (DateTime?)(paidEnd + grace)), (overdue.Plan, overdue.Active, overdue.EndsAtUtc, overdue.GraceEndsAtUtc));
        Assert.True(overdue.RoomForAnotherAccount is false && overdue.InGrace); // Start collects one account, still collecting
        Assert.Equal((false, false), (unpaid.Active, unpaid.InGrace));
        Assert.False(trialOver.Active);
    }

    [Fact]
    public async Task A_seller_whose_plan_ended_unpaid_sees_only_the_overview_dashboard_and_cannot_export()
    {
        await using var host = await CustodianHost.Builder().WithClock(SignedUp).Started().BuildAsync(Ct);
        var email = $"seller.{Guid.NewGuid():N}@example.ru";
        await InScopeAsync(host, sp => sp.GetRequiredService<AddSeller>().AddAsync(email, null, "operator", confirmed: true, Ct));
        using var seller = await SignedInAsync(host, email);
        using var during = await seller.GetAsync(new Uri("/seller/dashboards/funnel", UriKind.Relative), Ct);
        host.SettableClock.Advance(TimeSpan.FromDays(15));
        using var later = await SignedInAsync(host, email); // the first session has expired by now

        using var funnel = await later.GetAsync(new Uri("/seller/dashboards/funnel", UriKind.Relative), Ct);
        using var export = await later.GetAsync(new Uri("/seller/dashboards/overview?handler=Export&table=daily&format=csv", UriKind.Relative), Ct);
        using var overview = await later.GetAsync(new Uri("/seller/dashboards/overview", UriKind.Relative), Ct);

        Assert.Equal(System.Net.HttpStatusCode.OK, during.StatusCode); // in the trial every dashboard opens
        Assert.Equal((System.Net.HttpStatusCode.Redirect, "/seller/dashboards/overview"), (funnel.StatusCode, funnel.Headers.Location?.OriginalString));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, export.StatusCode);
        Assert.Contains("id=\"plan-limited\"", await overview.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    /// <summary>A client signed in through the seller's e-mailed link, as the seller signs in.</summary>
    private static async Task<CustodianClient> SignedInAsync(CustodianHost host, string email)
    {
        await InScopeAsync(host, async sp => { await sp.GetRequiredService<ISellerAccounts>().SendSignInLinkAsync(email, "en", Ct); return true; });
        var client = host.CreateClient();
        using var response = await client.PostFormAsync(host.LinkIn(email, "/account/seller-link/"), [], cancellationToken: Ct);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private static PlanPaymentConfirmed Paid(Guid seller, string plan, int months, decimal price, bool startsNow = false) =>
        new(Guid.NewGuid(), Guid.NewGuid(), SellerSession.AccountId(seller), new PlanPurchase(plan, months, price, "RUB", startsNow));

    private static EventDelivery Delivery() => new(Guid.NewGuid(), PlanPaymentConfirmed.EventName, DateTimeOffset.UnixEpoch, 1);

    /// <summary>Hands the event to the subscriber as the kernel's dispatcher does: the stored JSON, in a fresh scope.</summary>
    private static async Task DeliverAsync(CustodianHost host, EventDelivery delivery, PlanPaymentConfirmed paid)
    {
        await using var scope = host.Scope();
        var subscriber = scope.ServiceProvider.GetServices<IEventSubscriber>().Single(s => s.Name == "marketplace.extend-plan-on-payment");
        Assert.Equal("billing.payment-confirmed", subscriber.EventName);
        await subscriber.HandleAsync(delivery, JsonSerializer.Serialize(paid, EventJson.Options), Ct);
    }

    private static async Task<Guid> AddSellerAsync(CustodianHost host) =>
        (await InScopeAsync(host, sp => sp.GetRequiredService<AddSeller>().AddAsync($"seller.{Guid.NewGuid():N}@example.ru", null, "operator", confirmed: true, Ct))).Id;

    private static async Task<SubscriptionState> StateAsync(CustodianHost host, Guid seller) =>
        (await InScopeAsync(host, sp => sp.GetRequiredService<ISellerSubscriptions>().StateAsync(seller, Ct)))!;

    private static Task<List<SubscriptionRecord>> PeriodsAsync(CustodianHost host, Guid seller) =>
        InScopeAsync(host, sp => sp.GetRequiredService<MarketplaceDb>().Subscriptions.AsNoTracking().Where(p => p.SellerId == seller).ToListAsync(Ct));

    private static async Task<T> InScopeAsync<T>(CustodianHost host, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = host.Scope();
        return await work(scope.ServiceProvider);
    }
}
