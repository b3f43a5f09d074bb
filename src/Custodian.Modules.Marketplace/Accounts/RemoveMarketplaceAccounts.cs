using Custodian.Modules.Marketplace.Collection;
using Custodian.Privacy.Abstractions.Analytics;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Marketplace.Accounts;

/// <summary>
/// Removes marketplace accounts for good (a seller's erasure, or the seller record's end of retention): each key is
/// revoked first (its key scope destroyed), then every fact row the account collected, in every analytics table,
/// its checkpoints, the seller's settings for it (stock thresholds) and the account record.
/// </summary>
internal sealed class RemoveMarketplaceAccounts(MarketplaceDb db, RevokeMarketplaceAccount revoke, MarketplaceDatasets datasets, IAnalyticsStore analytics)
{
    /// <summary>Returns how many account records were deleted.</summary>
    public async Task<int> RemoveAsync(IReadOnlyList<Guid> accounts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        foreach (var account in accounts)
        {
            await revoke.RevokeAsync(account, cancellationToken);
        }

        object[] tenants = [.. accounts.Select(a => a.ToString("N"))];
        foreach (var table in datasets.All.Select(d => d.Table).Append(Dashboards.DailyTotals.Table).Distinct().Where(t => t.Columns.Any(c => c.Name == "account_id")))
        {
            await analytics.DeleteWhereAsync(table, Collection.DatasetRun.TenantColumn, tenants, cancellationToken); // all of them in one statement per table
        }

        // One JSON parameter per list (EF.Parameter): the list can exceed SQLite's limit of SQL variables.
        await db.Checkpoints.Where(c => EF.Parameter(accounts).Contains(c.AccountId)).ExecuteDeleteAsync(cancellationToken);
        await db.StockThresholds.Where(t => EF.Parameter(accounts).Contains(t.AccountId)).ExecuteDeleteAsync(cancellationToken);
        await db.CostPrices.Where(t => EF.Parameter(accounts).Contains(t.AccountId)).ExecuteDeleteAsync(cancellationToken);
        return await db.Accounts.Where(a => EF.Parameter(accounts).Contains(a.Id)).ExecuteDeleteAsync(cancellationToken);
    }
}
