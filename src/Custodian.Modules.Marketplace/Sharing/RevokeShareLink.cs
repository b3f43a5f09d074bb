using Custodian.Privacy.Abstractions.Audit;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Marketplace.Sharing;

/// <summary>Revokes a link at once: its URL answers 410 from the next request on. Revoking twice changes nothing.</summary>
internal sealed class RevokeShareLink(MarketplaceDb db, IAuditLog audit, ICurrentActor actor, TimeProvider clock)
{
    /// <param name="sellerId">The seller revoking their own link; null for an operator (any link).</param>
    /// <exception cref="MarketplaceInputException">No such link (or not the seller's).</exception>
    public async Task<ShareLinkRecord> RevokeAsync(Guid linkId, Guid? sellerId, CancellationToken cancellationToken)
    {
        var link = await db.ShareLinks.FirstOrDefaultAsync(l => l.Id == linkId && (sellerId == null || l.SellerId == sellerId), cancellationToken)
            ?? throw new MarketplaceInputException("link", "No share link with this id.");
        if (link.RevokedAtUtc is null)
        {
            link.RevokedAtUtc = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
            await ShareLinkAudit.AppendAsync(db, audit, actor, "marketplace.share-link.revoke", link, cancellationToken);
        }

        return link;
    }
}
