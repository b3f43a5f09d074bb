using Custodian.Modules.Marketplace.Telegram;
using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Marketplace.Sellers;

internal enum ConfirmationOutcome
{
    Confirmed,
    AlreadyConfirmed,
    UnknownOrExpired,
}

/// <summary>
/// The e-mail confirmation link of a seller who signed up in Telegram: a valid, unexpired token activates the account
/// (once), and the bot tells the seller in their chat.
/// </summary>
internal interface ISellerEmailConfirmation
{
    Task<ConfirmationOutcome> ConfirmAsync(string token, CancellationToken cancellationToken);
}

internal sealed class ConfirmSellerEmail(MarketplaceDb db, TelegramMessenger messenger, IAuditLog audit, ICurrentActor actor, TimeProvider clock) : ISellerEmailConfirmation
{
    public async Task<ConfirmationOutcome> ConfirmAsync(string token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return ConfirmationOutcome.UnknownOrExpired;
        }

        var hash = OneTimeTokens.Hash(token);
        var seller = await db.Sellers.AsNoTracking().FirstOrDefaultAsync(s => s.ConfirmationTokenHash == hash, cancellationToken);
        if (seller is null || seller.ConfirmationExpiresAtUtc < clock.GetUtcNow().UtcDateTime)
        {
            return ConfirmationOutcome.UnknownOrExpired;
        }

        // Used up in one conditional UPDATE: of parallel requests with the same link exactly one changes the row.
        var used = await db.Sellers
            .Where(s => s.Id == seller.Id && s.ConfirmationTokenHash == hash)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.ConfirmationTokenHash, (byte[]?)null).SetProperty(s => s.ConfirmationExpiresAtUtc, (DateTime?)null).SetProperty(s => s.Status, SellerStatus.Active), cancellationToken);
        if (used != 1)
        {
            return ConfirmationOutcome.UnknownOrExpired;
        }

        if (seller.Status == SellerStatus.Active)
        {
            return ConfirmationOutcome.AlreadyConfirmed;
        }

        seller.Status = SellerStatus.Active;

        await audit.AppendAsync(new AuditEvent(actor.Actor, "marketplace.seller.confirm", new SubjectId(seller.SubjectId), "marketplace-sellers", "service-account", seller.Id.ToString("N")), cancellationToken);
        var t = SellerLanguage.Of(seller.Language);
        await messenger.TellSellerAsync(seller, t["Address confirmed: your account is active! Connect a Wildberries account on the site and data collection begins. /status — state, /help — commands."], cancellationToken);
        return ConfirmationOutcome.Confirmed;
    }
}
