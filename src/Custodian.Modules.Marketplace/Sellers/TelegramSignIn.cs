using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Custodian.Modules.Marketplace.Sellers;

/// <summary>A Telegram login payload that was used to sign in: SHA-256 of its <c>hash</c>, kept until the payload would be too old anyway.</summary>
internal sealed class UsedTelegramLoginRecord
{
    public byte[] Digest { get; set; } = [];

    public DateTime ExpiresAtUtc { get; set; }
}

/// <summary>What a Telegram sign-in came to: a seller to sign in, or why not.</summary>
internal sealed record TelegramSignInResult(Guid? SellerId, TelegramLoginRefusal? Refusal = null, bool NotSignedUp = false, bool Pending = false);

/// <summary>
/// Signing a seller in with the Telegram Login Widget's data. The redirect's GET only checks the data
/// (<see cref="CheckAsync"/>) and shows a button; the POST behind it (antiforgery-checked) uses the payload up and
/// names the seller (<see cref="SignInAsync"/>). Each payload signs in once: the digest of its <c>hash</c> is inserted
/// under a primary key, so of parallel requests on any number of instances exactly one inserts it.
/// </summary>
internal sealed class TelegramSignIn(MarketplaceDb db, ISellerAccounts sellers, IConfiguration configuration, TimeProvider clock)
{
    /// <summary>Signed with the bot's token, fresh and not used yet.</summary>
    public async Task<TelegramLoginCheck> CheckAsync(IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken)
    {
        var check = Verify(fields);
        if (check.Refusal is not null)
        {
            return check;
        }

        var digest = DigestOf(fields);
        return await db.UsedTelegramLogins.AnyAsync(u => u.Digest == digest, cancellationToken) ? TelegramLoginCheck.Refused(TelegramLoginRefusal.Replayed) : check;
    }

    /// <summary>Uses the payload up and names the seller behind the Telegram account, or says why nobody is signed in.</summary>
    public async Task<TelegramSignInResult> SignInAsync(IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken)
    {
        var check = Verify(fields);
        if (check.UserId is not { } userId)
        {
            return new TelegramSignInResult(null, check.Refusal);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await db.UsedTelegramLogins.Where(u => u.ExpiresAtUtc < now).ExecuteDeleteAsync(cancellationToken);
        // Kept a little past the last moment Verify accepts the payload, so it is never forgotten while still fresh.
        var expires = (check.SignedAt + TelegramLogin.MaxAge + TelegramLogin.ClockSkew).UtcDateTime;
        var digest = DigestOf(fields);
        var inserted = await db.Database.ExecuteSqlAsync(
            $"INSERT INTO marketplace_used_telegram_logins (digest, expires_at) VALUES ({digest}, {expires}) ON CONFLICT (digest) DO NOTHING",
            cancellationToken);
        if (inserted != 1)
        {
            return new TelegramSignInResult(null, TelegramLoginRefusal.Replayed);
        }

        var seller = await sellers.FindByTelegramAsync(userId, cancellationToken);
        return seller switch
        {
            { Active: true } active => new TelegramSignInResult(active.SellerId),
            null => new TelegramSignInResult(null, NotSignedUp: true),
            _ => new TelegramSignInResult(null, Pending: true),
        };
    }

    private TelegramLoginCheck Verify(IReadOnlyDictionary<string, string> fields) =>
        configuration["Telegram:BotToken"] is { Length: > 0 } token
            ? TelegramLogin.Verify(fields, token, clock.GetUtcNow())
            : TelegramLoginCheck.Refused(TelegramLoginRefusal.Forged);

    // The hash as bytes: its hex spelling (upper or lower case) must not make a used payload look new.
    private static byte[] DigestOf(IReadOnlyDictionary<string, string> fields) => SHA256.HashData(Convert.FromHexString(fields["hash"]));
}
