using Custodian.Modules.Marketplace.Telegram;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Custodian.Modules.Marketplace.Accounts;

/// <summary>Tells the seller in Telegram, in their language, that a marketplace refused an account's key and its collection stopped.</summary>
internal sealed partial class KeyRejectedNotice(MarketplaceDb db, TelegramMessenger messenger, ILogger<KeyRejectedNotice> log)
{
    /// <summary>Tells the seller; a failure to tell is only logged (the account page shows the state anyway).</summary>
    /// <param name="reason">What the marketplace answered (its own words, quoted as they came).</param>
    public async Task TellAsync(MarketplaceAccountRecord account, string reason)
    {
        if (await db.Sellers.AsNoTracking().FirstOrDefaultAsync(s => s.Id == account.SellerId, CancellationToken.None) is not { } seller)
        {
            return;
        }

        var t = SellerLanguage.Of(seller.Language);
        try
        {
            await messenger.TellSellerAsync(seller, t.Format("{0} rejected the key {1} ({2}). Collection from this account has stopped: add a new key on the site.", account.Marketplace, account.KeyTail, reason), CancellationToken.None);
        }
        catch (Exception e) when (e is HttpRequestException or global::Telegram.Bot.Exceptions.RequestException or global::Telegram.Bot.Exceptions.ApiRequestException)
        {
            LogNotTold(log, account.Id, e.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Marketplace account {AccountId}: the seller could not be told in Telegram ({Error})")]
    private static partial void LogNotTold(ILogger logger, Guid accountId, string error);
}
