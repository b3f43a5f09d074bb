using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Marketplace.Accounts;

/// <summary>
/// Revokes a marketplace account's key: the key scope of the account is destroyed (crypto-shredding: the ciphertext is
/// unreadable in every copy and backup; buyers' review texts were encrypted under it too, and the retention sweep
/// deletes their records with an act, see <see cref="Reviews.BuyerReviewRetention"/>), the ciphertext removed,
/// collection stops. Collected facts stay (the seller's business data, removed with the account).
/// </summary>
internal sealed class RevokeMarketplaceAccount(MarketplaceDb db, IPersonalDataVault vault, IAuditLog audit, ICurrentActor actor, TimeProvider clock)
{
    public async Task RevokeAsync(Guid accountId, CancellationToken cancellationToken)
    {
        var account = await db.Accounts.FirstOrDefaultAsync(a => a.Id == accountId, cancellationToken)
            ?? throw new MarketplaceInputException("account", "No marketplace account with this id.");
        if (account.Status == AccountStatus.Revoked)
        {
            return;
        }

        await vault.ShredAsync(account.KeyScope, cancellationToken);
        account.WildberriesToken = null;
        account.OzonClientId = null;
        account.OzonApiKey = null;
        account.Status = AccountStatus.Revoked;
        account.StatusDetail = "Key revoked and destroyed.";
        account.RevokedAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        var subject = await db.Sellers.Where(s => s.Id == account.SellerId).Select(s => (Guid?)s.SubjectId).FirstOrDefaultAsync(cancellationToken);
        await audit.AppendAsync(new AuditEvent(actor.Actor, "marketplace.account.revoke", subject is { } id ? new SubjectId(id) : null, "marketplace-sellers", "marketplace-collection", account.Id.ToString("N")), cancellationToken);
    }
}
