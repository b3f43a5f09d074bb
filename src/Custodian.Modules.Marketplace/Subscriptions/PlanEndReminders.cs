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
            if (await subscriptions.StateAsync(seller.Id, cancellationToken) is not { } state || Message(state, seller.PlanRemindedAtUtc, now) is not { } text)
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
    internal static string Ended(SubscriptionState state) =>
        $"Подписка закончилась {SellerPlan.DayOf(state.EndsAtUtc):dd.MM.yyyy}: сбор данных приостановлен, всё собранное сохранено. Чтобы продолжить, выберите тариф — напишите сюда, и мы выставим счёт.";

    /// <summary>The reminder due for this state, or null (nothing due, or already told about this end).</summary>
    internal static string? Message(SubscriptionState state, DateTime? remindedAtUtc, DateTime nowUtc)
    {
        var ends = SellerPlan.DayOf(state.EndsAtUtc);
        if (state.Active && state.Next is null && state.EndsAtUtc - nowUtc <= Before && !(remindedAtUtc >= state.EndsAtUtc - Before))
        {
            var what = state.Plan == SellerPlan.Trial ? "Пробный период заканчивается" : $"Оплаченный период тарифа «{state.Plan.NameRu}» заканчивается";
            return $"{what} {ends:dd.MM.yyyy}. Чтобы сбор данных не остановился, выберите тариф: напишите сюда, и мы выставим счёт. /status — тариф и кабинеты.";
        }

        if (!state.Active && nowUtc - state.EndsAtUtc <= AfterAtMost && !(remindedAtUtc >= state.EndsAtUtc))
        {
            return Ended(state);
        }

        return null;
    }
}
