using Custodian.Modules.Billing.Plans;
using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Abstractions.Subscriptions;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Billing.Renewals;

/// <summary>Where an account's renewal stands: the paid plan, when its paid time ends, and whether the renewal is cancelled.</summary>
internal sealed record RenewalState(string PlanId, DateTimeOffset PaidUntil, bool Cancelled, DateTimeOffset? CancelledAt);

/// <summary>
/// A seller cancels the renewal of a paid plan, or undoes that before the paid time ends. Cancelled, the plan runs to
/// the end of the paid time and is not renewed: no reminder goes out for that end. The cancellation belongs to that
/// end, so paying for more time (which moves the end) ends it as well. Both are audited.
/// </summary>
internal sealed class CancelRenewal(BillingDb db, ChoosePlan plans, IAuditLog audit, TimeProvider clock)
{
    public const string NothingToCancel = "There is no paid time to stop renewing.";

    public const string NothingToResume = "The renewal is not cancelled.";

    /// <summary>The renewal of the paid plan in force, or null when nothing paid is running (a trial, or the paid time has ended).</summary>
    public async Task<RenewalState?> StateAsync(string account, CancellationToken cancellationToken)
    {
        if (await plans.StandingAsync(account, cancellationToken) is not { PaidAhead: [_, ..] } standing)
        {
            return null; // a trial with nothing paid after it, or the paid time is over
        }

        var paidUntil = PaidUntil(standing);
        var end = paidUntil.UtcDateTime;
        var cancelled = await db.RenewalCancellations.AsNoTracking().SingleOrDefaultAsync(c => c.Account == account && c.PeriodEndUtc == end, cancellationToken);
        return new RenewalState(standing.PaidAhead[^1].PlanId, paidUntil, cancelled is not null, cancelled is null ? null : new DateTimeOffset(cancelled.CancelledAtUtc, TimeSpan.Zero));
    }

    /// <summary>Cancels the renewal; returns the state (cancelled) or why not. Cancelling again changes nothing.</summary>
    public async Task<(RenewalState? State, string? Problem)> CancelAsync(string account, string actor, CancellationToken cancellationToken)
    {
        if (await StateAsync(account, cancellationToken) is not { } state)
        {
            return (null, NothingToCancel);
        }

        if (state.Cancelled)
        {
            return (state, null);
        }

        var now = clock.GetUtcNow();
        var existing = await db.RenewalCancellations.SingleOrDefaultAsync(c => c.Account == account, cancellationToken);
        if (existing is null)
        {
            db.RenewalCancellations.Add(new RenewalCancellationRecord { Account = account, PeriodEndUtc = state.PaidUntil.UtcDateTime, CancelledAtUtc = now.UtcDateTime });
        }
        else
        {
            (existing.PeriodEndUtc, existing.CancelledAtUtc) = (state.PaidUntil.UtcDateTime, now.UtcDateTime); // an earlier end's cancellation, no longer in force
        }

        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(new AuditEvent(actor, "billing cancel renewal", await PayerSubjectAsync(account, cancellationToken), "billing", "invoicing"), cancellationToken);
        return (state with { Cancelled = true, CancelledAt = now }, null);
    }

    /// <summary>Undoes a cancellation while the paid time runs; returns the state (renewing again) or why not.</summary>
    public async Task<(RenewalState? State, string? Problem)> ResumeAsync(string account, string actor, CancellationToken cancellationToken)
    {
        if (await StateAsync(account, cancellationToken) is not { Cancelled: true } state)
        {
            return (null, NothingToResume);
        }

        await db.RenewalCancellations.Where(c => c.Account == account).ExecuteDeleteAsync(cancellationToken);
        await audit.AppendAsync(new AuditEvent(actor, "billing resume renewal", await PayerSubjectAsync(account, cancellationToken), "billing", "invoicing"), cancellationToken);
        return (state with { Cancelled = false, CancelledAt = null }, null);
    }

    /// <summary>
    /// The end of the paid time a renewal is about: the last paid period's end (a trial may still run before it), or the
    /// end of the plan that has just run out (during grace); cancellations and reminders are keyed by it.
    /// </summary>
    internal static DateTimeOffset PaidUntil(PlanStanding standing) =>
        standing.PaidAhead.Count > 0 ? standing.PaidAhead.Max(p => p.EndsAt) : standing.EndsAt;

    private async Task<SubjectId?> PayerSubjectAsync(string account, CancellationToken cancellationToken) =>
        await db.Payers.AsNoTracking().Where(p => p.Account == account).Select(p => (Guid?)p.SubjectId).FirstOrDefaultAsync(cancellationToken) is { } subject
            ? new SubjectId(subject)
            : null;
}
