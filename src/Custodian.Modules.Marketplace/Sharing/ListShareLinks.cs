using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Marketplace.Sharing;

/// <summary>A seller's share links (newest first), or, for an operator, the links that show one account.</summary>
internal sealed class ListShareLinks(MarketplaceDb db, ShareLinkViews views)
{
    public async Task<IReadOnlyList<ShareLinkRecord>> OfSellerAsync(Guid sellerId, CancellationToken cancellationToken)
    {
        await views.FlushAsync(cancellationToken);
        return await db.ShareLinks.AsNoTracking().Where(l => l.SellerId == sellerId).OrderByDescending(l => l.CreatedAtUtc).ToListAsync(cancellationToken);
    }

    /// <exception cref="MarketplaceInputException">No account has this id.</exception>
    public async Task<IReadOnlyList<ShareLinkRecord>> OfAccountAsync(Guid accountId, CancellationToken cancellationToken)
    {
        if (!await db.Accounts.AnyAsync(a => a.Id == accountId, cancellationToken))
        {
            throw new MarketplaceInputException("account", "No marketplace account with this id.");
        }

        await views.FlushAsync(cancellationToken);
        var needle = accountId.ToString("N");
        // Links made by the owner or by team members who see the account; LIKE finds candidates, the parsed list decides.
        var candidates = await db.ShareLinks.AsNoTracking().Where(l => l.AccountIds.Contains(needle)).OrderByDescending(l => l.CreatedAtUtc).ToListAsync(cancellationToken);
        return [.. candidates.Where(l => l.Accounts.Contains(accountId))];
    }
}
