using Custodian.Modules.Billing.Renewals;
using Custodian.Privacy.Abstractions.Subscriptions;
using Custodian.Privacy.Audit;
using Custodian.Simulators.YooKassa;
using Custodian.Testing;
using Microsoft.Extensions.DependencyInjection;
using static Custodian.Modules.Billing.Tests.PlanChoiceTests;
using static Custodian.Modules.Billing.Tests.RenewalReminderTests;

namespace Custodian.Modules.Billing.Tests;

/// <summary>
/// A seller cancels the renewal of a paid plan: no more reminders, the plan runs to the end of the paid time; undoing it
/// is possible until then; both are audited.
/// </summary>
public sealed class RenewalCancellationTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private static readonly DateTimeOffset PaidEnd = Now.AddDays(14).AddMonths(1);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task A_cancelled_renewal_gets_no_reminders_and_the_plan_runs_to_the_end_of_the_paid_time(RecordsProvider records)
    {
        await using var yookassa = await YooKassaSimulator.StartAsync("100500", "test_secret", cancellationToken: Ct);
        await using var host = await StartAsync(yookassa, records);
        var account = await PaidSellerAsync(host, yookassa, "start");

        var (cancelled, problem) = await InScopeAsync(host, sp => sp.GetRequiredService<CancelRenewal>().CancelAsync(account, "seller:test", Ct));
        host.SettableClock.Advance(PaidEnd.AddDays(-7).AddHours(1) - host.Clock.GetUtcNow());
        var weekBefore = await RemindAsync(host);
        host.SettableClock.Advance(TimeSpan.FromDays(6));
        var dayBefore = await RemindAsync(host);
        var standing = await InScopeAsync(host, sp => sp.GetRequiredService<ISubscriptionPlans>().StandingAsync(account, Ct));
        host.SettableClock.Advance(TimeSpan.FromDays(1));
        var graceDay = await RemindAsync(host);

        Assert.Null(problem);
        Assert.Equal(("start", PaidEnd, true), (cancelled!.PlanId, cancelled.PaidUntil, cancelled.Cancelled));
        Assert.Equal((0, 0, 0), (weekBefore, dayBefore, graceDay));
        Assert.Empty(Mails(host));
        Assert.Equal(("start", true, PaidEnd), (standing!.PlanId, standing.Active, standing.EndsAt));
    }

    [Fact]
    public async Task Resuming_before_the_end_brings_the_reminders_back()
    {
        await using var yookassa = await YooKassaSimulator.StartAsync("100500", "test_secret", cancellationToken: Ct);
        await using var host = await StartAsync(yookassa, RecordsProvider.Sqlite);
        var account = await PaidSellerAsync(host, yookassa, "start");
        await InScopeAsync(host, sp => sp.GetRequiredService<CancelRenewal>().CancelAsync(account, "seller:test", Ct));
        host.SettableClock.Advance(PaidEnd.AddDays(-7).AddHours(1) - host.Clock.GetUtcNow());
        var whileCancelled = await RemindAsync(host);

        var (resumed, problem) = await InScopeAsync(host, sp => sp.GetRequiredService<CancelRenewal>().ResumeAsync(account, "seller:test", Ct));
        var afterResuming = await RemindAsync(host);

        Assert.Null(problem);
        Assert.False(resumed!.Cancelled);
        Assert.Equal((0, 1), (whileCancelled, afterResuming));
        var state = await InScopeAsync(host, sp => sp.GetRequiredService<CancelRenewal>().StateAsync(account, Ct));
        Assert.False(state!.Cancelled);
    }

    [Fact]
    public async Task Once_the_paid_time_is_over_the_cancellation_can_no_longer_be_undone()
    {
        await using var yookassa = await YooKassaSimulator.StartAsync("100500", "test_secret", cancellationToken: Ct);
        await using var host = await StartAsync(yookassa, RecordsProvider.Sqlite);
        var account = await PaidSellerAsync(host, yookassa, "start");
        await InScopeAsync(host, sp => sp.GetRequiredService<CancelRenewal>().CancelAsync(account, "seller:test", Ct));
        host.SettableClock.Advance(PaidEnd.AddHours(1) - host.Clock.GetUtcNow());

        var (resumed, problem) = await InScopeAsync(host, sp => sp.GetRequiredService<CancelRenewal>().ResumeAsync(account, "seller:test", Ct));

        Assert.Null(resumed);
        Assert.Equal(CancelRenewal.NothingToResume, problem);
    }

    [Fact]
    public async Task A_trial_without_paid_time_has_no_renewal_to_cancel()
    {
        await using var host = await CustodianHost.Builder().WithClock(Now).BuildAsync(Ct);
        var account = await SellerWithPayerAsync(host);

        var (state, problem) = await InScopeAsync(host, sp => sp.GetRequiredService<CancelRenewal>().CancelAsync(account, "seller:test", Ct));

        Assert.Null(state);
        Assert.Equal(CancelRenewal.NothingToCancel, problem);
    }

    [Fact]
    public async Task Paying_for_more_time_ends_the_cancellation_of_the_earlier_end()
    {
        await using var yookassa = await YooKassaSimulator.StartAsync("100500", "test_secret", cancellationToken: Ct);
        await using var host = await StartAsync(yookassa, RecordsProvider.Sqlite);
        var account = await PaidSellerAsync(host, yookassa, "start");
        await InScopeAsync(host, sp => sp.GetRequiredService<CancelRenewal>().CancelAsync(account, "seller:test", Ct));

        var (invoice, _, _) = await InScopeAsync(host, sp => sp.GetRequiredService<Plans.ChoosePlan>().OrderAsync(account, "start", "monthly", Ct));
        await PayAsync(host, yookassa, account, invoice!.Id);
        await DeliverEventsAsync(host);

        var state = await InScopeAsync(host, sp => sp.GetRequiredService<CancelRenewal>().StateAsync(account, Ct));
        Assert.Equal((PaidEnd.AddMonths(1), false), (state!.PaidUntil, state.Cancelled));
    }

    [Fact]
    public async Task Cancelling_and_resuming_are_audited_with_who_did_it()
    {
        await using var yookassa = await YooKassaSimulator.StartAsync("100500", "test_secret", cancellationToken: Ct);
        await using var host = await StartAsync(yookassa, RecordsProvider.Sqlite);
        var account = await PaidSellerAsync(host, yookassa, "start");

        await InScopeAsync(host, sp => sp.GetRequiredService<CancelRenewal>().CancelAsync(account, "seller:test", Ct));
        await InScopeAsync(host, sp => sp.GetRequiredService<CancelRenewal>().ResumeAsync(account, "cli:anna", Ct));

        var entries = await InScopeAsync(host, sp => sp.GetRequiredService<AuditReader>().ReadAsync(0, null, Ct));
        Assert.Equal(
            [("seller:test", "billing cancel renewal", "billing"), ("cli:anna", "billing resume renewal", "billing")],
            entries.Where(e => e.Action.Contains("renewal", StringComparison.Ordinal)).Select(e => (e.Actor, e.Action, e.Register)));
        Assert.All(entries.Where(e => e.Action.Contains("renewal", StringComparison.Ordinal)), e => Assert.NotNull(e.Subject));
    }
}
