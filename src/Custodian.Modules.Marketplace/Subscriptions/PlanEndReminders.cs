using Custodian.Modules.Marketplace.Sellers;
using Custodian.Modules.Marketplace.Telegram;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Marketplace.Subscriptions;

/// <summary>
/// Tells sellers in Telegram that their plan ends in <see cref="Before"/> or less (when nothing paid follows), and once
/// more when it has ended and collection paused — each once per plan end. The scheduler runs it with each round.
/// </summary>
internal sealed class PlanEndReminders(MarketplaceDb db, ISellerSubscriptions subscriptions, TelegramMessenger messenger, TimeProvider clock)
{
    public static readonly TimeSpan Before = TimeSpan.FromDays(3);

    /// <summary>A plan that ended longer ago than this is not announced any more (the seller was told, or left long ago).</summary>
    public static readonly TimeSpan AfterAtMost = TimeSpan.FromDays(7);

    /// <summary>Reminds the sellers due a reminder now; returns how many were told.</summary>
    public async Task<int> RemindAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var (trialFrom, trialTo) = (now - SellerPlan.TrialLength - AfterAtMost, now - SellerPlan.TrialLength + Before);
        var (endFrom, endTo) = (now - AfterAtMost, now + Before);
        var ending = db.Subscriptions.Where(p => p.EndsAtUtc >= endFrom && p.EndsAtUtc <= endTo).Select(p => p.SellerId);
        var candidates = await db.Sellers
            .Where(s => s.Status == SellerStatus.Active && !s.Restricted && ((s.CreatedAtUtc >= trialFrom && s.CreatedAtUtc <= trialTo) || ending.Contains(s.Id)))
            .ToListAsync(cancellationToken);
        var told = 0;
        foreach (var seller in candidates)
        {
            if (await subscriptions.StateAsync(seller.Id, cancellationToken) is not { } state || Message(state, seller.PlanRemindedAtUtc, now, SellerLanguage.Of(seller.Language)) is not { } text)
            {
                continue;
            }

            if (await messenger.TellSellerAsync(seller, text, cancellationToken))
            {
                told++;
            }

            seller.PlanRemindedAtUtc = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        return told;
    }

    /// <summary>What the bot says about a plan that has ended (in <c>/status</c> and in the reminder).</summary>
    internal static string Ended(SubscriptionState state, SellerLanguage t) =>
        t.Format("The subscription ended on {0:dd.MM.yyyy}: collection is paused, everything collected is kept. To go on, choose a plan: write here and we will send an invoice.", SellerPlan.DayOf(state.EndsAtUtc));

    /// <summary>The reminder due for this state, or null (nothing due, or already told about this end).</summary>
    internal static string? Message(SubscriptionState state, DateTime? remindedAtUtc, DateTime nowUtc, SellerLanguage t)
    {
        var ends = SellerPlan.DayOf(state.EndsAtUtc);
        if (state.Active && state.Next is null && state.EndsAtUtc - nowUtc <= Before && !(remindedAtUtc >= state.EndsAtUtc - Before))
        {
            return state.Plan == SellerPlan.Trial
                ? t.Format("The trial ends on {0:dd.MM.yyyy}. So that collection does not stop, choose a plan: write here and we will send an invoice. /status — plan and accounts.", ends)
                : t.Format("The paid period of plan “{0}” ends on {1:dd.MM.yyyy}. So that collection does not stop, choose a plan: write here and we will send an invoice. /status — plan and accounts.", state.Plan.NameIn(t), ends);
        }

        if (!state.Active && nowUtc - state.EndsAtUtc <= AfterAtMost && !(remindedAtUtc >= state.EndsAtUtc))
        {
            return Ended(state, t);
        }

        return null;
    }
}
