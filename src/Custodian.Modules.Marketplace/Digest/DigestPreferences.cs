using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Marketplace.Digest;

/// <summary>Where a person gets the daily digest.</summary>
internal sealed record DigestChoice(bool Telegram, bool Email)
{
    public static readonly DigestChoice None = new(false, false);

    public bool Any => Telegram || Email;
}

/// <summary>
/// A person's digest channels: set on the settings page, switched off in the bot (<c>/digest off</c>) or with the
/// one-click link of a digest mail (its token known only as a hash in that day's sent-log row).
/// </summary>
internal sealed class DigestPreferences(MarketplaceDb db, TimeProvider clock)
{
    public async Task<DigestChoice> OfAsync(Guid sellerId, CancellationToken cancellationToken) =>
        await db.DigestPreferences.AsNoTracking().Where(p => p.SellerId == sellerId).Select(p => new DigestChoice(p.Telegram, p.Email)).FirstOrDefaultAsync(cancellationToken)
            ?? DigestChoice.None;

    public async Task SetAsync(Guid sellerId, DigestChoice choice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(choice);
        var record = await db.DigestPreferences.FirstOrDefaultAsync(p => p.SellerId == sellerId, cancellationToken);
        if (record is null)
        {
            db.DigestPreferences.Add(record = new DigestPreferenceRecord { SellerId = sellerId });
        }

        (record.Telegram, record.Email, record.UpdatedAtUtc) = (choice.Telegram, choice.Email, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Whether the token is a digest mail's unsubscribe token (a wrong one and an erased person's look alike).</summary>
    public async Task<bool> KnowsTokenAsync(string? token, CancellationToken cancellationToken) => await SellerOfAsync(token, cancellationToken) is not null;

    /// <summary>Stops the digest mails of the person the token's mail went to; false for an unknown token.</summary>
    public async Task<bool> StopMailByTokenAsync(string? token, CancellationToken cancellationToken)
    {
        if (await SellerOfAsync(token, cancellationToken) is not { } sellerId)
        {
            return false;
        }

        await SetAsync(sellerId, await OfAsync(sellerId, cancellationToken) with { Email = false }, cancellationToken);
        return true;
    }

    private async Task<Guid?> SellerOfAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return null;
        }

        var hash = OneTimeTokens.Hash(token);
        var sellerId = await db.DigestsSent.AsNoTracking().Where(s => s.UnsubscribeTokenHash == hash).Select(s => (Guid?)s.SellerId).FirstOrDefaultAsync(cancellationToken);
        return sellerId is { } id && await db.Sellers.AnyAsync(s => s.Id == id, cancellationToken) ? id : null;
    }
}
