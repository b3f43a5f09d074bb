using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Marketplace.Sharing;

/// <summary>Audit entries of share links: the action, the seller as subject, the link's id (never its token).</summary>
internal static class ShareLinkAudit
{
    public static async Task AppendAsync(MarketplaceDb db, IAuditLog audit, ICurrentActor actor, string action, ShareLinkRecord link, CancellationToken cancellationToken)
    {
        var subject = await db.Sellers.AsNoTracking().Where(s => s.Id == link.SellerId).Select(s => (Guid?)s.SubjectId).FirstOrDefaultAsync(cancellationToken);
        await audit.AppendAsync(new AuditEvent(actor.Actor, action, subject is { } s ? new SubjectId(s) : null, "marketplace-sellers", "service-account", link.Id.ToString("N")), cancellationToken);
    }
}
