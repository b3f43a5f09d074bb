using Custodian.Modules.Marketplace.Telegram;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Marketplace.Accounts;

/// <summary>
/// Wildberries tokens live about 180 days. Fourteen days before a token of an active account expires, and again on
/// its last three days, the seller is told in Telegram (once per day of warning), so collection does not stop unnoticed.
/// </summary>
internal sealed class KeyExpiryWarnings(MarketplaceDb db, TelegramMessenger messenger, TimeProvider clock)
{
    public static readonly TimeSpan FirstWarning = TimeSpan.FromDays(14);
    public static readonly TimeSpan LastWarnings = TimeSpan.FromDays(3);

    /// <summary>Warns the sellers whose keys are due a warning now; returns how many were told.</summary>
    public async Task<int> WarnAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var soon = now + FirstWarning;
        var expiring = await db.Accounts.Where(a => a.Status == AccountStatus.Active && a.KeyExpiresAtUtc != null && a.KeyExpiresAtUtc <= soon).ToListAsync(cancellationToken);
        var told = 0;
        foreach (var account in expiring)
        {
            var left = account.KeyExpiresAtUtc!.Value - now;
            var due = account.KeyWarnedAtUtc is not { } warned || (left <= LastWarnings && now.Date > warned.Date);
            if (!due || await db.Sellers.FirstOrDefaultAsync(s => s.Id == account.SellerId, cancellationToken) is not { } seller)
            {
                continue;
            }

            var t = SellerLanguage.Of(seller.Language);
            var text = left <= TimeSpan.Zero
                ? t.Format("The {0} key {1} expired on {2:dd.MM.yyyy}. Create a new one in the marketplace's seller account and add it on the site.", account.Marketplace, account.KeyTail, account.KeyExpiresAtUtc)
                : t.Format("The {0} key {1} expires on {2:dd.MM.yyyy} (in {3} d.). Create a new one in the marketplace's seller account and replace it on the site, so that collection does not stop.", account.Marketplace, account.KeyTail, account.KeyExpiresAtUtc, Math.Max(1, (int)Math.Ceiling(left.TotalDays)));
            if (await messenger.TellSellerAsync(seller, text, cancellationToken))
            {
                told++;
            }

            account.KeyWarnedAtUtc = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        return told;
    }
}
