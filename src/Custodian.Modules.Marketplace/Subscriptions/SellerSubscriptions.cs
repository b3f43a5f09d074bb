using Custodian.Modules.Marketplace.Accounts;
using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Marketplace.Subscriptions;

/// <summary>Where a seller's subscription stands now.</summary>
/// <param name="Plan">The plan in force, or the last one when the subscription has ended.</param>
/// <param name="Active">Whether collection runs (a trial or a paid period covers the present).</param>
/// <param name="EndsAtUtc">When the plan in force ends (or ended), counting paid periods that follow on without a gap.</param>
/// <param name="Next">A paid plan that starts when the trial ends, with the end of its periods.</param>
/// <param name="AccountsInUse">Marketplace accounts collecting now (revoked and rejected keys do not count).</param>
/// <param name="GraceEndsAtUtc">Set while a paid plan has ended unpaid but its grace days run: collection goes on until then.</param>
internal sealed record SubscriptionState(SellerPlan Plan, bool Active, DateTime EndsAtUtc, (SellerPlan Plan, DateTime EndsAtUtc)? Next, int AccountsInUse, DateTime? GraceEndsAtUtc = null)
{
    /// <summary>Whether the paid period has ended and the plan runs on only for its grace days.</summary>
    public bool InGrace => GraceEndsAtUtc is not null;

    /// <summary>Whether one more marketplace account may be connected.</summary>
    public bool RoomForAnotherAccount => Active && AccountsInUse < Plan.MaxAccounts;
}

/// <summary>A seller's plan: the trial after sign-up, then paid periods.</summary>
internal interface ISellerSubscriptions
{
    /// <summary>The seller's subscription now; null for an unknown seller.</summary>
    Task<SubscriptionState?> StateAsync(Guid sellerId, CancellationToken cancellationToken);

    /// <summary>
    /// Records that the seller paid for <paramref name="months"/> of a plan (the operator's path after an invoice is
    /// paid). The period starts when the trial or the paid periods already recorded end, or now when they have ended.
    /// </summary>
    /// <exception cref="MarketplaceInputException">Unknown seller or plan, or a number of months outside 1–36.</exception>
    Task<SubscriptionState> RecordPaidPeriodAsync(Guid sellerId, string planId, int months, CancellationToken cancellationToken);
}

/// <summary>How long a paid plan runs on unpaid after its period ended (<c>Marketplace:Plans:GraceDays</c>, 3 by default).</summary>
internal sealed class PlanGraceOptions
{
    public const string Section = "Marketplace:Plans";

    public int GraceDays { get; set; } = 3;

    public TimeSpan Grace => TimeSpan.FromDays(GraceDays);
}

internal sealed class SellerSubscriptions(MarketplaceDb db, IAuditLog audit, ICurrentActor actor, TimeProvider clock, Microsoft.Extensions.Options.IOptions<PlanGraceOptions> grace) : ISellerSubscriptions
{
    public async Task<SubscriptionState?> StateAsync(Guid sellerId, CancellationToken cancellationToken)
    {
        if (await db.Sellers.AsNoTracking().Where(s => s.Id == sellerId).Select(s => (DateTime?)s.CreatedAtUtc).FirstOrDefaultAsync(cancellationToken) is not { } createdAtUtc)
        {
            return null;
        }

        var periods = await db.Subscriptions.AsNoTracking().Where(p => p.SellerId == sellerId).OrderBy(p => p.StartsAtUtc).ToListAsync(cancellationToken);
        var inUse = await db.Accounts.CountAsync(a => a.SellerId == sellerId && a.Status == AccountStatus.Active, cancellationToken);
        return Compute(createdAtUtc, periods, inUse, clock.GetUtcNow().UtcDateTime, grace.Value.Grace);
    }

    public async Task<SubscriptionState> RecordPaidPeriodAsync(Guid sellerId, string planId, int months, CancellationToken cancellationToken)
    {
        if (SellerPlan.Find(planId) is not { } plan || plan == SellerPlan.Trial)
        {
            throw new MarketplaceInputException("plan", $"Unknown plan '{planId}'. Plans: {string.Join(", ", SellerPlan.Paid.Select(p => $"{p.Id} ({p.MaxAccounts} accounts)"))}.");
        }

        if (months is < 1 or > 36)
        {
            throw new MarketplaceInputException("months", "A paid period is 1 to 36 months.");
        }

        var seller = await db.Sellers.FirstOrDefaultAsync(s => s.Id == sellerId, cancellationToken) ?? throw new MarketplaceInputException("seller", "No seller with this id.");
        var now = clock.GetUtcNow().UtcDateTime;
        var latestEnd = await db.Subscriptions.Where(p => p.SellerId == sellerId).MaxAsync(p => (DateTime?)p.EndsAtUtc, cancellationToken);
        var starts = new[] { now, seller.CreatedAtUtc + SellerPlan.TrialLength, latestEnd ?? now }.Max();
        db.Subscriptions.Add(new SubscriptionRecord
        {
            Id = Guid.CreateVersion7(),
            SellerId = sellerId,
            PlanId = plan.Id,
            StartsAtUtc = starts,
            EndsAtUtc = starts.AddMonths(months),
            PriceAmount = plan.MonthlyPrice.Amount * months,
            PriceCurrency = plan.MonthlyPrice.Currency,
            RecordedAtUtc = now,
        });
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(new AuditEvent(actor.Actor, "marketplace.subscription.paid-period", new SubjectId(seller.SubjectId), "marketplace-sellers", "service-account", sellerId.ToString("N")), cancellationToken);
        return (await StateAsync(sellerId, cancellationToken))!;
    }

    /// <summary>
    /// The state at <paramref name="nowUtc"/> from the sign-up time and the paid periods (ordered by start). A paid plan
    /// that ended stays in force for <paramref name="grace"/> more (a renewal paid late should not cost a gap in the
    /// data); the trial has no grace.
    /// </summary>
    internal static SubscriptionState Compute(DateTime createdAtUtc, IReadOnlyList<SubscriptionRecord> periods, int accountsInUse, DateTime nowUtc, TimeSpan grace = default)
    {
        var trialEnd = createdAtUtc + SellerPlan.TrialLength;
        var current = periods.LastOrDefault(p => p.StartsAtUtc <= nowUtc && nowUtc < p.EndsAtUtc);
        if (current is not null)
        {
            return new SubscriptionState(PlanOf(current), true, ChainedEnd(periods, current), null, accountsInUse);
        }

        if (nowUtc < trialEnd)
        {
            var following = periods.FirstOrDefault(p => p.StartsAtUtc >= trialEnd - TimeSpan.FromSeconds(1));
            return new SubscriptionState(SellerPlan.Trial, true, trialEnd, following is null ? null : (PlanOf(following), ChainedEnd(periods, following)), accountsInUse);
        }

        var last = periods.Where(p => p.EndsAtUtc <= nowUtc && p.EndsAtUtc > p.StartsAtUtc).MaxBy(p => p.EndsAtUtc);
        return last is null
            ? new SubscriptionState(SellerPlan.Trial, false, trialEnd, null, accountsInUse)
            : nowUtc < last.EndsAtUtc + grace
                ? new SubscriptionState(PlanOf(last), true, last.EndsAtUtc, null, accountsInUse, last.EndsAtUtc + grace)
                : new SubscriptionState(PlanOf(last), false, last.EndsAtUtc, null, accountsInUse);
    }

    private static SellerPlan PlanOf(SubscriptionRecord period) => SellerPlan.Find(period.PlanId) ?? SellerPlan.Start;

    /// <summary>The end of the periods that follow <paramref name="from"/> without a gap.</summary>
    private static DateTime ChainedEnd(IReadOnlyList<SubscriptionRecord> periods, SubscriptionRecord from)
    {
        var end = from.EndsAtUtc;
        foreach (var period in periods.Where(p => p.StartsAtUtc > from.StartsAtUtc && p.PlanId == from.PlanId))
        {
            if (period.StartsAtUtc <= end)
            {
                end = period.EndsAtUtc > end ? period.EndsAtUtc : end;
            }
        }

        return end;
    }
}
