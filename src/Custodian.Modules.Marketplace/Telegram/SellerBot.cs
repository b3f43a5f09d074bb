using Custodian.Modules.Marketplace.Accounts;
using Custodian.Modules.Marketplace.Sellers;
using Custodian.Modules.Marketplace.Support;
using Custodian.Privacy.Abstractions.Consent;
using Custodian.Privacy.Abstractions.Messaging;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;
using Telegram.Bot.Types;

namespace Custodian.Modules.Marketplace.Telegram;

/// <summary>
/// The seller's conversation with the bot. <c>/start</c> asks for an e-mail address; an address gets a confirmation
/// link by e-mail (<see cref="BotSignUp"/>; the account is active once it is opened); <c>/name</c> sets the optional full
/// name; <c>/status</c> lists connected marketplace accounts and their last sync; <c>/stop</c> withdraws the marketing
/// consent; anything else from a seller is a support message kept as correspondence. Replies are in the language of the
/// person's Telegram app (<see cref="SellerLanguage"/>), which the seller record keeps for later notices. Until an account
/// is active the bot answers alike whether or not an address was taken, so it tells no one who is registered.
/// </summary>
internal sealed class SellerBot(
    MarketplaceDb db, IPersonalDataVault vault, BotSignUp signUp, SellerAccounts sellers, IConsentLedger consents,
    TelegramMessenger messenger, Subscriptions.ISellerSubscriptions subscriptions, TimeProvider clock, IPublicLinks links, Digest.DigestPreferences digest)
{
    /// <summary>The commands, one line each.</summary>
    public static string Help(SellerLanguage t) => string.Join("\n",
        t["Commands:"],
        t["/start — sign up with your e-mail address"],
        t["/name First Last — set your name (optional)"],
        t["/status — plan, connected accounts and last sync"],
        t["/stop — no newsletters"],
        t["/digest on, /digest off — the daily digest here"],
        t["/help — this help"],
        t["Any other message goes to support."]);

    public async Task HandleAsync(Update update, CancellationToken cancellationToken)
    {
        if (update.Message is not { From: { IsBot: false } from, Text: { Length: > 0 } text } message)
        {
            return; // stickers, edits, channel posts: nothing to do
        }

        var chatId = message.Chat.Id;
        var seller = await FindAsync(from.Id, cancellationToken);
        var t = SellerLanguage.Of(from.LanguageCode ?? seller?.Language);
        if (seller is not null && from.LanguageCode is not null && seller.Language != t.Code)
        {
            seller.Language = t.Code; // notices outside this chat follow the app's language too
            await db.SaveChangesAsync(cancellationToken);
        }

        var active = seller?.Status == SellerStatus.Active ? seller : null;
        var command = text.Split(' ', 2)[0].Split('@')[0].ToLowerInvariant();
        var argument = text.Contains(' ', StringComparison.Ordinal) ? text.Split(' ', 2)[1].Trim() : string.Empty;
        var reply = command switch
        {
            // Pending and unknown people hear the same: an address that was taken leaves the person unknown.
            "/start" => active is not null
                ? t["Welcome back! Your account is active. /status — accounts and sync, /help — commands."]
                : t["Hello! This is an analytics service for Wildberries and Ozon sellers."] + "\n" + t["To sign up, send your e-mail address: we will send a link to confirm it. Sent it already? Open the link in the message, or send the address again."]
                    + "\n" + t.Format("Before you sign up, read how we process personal data: {0}", PolicyLink(t)),
            "/help" => Help(t),
            "/status" => active is not null ? await StatusAsync(active, t, cancellationToken) : t["Your account is not active yet: send your e-mail address and open the link in the message."],
            "/stop" => active is not null ? await StopMarketingAsync(active, t, cancellationToken) : t["You are not subscribed to newsletters."],
            "/digest" => active is not null ? await DigestAsync(active, argument, t, cancellationToken) : t["Your account is not active yet: send your e-mail address and open the link in the message."],
            "/name" => active is not null ? await NameAsync(active, argument, t, cancellationToken) : t["You can set your name once your account is active: send your e-mail address and open the link in the message."],
            _ when active is null => await signUp.AnswerAsync(seller, from, chatId, text.Trim(), t, cancellationToken),
            _ => await SupportAsync(active, text, t, cancellationToken),
        };
        await messenger.SendAsync(chatId, reply, cancellationToken);
    }

    /// <summary>The operator's processing policy: published in Russian, with an English version for everyone else.</summary>
    private string PolicyLink(SellerLanguage t) => links.Link(t.Code == "ru" ? "/privacy/policy" : "/privacy/policy?lang=en");

    private Task<SellerRecord?> FindAsync(long telegramUserId, CancellationToken cancellationToken)
    {
        var index = SellerRecord.TelegramIndexOf(vault, telegramUserId);
        return db.Sellers.FirstOrDefaultAsync(s => s.TelegramIndex == index, cancellationToken);
    }

    private async Task<string> StatusAsync(SellerRecord seller, SellerLanguage t, CancellationToken cancellationToken)
    {
        var plan = PlanLine(await subscriptions.StateAsync(seller.Id, cancellationToken), t);
        var accounts = await sellers.AccountsAsync(seller.Id, cancellationToken);
        if (accounts.Count == 0)
        {
            return plan + "\n" + t["No marketplace account is connected yet."] + " " + t["Add a Wildberries token or an Ozon key on your account page on the site."];
        }

        var lines = accounts.Select(a =>
        {
            var state = a.Status == nameof(AccountStatus.KeyRejected) ? t["the marketplace rejected the key — replace it"] : t["working"];
            var synced = a.LastSyncUtc is { } at ? t.Format("synced {0:dd.MM.yyyy HH:mm} UTC", at) : t["not synced yet"];
            var expires = a.KeyExpiresAtUtc is { } e ? ", " + t.Format("key valid until {0:dd.MM.yyyy}", e) : string.Empty;
            return $"• {a.Marketplace} {a.KeyTail}: {state}, {synced}{expires}";
        });
        return plan + "\n" + t["Connected accounts:"] + "\n" + string.Join("\n", lines);
    }

    /// <summary>The plan, until when, and how many accounts it collects (Moscow dates: what the seller pays by).</summary>
    private string PlanLine(Subscriptions.SubscriptionState? state, SellerLanguage t)
    {
        if (state is null)
        {
            return string.Empty;
        }

        var ends = Subscriptions.SellerPlan.DayOf(state.EndsAtUtc);
        if (!state.Active)
        {
            return Subscriptions.PlanEndReminders.Ended(state, t);
        }

        var daysLeft = (int)Math.Ceiling((state.EndsAtUtc - clock.GetUtcNow().UtcDateTime).TotalDays);
        var name = state.Plan.NameIn(t);
        var line = state.Plan == Subscriptions.SellerPlan.Trial
            ? t.Format("Plan: {0} until {1:dd.MM.yyyy} ({2} days left)", name, ends, daysLeft)
            // No price: prices are billing's (ADR 0026), and no contract brings them to the marketplace; /billing/plans shows them.
            : t.Format("Plan “{0}” paid until {1:dd.MM.yyyy}", name, ends);
        line += ", " + t.Format("accounts: {0} of {1}.", state.AccountsInUse, state.Plan.MaxAccounts);
        if (state.Next is { } next)
        {
            line += " " + t.Format("Then plan “{0}” until {1:dd.MM.yyyy}.", next.Plan.NameIn(t), Subscriptions.SellerPlan.DayOf(next.EndsAtUtc));
        }

        return line;
    }

    private async Task<string> StopMarketingAsync(SellerRecord seller, SellerLanguage t, CancellationToken cancellationToken)
    {
        var purpose = SellerAccounts.Marketing;
        var subject = new SubjectId(seller.SubjectId);
        if (await consents.HasConsentAsync(subject, purpose, cancellationToken))
        {
            await consents.WithdrawAsync(subject, purpose, new ConsentEvidence(ConsentChannel.Telegram, "/stop"), cancellationToken);
        }

        return t["Done: no more newsletters. The bot still sends messages about your account (keys, sync)."];
    }

    /// <summary><c>/digest on</c> and <c>/digest off</c> switch the digest in this chat; the e-mail digest is left as it is.</summary>
    private async Task<string> DigestAsync(SellerRecord seller, string argument, SellerLanguage t, CancellationToken cancellationToken)
    {
        var choice = await digest.OfAsync(seller.Id, cancellationToken);
        switch (argument.ToLowerInvariant())
        {
            case "off":
                await digest.SetAsync(seller.Id, choice with { Telegram = false }, cancellationToken);
                return choice.Email
                    ? t["Done: no more digests here. The digest by e-mail still comes; change it on the site under Digest."]
                    : t["Done: the daily digest is off. /digest on turns it back on."];
            case "on":
                await digest.SetAsync(seller.Id, choice with { Telegram = true }, cancellationToken);
                return t["Done: yesterday's orders, revenue, low stock and negative reviews come here every morning. /digest off turns it off."];
            default:
                return choice.Telegram
                    ? t["The daily digest comes here every morning. /digest off turns it off."]
                    : t["The daily digest is off here. /digest on turns it on."];
        }
    }

    private async Task<string> NameAsync(SellerRecord seller, string name, SellerLanguage t, CancellationToken cancellationToken)
    {
        if (name.Length is 0 or > 200)
        {
            return t["Write the name after the command, for example: /name Anna Ivanova"];
        }

        seller.FullName = await vault.SealAsync(KeyScope.Subject(new SubjectId(seller.SubjectId)), SellerRecord.FullNameField(seller.Id), name, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return t["Name saved."];
    }

    private async Task<string> SupportAsync(SellerRecord seller, string text, SellerLanguage t, CancellationToken cancellationToken)
    {
        var message = new SupportMessageRecord { Id = Guid.CreateVersion7(), SellerId = seller.Id, FromSeller = true, Channel = "telegram", AtUtc = clock.GetUtcNow().UtcDateTime };
        message.Text = await vault.SealAsync(KeyScope.Subject(new SubjectId(seller.SubjectId)), SupportMessageRecord.Field(message.Id), text.Length > 4000 ? text[..4000] : text, cancellationToken);
        db.SupportMessages.Add(message);
        await db.SaveChangesAsync(cancellationToken);
        return t["Your message has gone to support. The answer will come here."];
    }
}
