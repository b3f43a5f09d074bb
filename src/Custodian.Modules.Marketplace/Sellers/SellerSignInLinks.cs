using Custodian.Privacy.Abstractions.Identifiers;
using Custodian.Privacy.Abstractions.Messaging;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Custodian.Modules.Marketplace.Sellers;

/// <summary>One mailed sign-in link: SHA-256 of its token (the token itself only travels in the mail), valid until used or expired.</summary>
internal sealed class SellerSignInLinkRecord
{
    public byte[] TokenHash { get; set; } = [];

    public Guid SellerId { get; set; }

    public DateTime ExpiresAtUtc { get; set; }
}

/// <summary>
/// <c>Marketplace:SignInLinks:*</c>: at most <see cref="PerAddress"/> links are mailed to one address per
/// <see cref="Window"/> (whoever asks, from however many client addresses); the form's requests wait in a queue of
/// <see cref="QueueCapacity"/> for the mailer (<see cref="SignInLinkQueue"/>).
/// </summary>
internal sealed class SignInLinkOptions
{
    public const string Section = "Marketplace:SignInLinks";

    public int PerAddress { get; set; } = 3;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);

    public int QueueCapacity { get; set; } = 1000;
}

/// <summary>
/// Single-use 15-minute sign-in links mailed to an active seller's confirmed address. Every link stays valid until it is
/// used or expires (asking again does not cancel the earlier one); each is used up by one conditional DELETE.
/// </summary>
internal sealed partial class SellerSignInLinks(MarketplaceDb db, IPersonalDataVault vault, IMailSender mail, IPublicLinks links, IOptions<SignInLinkOptions> options, TimeProvider clock, ILogger<SellerSignInLinks> log)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    /// <summary>Why <paramref name="email"/> is not an address a link can go to, or null.</summary>
    public static string? AddressProblem(string? email) =>
        Email.Check(email ?? string.Empty) is { IsValid: false } check ? $"Not a valid e-mail address: {check.Reason}." : null;

    /// <summary>Mails a link when an active seller has this address and it is under its limit; says nothing either way.</summary>
    /// <exception cref="MarketplaceInputException">Not an e-mail address.</exception>
    /// <exception cref="MailNotSentException">The mail server did not take the message.</exception>
    public async Task SendAsync(string email, string language, CancellationToken cancellationToken)
    {
        var check = Email.Check(email ?? string.Empty);
        if (!check.IsValid)
        {
            throw new MarketplaceInputException("email", AddressProblem(email)!);
        }

        var index = vault.BlindIndexOf(IdentifierType.Email, check.Normalised!);
        var sellerId = await db.Sellers.AsNoTracking().Where(s => s.EmailIndex == index && s.Status == SellerStatus.Active).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(cancellationToken);
        if (sellerId is null)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (!await CountAgainstLimitAsync(sellerId.Value, cancellationToken))
        {
            LogLimitReached(log, options.Value.PerAddress, options.Value.Window);
            return;
        }

        await db.SignInLinks.Where(l => l.ExpiresAtUtc < now).ExecuteDeleteAsync(cancellationToken);
        var (token, hash) = OneTimeTokens.New();
        db.SignInLinks.Add(new SellerSignInLinkRecord { TokenHash = hash, SellerId = sellerId.Value, ExpiresAtUtc = now + Lifetime });
        await db.SaveChangesAsync(cancellationToken);
        var link = links.Link("account/seller-link/" + token);
        var (subject, body) = language switch
        {
            "ru" => ("Вход в аналитику маркетплейсов", $"Ссылка для входа (действует 15 минут, один раз):\n{link}\n\nЕсли вы не запрашивали вход, просто удалите это письмо."),
            "fi" => ("Kirjautuminen markkinapaikka-analytiikkaan", $"Kirjautumislinkkisi (voimassa 15 minuuttia, kerran):\n{link}\n\nJos et pyytänyt kirjautumista, poista tämä viesti."),
            _ => ("Sign in to marketplace analytics", $"Your sign-in link (valid for 15 minutes, once):\n{link}\n\nIf you did not ask to sign in, delete this message."),
        };
        await mail.SendAsync(new OutgoingMail(check.Normalised!, subject, body), cancellationToken);
    }

    /// <summary>The seller a link belongs to (using it up unless <paramref name="peekOnly"/>); null when it is unknown, used or expired.</summary>
    public async Task<Guid?> RedeemAsync(string token, bool peekOnly, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return null;
        }

        var hash = OneTimeTokens.Hash(token);
        var now = clock.GetUtcNow().UtcDateTime;
        var sellerId = await (from link in db.SignInLinks.AsNoTracking()
                              join seller in db.Sellers.AsNoTracking() on link.SellerId equals seller.Id
                              where link.TokenHash == hash && link.ExpiresAtUtc >= now && seller.Status == SellerStatus.Active
                              select (Guid?)seller.Id).FirstOrDefaultAsync(cancellationToken);
        if (sellerId is null || peekOnly)
        {
            return sellerId;
        }

        // Used up in one conditional DELETE: of parallel requests with the same link exactly one removes the row.
        var used = await db.SignInLinks.Where(l => l.TokenHash == hash && l.ExpiresAtUtc >= now).ExecuteDeleteAsync(cancellationToken);
        return used == 1 ? sellerId : null;
    }

    /// <summary>
    /// Counts one more mail about signing in to the seller's address (a link, or the bot's notice that someone tried to
    /// sign up with it) in the current window (a new window starts when the last one is over); false over the limit.
    /// One conditional UPDATE, so parallel mailers on any number of instances never let more than the limit through.
    /// </summary>
    public async Task<bool> CountAgainstLimitAsync(Guid sellerId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var limit = options.Value.PerAddress;
        var windowOver = now - options.Value.Window;
        return await db.Sellers
            .Where(s => s.Id == sellerId && (s.SignInWindowStartUtc == null || s.SignInWindowStartUtc <= windowOver || s.SignInsInWindow < limit))
            .ExecuteUpdateAsync(
                u => u.SetProperty(s => s.SignInsInWindow, s => s.SignInWindowStartUtc == null || s.SignInWindowStartUtc <= windowOver ? 1 : s.SignInsInWindow + 1)
                      .SetProperty(s => s.SignInWindowStartUtc, s => s.SignInWindowStartUtc == null || s.SignInWindowStartUtc <= windowOver ? (DateTime?)now : s.SignInWindowStartUtc),
                cancellationToken) == 1;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sign-in link not mailed: the address had its {Limit} links in {Window} already")]
    private static partial void LogLimitReached(ILogger logger, int limit, TimeSpan window);
}
