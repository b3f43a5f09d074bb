using Custodian.Privacy.Abstractions.Identifiers;
using Custodian.Privacy.Abstractions.Messaging;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Custodian.Modules.Training.SignIn;

/// <summary>
/// One mailed sign-in link (<c>training_sign_in_links</c>): SHA-256 of its token (the token only travels in the mail) and
/// the blind index of the address it went to. Used links stay until the limit's window is over, so they still count.
/// </summary>
internal sealed class TrainingSignInLinkRecord
{
    public byte[] TokenHash { get; set; } = [];

    public byte[] EmailIndex { get; set; } = [];

    public DateTime CreatedAtUtc { get; set; }

    public DateTime ExpiresAtUtc { get; set; }

    public DateTime? UsedAtUtc { get; set; }

    public const string Table = "training_sign_in_links";
}

/// <summary><c>Training:SignInLinks:*</c>: at most <see cref="PerAddress"/> links to one address per <see cref="Window"/>; the form's requests wait in a queue of <see cref="QueueCapacity"/>.</summary>
internal sealed class TrainingSignInOptions
{
    public const string Section = "Training:SignInLinks";

    public int PerAddress { get; set; } = 3;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);

    public int QueueCapacity { get; set; } = 1000;
}

/// <summary>
/// Single-use 15-minute sign-in links for trainees (their e-mail as enrolled) and employers' contact persons (the
/// employer's contact e-mail): one mechanism, since one address may be both. The link carries no identity: whom it
/// signs in is looked up again by the address's blind index when it is used (<see cref="TrainingPeople"/>).
/// </summary>
internal sealed partial class TrainingSignInLinks(TrainingDb db, IPersonalDataVault vault, IMailSender mail, IPublicLinks links, IOptions<TrainingSignInOptions> options, TimeProvider clock, ILogger<TrainingSignInLinks> log)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    public const string LinkPath = "training/sign-in/";

    /// <summary>Why <paramref name="email"/> is not an address a link can go to, or null.</summary>
    public static string? AddressProblem(string? email) =>
        Email.Check(email ?? string.Empty) is { IsValid: false } check ? $"Not a valid e-mail address: {check.Reason}." : null;

    /// <summary>Mails a link when a trainee or an employer's contact has this address and it is under its limit; says nothing either way.</summary>
    /// <exception cref="TrainingInputException">Not an e-mail address.</exception>
    /// <exception cref="MailNotSentException">The mail server did not take the message.</exception>
    public async Task SendAsync(string email, string language, CancellationToken cancellationToken)
    {
        var check = Email.Check(email ?? string.Empty);
        if (!check.IsValid)
        {
            throw new TrainingInputException("email", AddressProblem(email)!);
        }

        var index = vault.BlindIndexOf(IdentifierType.Email, check.Normalised!);
        if (!await TrainingPeople.AnyAsync(db, index, cancellationToken))
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var windowStart = now - options.Value.Window;
        // One mailer reads the queue per instance; several instances may let one more through in the same instant.
        if (await db.SignInLinks.CountAsync(l => l.EmailIndex == index && l.CreatedAtUtc > windowStart, cancellationToken) >= options.Value.PerAddress)
        {
            LogLimitReached(log, options.Value.PerAddress, options.Value.Window);
            return;
        }

        var forgotten = now - (options.Value.Window > Lifetime ? options.Value.Window : Lifetime);
        await db.SignInLinks.Where(l => l.ExpiresAtUtc < forgotten && l.CreatedAtUtc < forgotten).ExecuteDeleteAsync(cancellationToken);
        var (token, hash) = OneTimeTokens.New();
        db.SignInLinks.Add(new TrainingSignInLinkRecord { TokenHash = hash, EmailIndex = index, CreatedAtUtc = now, ExpiresAtUtc = now + Lifetime });
        await db.SaveChangesAsync(cancellationToken);
        var link = links.Link(LinkPath + token);
        var (subject, body) = language switch
        {
            "en" => ("Sign in to card training", $"Your sign-in link (valid for 15 minutes, once):\n{link}\n\nIf you did not ask to sign in, delete this message."),
            _ => ("Kirjautuminen korttikoulutukseen / Sign in to card training",
                $"Kirjautumislinkkisi (voimassa 15 minuuttia, kerran):\n{link}\n\nJos et pyytänyt kirjautumista, poista tämä viesti.\n\nYour sign-in link (valid for 15 minutes, once): see above. If you did not ask to sign in, delete this message."),
        };
        await mail.SendAsync(new OutgoingMail(check.Normalised!, subject, body), cancellationToken);
    }

    /// <summary>The blind index of the address the link went to (using the link up unless <paramref name="peekOnly"/>); null when it is unknown, used or expired.</summary>
    public async Task<byte[]?> RedeemAsync(string? token, bool peekOnly, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return null;
        }

        var hash = OneTimeTokens.Hash(token);
        var now = clock.GetUtcNow().UtcDateTime;
        var index = await db.SignInLinks.AsNoTracking().Where(l => l.TokenHash == hash && l.UsedAtUtc == null && l.ExpiresAtUtc >= now)
            .Select(l => l.EmailIndex).FirstOrDefaultAsync(cancellationToken);
        if (index is null || peekOnly)
        {
            return index;
        }

        // Used up by one conditional UPDATE: of parallel requests with the same link exactly one changes the row.
        var used = await db.SignInLinks.Where(l => l.TokenHash == hash && l.UsedAtUtc == null && l.ExpiresAtUtc >= now)
            .ExecuteUpdateAsync(u => u.SetProperty(l => l.UsedAtUtc, now), cancellationToken);
        return used == 1 ? index : null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Training sign-in link not mailed: the address had its {Limit} links in {Window} already")]
    private static partial void LogLimitReached(ILogger logger, int limit, TimeSpan window);
}

internal static class TrainingSignInLinkMapping
{
    public static void Map(ModelBuilder modelBuilder) => modelBuilder.Entity<TrainingSignInLinkRecord>(l =>
    {
        l.ToTable(TrainingSignInLinkRecord.Table);
        l.HasKey(x => x.TokenHash);
        l.Property(x => x.TokenHash).HasColumnName("token_hash");
        l.Property(x => x.EmailIndex).HasColumnName("email_index").IsRequired();
        l.Property(x => x.CreatedAtUtc).HasColumnName("created_at");
        l.Property(x => x.ExpiresAtUtc).HasColumnName("expires_at");
        l.Property(x => x.UsedAtUtc).HasColumnName("used_at");
        l.HasIndex(x => new { x.EmailIndex, x.CreatedAtUtc });
    });
}
