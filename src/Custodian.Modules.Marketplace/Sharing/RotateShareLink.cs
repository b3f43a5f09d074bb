using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Marketplace.Sharing;

/// <summary>Gives a live link a new token: the old URL stops at once (404, as if it never existed), the scope stays.</summary>
internal sealed class RotateShareLink(MarketplaceDb db, IAuditLog audit, ICurrentActor actor, TimeProvider clock)
{
    /// <exception cref="MarketplaceInputException">No such link of the seller, or it is revoked or expired.</exception>
    public async Task<string> RotateAsync(Guid linkId, Guid sellerId, CancellationToken cancellationToken)
    {
        var link = await db.ShareLinks.FirstOrDefaultAsync(l => l.Id == linkId && l.SellerId == sellerId, cancellationToken)
            ?? throw new MarketplaceInputException("link", "No share link with this id.");
        if (link.RevokedAtUtc is not null || link.ExpiresAtUtc <= clock.GetUtcNow().UtcDateTime)
        {
            throw new MarketplaceInputException("link", "This link is revoked or expired; create a new one.");
        }

        var (token, hash) = OneTimeTokens.New();
        link.TokenHash = hash;
        await db.SaveChangesAsync(cancellationToken);
        await ShareLinkAudit.AppendAsync(db, audit, actor, "marketplace.share-link.rotate", link, cancellationToken);
        return token;
    }
}
