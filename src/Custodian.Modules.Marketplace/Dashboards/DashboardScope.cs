using Custodian.Modules.Marketplace.Accounts;
using Custodian.Modules.Marketplace.Teams;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Marketplace.Dashboards;

/// <summary>A marketplace account a dashboard may show: its id, marketplace and key tail (how sellers tell their accounts apart).</summary>
internal sealed record DashboardAccount(Guid Id, MarketplaceKind Marketplace, string KeyTail, AccountStatus Status)
{
    public string Tenant => Id.ToString("N");
}

/// <summary>
/// The accounts a signed-in seller sees on dashboards: their own and those of the teams they belong to, nothing else.
/// An account id that is not among them is answered exactly like one that does not exist.
/// </summary>
internal sealed class DashboardScope(MarketplaceDb db, ISellerTeams teams)
{
    /// <summary>Every account the seller may see (revoked ones too: their collected data stays until erasure).</summary>
    public async Task<IReadOnlyList<DashboardAccount>> VisibleAsync(Guid sellerId, CancellationToken cancellationToken)
    {
        var teamOwners = (await teams.TeamsAsync(sellerId, cancellationToken)).Select(t => t.TeamSellerId).ToList();
        var accounts = await db.Accounts.AsNoTracking()
            .Where(a => a.SellerId == sellerId || teamOwners.Contains(a.SellerId))
            .OrderBy(a => a.AddedAtUtc)
            .Select(a => new { a.Id, a.Marketplace, a.KeyTail, a.Status })
            .ToListAsync(cancellationToken);
        return [.. accounts.Select(a => new DashboardAccount(a.Id, a.Marketplace, a.KeyTail, a.Status))];
    }

    /// <summary>One account as an operator names it (the command line sees every account).</summary>
    /// <exception cref="MarketplaceInputException">No account has this id.</exception>
    public async Task<DashboardAccount> OperatorViewAsync(Guid accountId, CancellationToken cancellationToken) =>
        await db.Accounts.AsNoTracking().Where(a => a.Id == accountId).Select(a => new DashboardAccount(a.Id, a.Marketplace, a.KeyTail, a.Status)).FirstOrDefaultAsync(cancellationToken)
            ?? throw new MarketplaceInputException("account", "No marketplace account with this id.");

    /// <summary>The visible accounts the filter selects.</summary>
    /// <exception cref="DashboardNotFoundException">The filter names an account the seller may not see (or that does not exist).</exception>
    public static IReadOnlyList<DashboardAccount> Select(IReadOnlyList<DashboardAccount> visible, DashboardFilter filter)
    {
        if (filter.AccountId is { } wanted && visible.All(a => a.Id != wanted))
        {
            throw new DashboardNotFoundException();
        }

        return [.. visible.Where(a => (filter.AccountId is null || a.Id == filter.AccountId) && (filter.Marketplace is null || a.Marketplace == filter.Marketplace))];
    }
}

/// <summary>An account that is not the viewer's: answered as 404, the same as an id that does not exist.</summary>
internal sealed class DashboardNotFoundException() : Exception("No such marketplace account.");
