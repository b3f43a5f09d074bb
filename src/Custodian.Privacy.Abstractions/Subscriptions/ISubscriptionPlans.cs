using System.Globalization;

namespace Custodian.Privacy.Abstractions.Subscriptions;

/// <summary>
/// The plans a module sells by subscription and where an account stands on them (ADR 0026): the selling module (the
/// marketplace) owns the plans and their limits, billing owns the prices, the invoices and the payments, and neither
/// references the other.
/// </summary>
public interface ISubscriptionPlans
{
    /// <summary>Every plan, cheapest first, with its name and limits written for <paramref name="culture"/>.</summary>
    IReadOnlyList<PlanTerms> Plans(CultureInfo culture);

    /// <summary>Where <paramref name="account"/> (e.g. <c>seller-…</c>) stands now; null when it is not one of this module's accounts.</summary>
    Task<PlanStanding?> StandingAsync(string account, CancellationToken cancellationToken);
}

/// <param name="Id">Stable id, e.g. <c>start</c>; the trial is <see cref="TrialId"/>.</param>
/// <param name="Name">The plan's name for the reader.</param>
/// <param name="Limits">What the plan allows, in a short sentence for the reader.</param>
public sealed record PlanTerms(string Id, string Name, string Limits)
{
    /// <summary>The id of the free trial every new account starts with (shown, never sold).</summary>
    public const string TrialId = "trial";
}

/// <summary>The plan in force (or the last one), whether it is in force, and the paid periods not used up yet.</summary>
/// <param name="PlanId">The plan in force now, or the last one when nothing is in force.</param>
/// <param name="Active">Whether the plan is in force now.</param>
/// <param name="EndsAt">When the plan in force ends (or ended), counting periods of the same plan that follow on.</param>
/// <param name="PaidAhead">Paid periods that have not ended yet (the one running and those after it), by start.</param>
/// <param name="Language">What the account reads messages in (<c>ru</c>, <c>en</c>, …), for what billing writes to it.</param>
public sealed record PlanStanding(string PlanId, bool Active, DateTimeOffset EndsAt, IReadOnlyList<PaidPeriod> PaidAhead, string Language = "ru");

/// <summary>A paid period as recorded: its plan, its span and what the whole period cost.</summary>
public sealed record PaidPeriod(string PlanId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, decimal Price, string Currency);
