using Custodian.Modules.Billing.Documents;
using Custodian.Modules.Billing.Payments;
using Custodian.Modules.Billing.Plans;
using Custodian.Privacy.Abstractions.Subscriptions;
using Custodian.Simulators.YooKassa;
using Custodian.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Custodian.Modules.Billing.Tests.PlanChoiceTests;

namespace Custodian.Modules.Billing.Tests;

/// <summary>
/// Two change-of-plan invoices issued against the same paid time (a second tab) and both paid: the first confirmed
/// applies, the second extends nothing (its credit is used up) and waits for an operator — in whichever order the
/// provider's notifications arrive, and when they arrive at once.
/// </summary>
public sealed class DoubleChangeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(RecordsProvider.Sqlite, 0)]
    [InlineData(RecordsProvider.Sqlite, 1)]
    [InlineData(RecordsProvider.Postgres, 0)]
    [InlineData(RecordsProvider.Postgres, 1)]
    public async Task Of_two_paid_changes_of_plan_only_the_first_confirmed_credits_the_unused_time(RecordsProvider records, int firstPaid)
    {
        await using var yookassa = await YooKassaSimulator.StartAsync("100500", "test_secret", cancellationToken: Ct);
        await using var host = await Start(yookassa, records);
        var (account, tabs) = await TwoChangeInvoicesAsync(host, yookassa);
        var first = tabs[firstPaid];
        var second = tabs[1 - firstPaid];

        var firstPayment = await PayAsync(host, yookassa, account, first.Id);
        await DeliverEventsAsync(host); // the new plan starts when the marketplace receives the event
        var confirmedAt = host.Clock.GetUtcNow();
        host.SettableClock.Advance(TimeSpan.FromMinutes(3));
        await PayAsync(host, yookassa, account, second.Id);
        await DeliverEventsAsync(host);

        await AssertOnlyAppliedAsync(host, account, first.Id, second.Id, confirmedAt);
        Assert.NotEmpty(firstPayment);
    }

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task Two_changes_of_plan_confirmed_at_the_same_moment_apply_once(RecordsProvider records)
    {
        await using var yookassa = await YooKassaSimulator.StartAsync("100500", "test_secret", cancellationToken: Ct);
        await using var host = await Start(yookassa, records);
        var (account, tabs) = await TwoChangeInvoicesAsync(host, yookassa);
        var ids = new List<string>();
        foreach (var invoice in tabs)
        {
            var (checkout, _) = await InScopeAsync(host, sp => sp.GetRequiredService<PayInvoice>().StartAsync(account, invoice.Id, new Uri("http://127.0.0.1/billing/plans"), Ct));
            ids.Add(checkout!.Segments[^1]);
            Assert.True(yookassa.Pay(ids[^1]));
        }

        var outcomes = await Task.WhenAll(ids.Select(id => Task.Run(() => InScopeAsync(host, sp => sp.GetRequiredService<PayInvoice>().ConfirmAsync(id, Ct)), Ct)));
        await DeliverEventsAsync(host);

        Assert.Equal(["succeeded", "succeeded"], outcomes);
        await using var scope = host.Scope();
        var db = scope.ServiceProvider.GetRequiredService<BillingDb>();
        var unapplied = Assert.Single(await SupersededChanges.UnappliedAsync(db, account, Ct));
        var standing = await scope.ServiceProvider.GetRequiredService<ISubscriptionPlans>().StandingAsync(account, Ct);
        var business = Assert.Single(standing!.PaidAhead);
        Assert.Equal("business", business.PlanId);
        Assert.Equal(1, await db.Documents.CountAsync(d => d.Kind == DocumentKind.Act && d.InvoiceId != tabs[0].Id && d.InvoiceId != tabs[1].Id, Ct)); // the Start act
        Assert.Equal(1, await db.Documents.CountAsync(d => d.Kind == DocumentKind.Act && (d.InvoiceId == tabs[0].Id || d.InvoiceId == tabs[1].Id) && d.InvoiceId != unapplied.InvoiceId, Ct));
    }

    [Fact]
    public async Task The_seller_is_told_on_the_plans_page_that_the_second_payment_did_not_change_the_plan()
    {
        await using var yookassa = await YooKassaSimulator.StartAsync("100500", "test_secret", cancellationToken: Ct);
        await using var host = await Start(yookassa, RecordsProvider.Sqlite);
        var seller = host.CreateClient();
        using (var signIn = await seller.PostFormAsync(await SignInLinks.SellerAsync(host, Ct), [], cancellationToken: Ct))
        {
            Assert.Equal(System.Net.HttpStatusCode.Redirect, signIn.StatusCode);
        }

        // Start paid during the trial, then Business chosen in two tabs (the session would not outlive weeks of clock).
        var (account, tabs) = await TwoChangeInvoicesAsync(host, yookassa, await SellerAccountAsync(host), daysIn: false);
        await PayAsync(host, yookassa, account, tabs[0].Id);
        await DeliverEventsAsync(host);
        host.SettableClock.Advance(TimeSpan.FromMinutes(3));
        await PayAsync(host, yookassa, account, tabs[1].Id);
        await DeliverEventsAsync(host);

        var applied = await seller.GetStringAsync(new Uri($"/billing/plans?invoice={tabs[0].Id}", UriKind.Relative), Ct);
        var superseded = await seller.GetStringAsync(new Uri($"/billing/plans?invoice={tabs[1].Id}", UriKind.Relative), Ct);

        Assert.Contains("id=\"payment-succeeded\"", applied, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"payment-unapplied\"", applied, StringComparison.Ordinal);
        Assert.Contains("id=\"payment-unapplied\">Payment received, but another change of plan had been paid first", superseded, StringComparison.Ordinal);
    }

    private static async Task<string> SellerAccountAsync(CustodianHost host)
    {
        await using var scope = host.Scope();
        var ids = await scope.ServiceProvider.GetRequiredService<BillingDb>().Database.SqlQueryRaw<Guid>("SELECT id AS \"Value\" FROM marketplace_sellers").ToListAsync(Ct);
        var account = "seller-" + ids.Single().ToString("N");
        await scope.ServiceProvider.GetRequiredService<Payers.SavePayer>().RussianAsync(account, PayerTests.Organisation, Ct);
        return account;
    }

    /// <summary>A seller on a paid month of Start, ten days in, with two invoices for Business issued in two tabs.</summary>
    private static async Task<(string Account, DocumentRecord[] Tabs)> TwoChangeInvoicesAsync(CustodianHost host, YooKassaSimulator yookassa, string? seller = null, bool daysIn = true)
    {
        var account = seller ?? await SellerWithPayerAsync(host);
        host.SettableClock.Advance(TimeSpan.FromDays(daysIn ? 15 : 0));
        var (start, _, _) = await InScopeAsync(host, sp => sp.GetRequiredService<ChoosePlan>().OrderAsync(account, "start", "monthly", Ct));
        await PayAsync(host, yookassa, account, start!.Id);
        await DeliverEventsAsync(host);
        host.SettableClock.Advance(TimeSpan.FromDays(daysIn ? 10 : 0));
        var (one, _, _) = await InScopeAsync(host, sp => sp.GetRequiredService<ChoosePlan>().OrderAsync(account, "business", "monthly", Ct));
        var (two, _, _) = await InScopeAsync(host, sp => sp.GetRequiredService<ChoosePlan>().OrderAsync(account, "business", "monthly", Ct));
        Assert.Equal(one!.Amount, two!.Amount); // both credit the same unused 21 days of Start
        return (account, [one, two]);
    }

    private static async Task AssertOnlyAppliedAsync(CustodianHost host, string account, Guid applied, Guid superseded, DateTimeOffset appliedAt)
    {
        await using var scope = host.Scope();
        var db = scope.ServiceProvider.GetRequiredService<BillingDb>();
        var standing = await scope.ServiceProvider.GetRequiredService<ISubscriptionPlans>().StandingAsync(account, Ct);
        var business = Assert.Single(standing!.PaidAhead); // Start was cut once; no second Business month
        Assert.Equal(("business", appliedAt, appliedAt.AddMonths(1)), (business.PlanId, business.StartsAt, business.EndsAt));
        var unapplied = Assert.Single(await SupersededChanges.UnappliedAsync(db, account, Ct));
        Assert.Equal(superseded, unapplied.InvoiceId);
        Assert.True(await db.Documents.AnyAsync(d => d.Kind == DocumentKind.Act && d.InvoiceId == applied, Ct));
        Assert.False(await db.Documents.AnyAsync(d => d.Kind == DocumentKind.Act && d.InvoiceId == superseded, Ct)); // nothing rendered for it
    }
}
