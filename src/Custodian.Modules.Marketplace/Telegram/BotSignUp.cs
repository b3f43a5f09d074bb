using System.Globalization;
using Custodian.Modules.Marketplace.Sellers;
using Custodian.Privacy.Abstractions.Identifiers;
using Custodian.Privacy.Abstractions.Messaging;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;
using Telegram.Bot.Types;

namespace Custodian.Modules.Marketplace.Telegram;

/// <summary>
/// An e-mail address sent to the bot by someone without an active account. A free address (or the person's own) gets a
/// confirmation link; an address that belongs to another seller gets a notice that someone tried (at most as often as
/// sign-in links, <see cref="SignInLinkOptions"/>), and nothing changes. The bot answers both alike, so a stranger cannot
/// learn from it whether an address is registered: the difference is only in what the address's mailbox receives.
/// </summary>
internal sealed class BotSignUp(MarketplaceDb db, IPersonalDataVault vault, AddSeller addSeller, SellerSignInLinks signInLinks, IMailSender mail, IPublicLinks links, TimeProvider clock)
{
    public static readonly TimeSpan ConfirmationLifetime = TimeSpan.FromHours(24);

    /// <summary>The bot's answer to <paramref name="text"/> from <paramref name="from"/> (<paramref name="seller"/>, if pending).</summary>
    public async Task<string> AnswerAsync(SellerRecord? seller, User from, long chatId, string text, SellerLanguage t, CancellationToken cancellationToken)
    {
        if (!text.Contains('@', StringComparison.Ordinal))
        {
            return t["To sign up, send your e-mail address (for example, name@example.com). /help — commands."];
        }

        var check = Email.Check(text);
        if (!check.IsValid)
        {
            return t.Format("This does not look like an e-mail address ({0}). Send the address again.", AddressProblems.Explain(check.Reason, t));
        }

        var address = check.Normalised!;
        var index = vault.BlindIndexOf(IdentifierType.Email, address);
        var owner = await db.Sellers.FirstOrDefaultAsync(s => s.EmailIndex == index, cancellationToken);
        try
        {
            if (owner is not null && owner.Id != seller?.Id)
            {
                await TellOwnerAsync(owner, address, t, cancellationToken);
            }
            else
            {
                await ConfirmAsync(seller ?? await NewSellerAsync(address, from, chatId, t, cancellationToken), owner is null, address, index, t, cancellationToken);
            }
        }
        catch (MailNotSentException)
        {
            return t["We could not send the message. Try again later or send another address."];
        }

        return t.Format("If {0} can be used, we have sent a message to it. Open the link in it within 24 hours and your account is active.", address);
    }

    private async Task<SellerRecord> NewSellerAsync(string address, User from, long chatId, SellerLanguage t, CancellationToken cancellationToken)
    {
        var seller = await addSeller.AddAsync(address, null, "telegram", confirmed: false, cancellationToken);
        var scope = KeyScope.Subject(new SubjectId(seller.SubjectId));
        seller.Language = t.Code;
        seller.TelegramIndex = SellerRecord.TelegramIndexOf(vault, from.Id);
        seller.TelegramUserId = await vault.SealAsync(scope, SellerRecord.Field(seller.Id, "telegram_user_id"), from.Id.ToString(CultureInfo.InvariantCulture), cancellationToken);
        seller.TelegramChatId = await vault.SealAsync(scope, SellerRecord.Field(seller.Id, "telegram_chat_id"), chatId.ToString(CultureInfo.InvariantCulture), cancellationToken);
        if (from.Username is { Length: > 0 } username)
        {
            seller.TelegramUsername = await vault.SealAsync(scope, SellerRecord.Field(seller.Id, "telegram_username"), username, cancellationToken);
        }

        return seller;
    }

    /// <summary>A new link to confirm <paramref name="address"/> (now the pending seller's, when it was free).</summary>
    private async Task ConfirmAsync(SellerRecord seller, bool addressWasFree, string address, byte[] index, SellerLanguage t, CancellationToken cancellationToken)
    {
        if (addressWasFree && !index.AsSpan().SequenceEqual(seller.EmailIndex))
        {
            seller.EmailIndex = index;
            seller.Email = await vault.SealAsync(KeyScope.Subject(new SubjectId(seller.SubjectId)), SellerRecord.EmailField(seller.Id), address, cancellationToken);
        }

        var (token, hash) = OneTimeTokens.New();
        seller.ConfirmationTokenHash = hash;
        seller.ConfirmationExpiresAtUtc = clock.GetUtcNow().UtcDateTime + ConfirmationLifetime;
        await db.SaveChangesAsync(cancellationToken);
        await mail.SendAsync(new OutgoingMail(address, t["Confirm your address — marketplace analytics"], string.Join("\n",
            t["Hello!"], string.Empty,
            t["To activate your account, open the link (it works for 24 hours):"], links.Link("marketplace/confirm/" + token), string.Empty,
            t["If you did not sign up, just delete this message."])), cancellationToken);
    }

    /// <summary>Tells the address's owner that someone asked the bot to sign up with it (in the owner's language, if known).</summary>
    private async Task TellOwnerAsync(SellerRecord owner, string address, SellerLanguage asker, CancellationToken cancellationToken)
    {
        if (!await signInLinks.CountAgainstLimitAsync(owner.Id, cancellationToken))
        {
            return; // the address had its mails for now; a stranger cannot flood it through the bot
        }

        var t = owner.Language is null ? asker : SellerLanguage.Of(owner.Language);
        await mail.SendAsync(new OutgoingMail(address, t["Sign-up with your address — marketplace analytics"], string.Join("\n",
            t["Hello!"], string.Empty,
            t["Someone asked our Telegram bot to sign up with this address. It already belongs to an account in marketplace analytics, so nothing has changed."],
            t["If it was you, sign in on the site:"], links.Link("account/seller-link"), string.Empty,
            t["If it was not you, just delete this message."])), cancellationToken);
    }
}
