using Custodian.Modules.Marketplace.Collection;
using Custodian.Modules.Marketplace.Sellers;
using Custodian.Modules.Marketplace.Telegram;
using Custodian.Privacy.Abstractions.Messaging;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Custodian.Modules.Marketplace.Accounts;

/// <summary>
/// Tells the seller once per account, in Telegram and by e-mail, that the account's data is ready: its first collection
/// is complete when every dataset of the account has succeeded at least once (or ended with a notice, such as a method
/// the plan lacks). The notice is claimed with one conditional UPDATE before it goes out, so of several instances
/// exactly one sends it; when no channel took it, the claim is given back and the next run tries again.
/// </summary>
internal sealed partial class AccessReadyNotice(
    MarketplaceDb db, MarketplaceDatasets datasets, IPersonalDataVault vault, TelegramMessenger messenger, IMailSender mail, IPublicLinks links, TimeProvider clock, ILogger<AccessReadyNotice> log)
{
    private enum Delivery
    {
        Delivered,
        NoChannel,
        Failed,
    }

    /// <summary>Tells the seller if the account's first collection has just become complete; never fails the collection.</summary>
    public async Task TellIfReadyAsync(MarketplaceAccountRecord account, CancellationToken cancellationToken)
    {
        if (account.AccessReadyNoticeSentUtc is not null || account.Status != AccountStatus.Active)
        {
            return; // the usual case after the first collection: nothing to read
        }

        try
        {
            if (!await CompleteAsync(account, cancellationToken))
            {
                return;
            }

            var claimedAt = clock.GetUtcNow().UtcDateTime;
            var claimed = await db.Accounts.Where(a => a.Id == account.Id && a.AccessReadyNoticeSentUtc == null)
                .ExecuteUpdateAsync(u => u.SetProperty(a => a.AccessReadyNoticeSentUtc, claimedAt), cancellationToken);
            if (claimed != 1 || await db.Sellers.AsNoTracking().FirstOrDefaultAsync(s => s.Id == account.SellerId, cancellationToken) is not { } seller)
            {
                return; // another instance told the seller
            }

            var deliveries = new[] { await TelegramAsync(account, seller, cancellationToken), await MailAsync(account, seller, cancellationToken) };
            if (!deliveries.Contains(Delivery.Delivered) && deliveries.Contains(Delivery.Failed))
            {
                // Only this run's claim can be there: no other instance claims while it is set.
                await db.Accounts.Where(a => a.Id == account.Id)
                    .ExecuteUpdateAsync(u => u.SetProperty(a => a.AccessReadyNoticeSentUtc, (DateTime?)null), CancellationToken.None);
            }
        }
#pragma warning disable CA1031 // a notice about the collection must never undo or stop it (the records or the vault may be away)
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogNotTold(log, account.Id, "records", e.GetType().Name);
        }
    }

    private async Task<bool> CompleteAsync(MarketplaceAccountRecord account, CancellationToken cancellationToken)
    {
        var names = datasets.All.Where(d => d.Marketplace == account.Marketplace).Select(d => d.Name).ToList();
        var done = await db.Checkpoints.AsNoTracking()
            .CountAsync(c => c.AccountId == account.Id && names.Contains(c.Dataset) && (c.LastSuccessUtc != null || c.Notice != null), cancellationToken);
        return done == names.Count;
    }

    private async Task<Delivery> TelegramAsync(MarketplaceAccountRecord account, SellerRecord seller, CancellationToken cancellationToken)
    {
        var t = SellerLanguage.Of(seller.Language);
        try
        {
            var text = t.Format("The data of your {0} account {1} is ready: its first collection is complete. See the numbers on your dashboards: {2}", account.Marketplace, account.KeyTail, links.Link("seller/dashboards"));
            return await messenger.TellSellerAsync(seller, text, cancellationToken) ? Delivery.Delivered : Delivery.NoChannel;
        }
        catch (Exception e) when (e is HttpRequestException or global::Telegram.Bot.Exceptions.RequestException or global::Telegram.Bot.Exceptions.ApiRequestException)
        {
            LogNotTold(log, account.Id, "Telegram", e.GetType().Name);
            return Delivery.Failed;
        }
    }

    private async Task<Delivery> MailAsync(MarketplaceAccountRecord account, SellerRecord seller, CancellationToken cancellationToken)
    {
        var email = await vault.OpenAsync(seller.Email, SellerRecord.EmailField(seller.Id), cancellationToken);
        if (email.IsErased)
        {
            return Delivery.NoChannel;
        }

        var t = SellerLanguage.Of(seller.Language);
        try
        {
            await mail.SendAsync(new OutgoingMail(email.Value!, t["Your data is ready — marketplace analytics"], string.Join("\n",
                t["Hello!"], string.Empty,
                t.Format("The first collection of your {0} account {1} is complete: its data is ready.", account.Marketplace, account.KeyTail),
                t["See the numbers on your dashboards:"], links.Link("seller/dashboards"), string.Empty,
                t["From now on the data is brought up to date automatically."])), cancellationToken);
            return Delivery.Delivered;
        }
        catch (MailNotSentException e)
        {
            LogNotTold(log, account.Id, "e-mail", e.GetType().Name);
            return Delivery.Failed;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Marketplace account {AccountId}: the access-ready notice could not go out ({Channel}: {Error})")]
    private static partial void LogNotTold(ILogger logger, Guid accountId, string channel, string error);
}
