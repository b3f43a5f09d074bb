using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Marketplace.Accounts;

/// <summary>One marketplace account in the operators' list; the key shows only as its tail.</summary>
/// <param name="LastSyncUtc">The latest successful run of any of the account's datasets.</param>
/// <param name="Failing">The datasets whose last run failed (their reasons are in <c>marketplace stats</c>).</param>
internal sealed record AccountListing(
    Guid Id, Guid SellerId, MarketplaceKind Marketplace, string KeyTail, string Status, string? StatusDetail, DateTime? KeyExpiresAtUtc, DateTime AddedAtUtc, DateTime? LastSyncUtc,
    IReadOnlyList<string> Failing);

/// <summary>The marketplace accounts, of every seller or of one, with the state of their key and their last collection (<c>custodian marketplace accounts list</c>).</summary>
internal sealed class ListMarketplaceAccounts(MarketplaceDb db)
{
    public async Task<IReadOnlyList<AccountListing>> ListAsync(Guid? sellerId, CancellationToken cancellationToken)
    {
        if (sellerId is { } seller && !await db.Sellers.AnyAsync(s => s.Id == seller, cancellationToken))
        {
            throw new MarketplaceInputException("seller", "No seller with this id.");
        }

        var accounts = db.Accounts.AsNoTracking().Where(a => sellerId == null || a.SellerId == sellerId);
        var ids = accounts.Select(a => a.Id);
        var checkpoints = await db.Checkpoints.AsNoTracking().Where(c => ids.Contains(c.AccountId))
            .Select(c => new { c.AccountId, c.Dataset, c.LastSuccessUtc, Failed = c.LastError != null })
            .ToListAsync(cancellationToken);
        var lastSync = checkpoints.Where(c => c.LastSuccessUtc != null).GroupBy(c => c.AccountId).ToDictionary(g => g.Key, g => g.Max(c => c.LastSuccessUtc));
        var failing = checkpoints.Where(c => c.Failed).GroupBy(c => c.AccountId).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(c => c.Dataset).Order(StringComparer.Ordinal)]);
        var list = await accounts.OrderBy(a => a.AddedAtUtc).ThenBy(a => a.Id)
            .Select(a => new { a.Id, a.SellerId, a.Marketplace, a.KeyTail, a.Status, a.StatusDetail, a.KeyExpiresAtUtc, a.AddedAtUtc }) // never the encrypted keys
            .ToListAsync(cancellationToken);
        return
        [
            .. list.Select(a => new AccountListing(
                a.Id, a.SellerId, a.Marketplace, a.KeyTail, StatusName(a.Status), a.StatusDetail, a.KeyExpiresAtUtc, a.AddedAtUtc, lastSync.GetValueOrDefault(a.Id), failing.GetValueOrDefault(a.Id, []))),
        ];
    }

    private static string StatusName(AccountStatus status) => status switch
    {
        AccountStatus.Active => "active",
        AccountStatus.KeyRejected => "key rejected",
        _ => "revoked",
    };
}
