using Custodian.Modules.Marketplace.Accounts;
using Custodian.Modules.Marketplace.Subscriptions;
using Custodian.Privacy.Abstractions.Identifiers;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Marketplace.Sellers;

/// <summary>One seller in the operators' list: no personal values, only what the service keeps in clear.</summary>
/// <param name="Accounts">Marketplace accounts connected (revoked ones not counted).</param>
internal sealed record SellerListing(Guid Id, string Status, bool Restricted, string Source, SubscriptionState Plan, int Accounts, DateTime CreatedAtUtc);

/// <summary>
/// The sellers, oldest first, with state, plan and connected accounts (<c>custodian sellers list</c>). An operator looking
/// for one person gives the e-mail address, which is matched through its blind index: listing decrypts nobody's address.
/// </summary>
internal sealed class ListSellers(MarketplaceDb db, IPersonalDataVault vault, TimeProvider clock)
{
    public async Task<IReadOnlyList<SellerListing>> ListAsync(string? email, CancellationToken cancellationToken)
    {
        var sellers = db.Sellers.AsNoTracking();
        if (email is not null)
        {
            var check = Email.Check(email);
            if (!check.IsValid)
            {
                throw new MarketplaceInputException("email", $"--email: not a valid e-mail address: {check.Reason}.");
            }

            var index = vault.BlindIndexOf(IdentifierType.Email, check.Normalised!);
            sellers = sellers.Where(s => s.EmailIndex == index);
        }

        var ids = sellers.Select(s => s.Id);
        var found = await sellers.OrderBy(s => s.CreatedAtUtc).ThenBy(s => s.Id)
            .Select(s => new { s.Id, s.Status, s.Restricted, s.Source, s.CreatedAtUtc })
            .ToListAsync(cancellationToken);
        var periods = (await db.Subscriptions.AsNoTracking().Where(p => ids.Contains(p.SellerId)).OrderBy(p => p.StartsAtUtc).ToListAsync(cancellationToken))
            .ToLookup(p => p.SellerId);
        var accounts = (await db.Accounts.AsNoTracking().Where(a => ids.Contains(a.SellerId) && a.Status != AccountStatus.Revoked)
            .Select(a => new { a.SellerId, a.Status })
            .ToListAsync(cancellationToken)).ToLookup(a => a.SellerId);
        var now = clock.GetUtcNow().UtcDateTime;
        return
        [
            .. found.Select(s => new SellerListing(
                s.Id,
                s.Status.ToString().ToLowerInvariant(),
                s.Restricted,
                s.Source,
                SellerSubscriptions.Compute(s.CreatedAtUtc, [.. periods[s.Id]], accounts[s.Id].Count(a => a.Status == AccountStatus.Active), now),
                accounts[s.Id].Count(),
                s.CreatedAtUtc)),
        ];
    }
}
