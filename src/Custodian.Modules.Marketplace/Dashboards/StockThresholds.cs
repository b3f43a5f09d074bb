using System.Globalization;
using Custodian.Modules.Marketplace.Accounts;
using Custodian.Modules.Marketplace.Collection.Ozon;
using Custodian.Modules.Marketplace.Collection.Wildberries;
using Custodian.Modules.Marketplace.Teams;
using Custodian.Privacy.Abstractions.Analytics;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Marketplace.Dashboards;

/// <summary>A seller may see the account but not change its settings (a team member without the owner's role).</summary>
internal sealed class ThresholdNotAllowedException() : Exception("Only the account's seller or a team owner changes stock thresholds.");

/// <summary>
/// Low-stock thresholds per SKU. Whoever sees an account sees its thresholds; the seller who owns it and the owners of
/// that seller's team change them (members only look, as they do with keys). A threshold is a whole number of units
/// from 0 to 1 000 000 for a SKU the account has (in a stock snapshot, its cards or product list, or its orders).
/// </summary>
internal sealed class StockThresholds(MarketplaceDb db, DashboardScope scope, AnalyticsRows store, TimeProvider clock)
{
    public const int MaxThreshold = 1_000_000;

    public async Task<IReadOnlyDictionary<SkuKey, int>> ForAsync(IReadOnlyList<DashboardAccount> accounts, CancellationToken cancellationToken)
    {
        var ids = accounts.Select(a => a.Id).ToList();
        return await db.StockThresholds.AsNoTracking().Where(x => EF.Parameter(ids).Contains(x.AccountId))
            .ToDictionaryAsync(x => new SkuKey(x.AccountId, x.Sku), x => x.Threshold, cancellationToken);
    }

    /// <summary>Of the accounts the seller sees, those whose thresholds the seller may change.</summary>
    public async Task<IReadOnlySet<Guid>> ManageableAsync(Guid sellerId, IReadOnlyList<DashboardAccount> visible, CancellationToken cancellationToken)
    {
        var ids = visible.Select(a => a.Id).ToList();
        var owners = await db.TeamMembers.AsNoTracking().Where(m => m.MemberSellerId == sellerId && m.Role == TeamRole.Owner).Select(m => m.TeamSellerId).ToListAsync(cancellationToken);
        owners.Add(sellerId);
        return (await db.Accounts.AsNoTracking().Where(a => EF.Parameter(ids).Contains(a.Id) && EF.Parameter(owners).Contains(a.SellerId)).Select(a => a.Id).ToListAsync(cancellationToken)).ToHashSet();
    }

    /// <summary>Sets (or replaces) the threshold of a SKU.</summary>
    /// <exception cref="MarketplaceInputException">The threshold is not a whole number 0–1 000 000, the account is not one the seller sees, or the SKU is not the account's.</exception>
    /// <exception cref="ThresholdNotAllowedException">The seller sees the account but may not change it.</exception>
    public async Task SetAsync(Guid sellerId, string? account, string? sku, string? threshold, CancellationToken cancellationToken)
    {
        var units = Units(threshold);
        var (chosen, number) = await ChosenAsync(sellerId, account, sku, cancellationToken);
        if (!await KnowsAsync(chosen, number, cancellationToken))
        {
            throw new MarketplaceInputException("sku", "This SKU is not among the account's products: check the number (a Wildberries nmID or an Ozon SKU).");
        }

        var owner = await db.Accounts.AsNoTracking().Where(a => a.Id == chosen.Id).Select(a => a.SellerId).SingleAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var record = await db.StockThresholds.FirstOrDefaultAsync(x => x.AccountId == chosen.Id && x.Sku == number, cancellationToken);
        if (record is null)
        {
            db.StockThresholds.Add(new StockThresholdRecord { Id = Guid.CreateVersion7(), SellerId = owner, AccountId = chosen.Id, Sku = number, Threshold = units, UpdatedAtUtc = now });
        }
        else
        {
            (record.Threshold, record.SellerId, record.UpdatedAtUtc) = (units, owner, now);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Removes a SKU's threshold (the seven-day rule applies again); false when it had none.</summary>
    /// <exception cref="MarketplaceInputException">The account is not one the seller sees, or the SKU is not a number.</exception>
    /// <exception cref="ThresholdNotAllowedException">The seller sees the account but may not change it.</exception>
    public async Task<bool> RemoveAsync(Guid sellerId, string? account, string? sku, CancellationToken cancellationToken)
    {
        var (chosen, number) = await ChosenAsync(sellerId, account, sku, cancellationToken);
        return await db.StockThresholds.Where(x => x.AccountId == chosen.Id && x.Sku == number).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    /// <summary>A whole number of units; spaces between digit groups ("1 000") are allowed, as sellers write them.</summary>
    public static int Units(string? threshold)
    {
        var text = (threshold ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\u00a0", string.Empty, StringComparison.Ordinal).Replace("\u202f", string.Empty, StringComparison.Ordinal);
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var units) && units <= MaxThreshold
            ? units
            : throw new MarketplaceInputException("threshold", "The threshold is a whole number of units from 0 to 1 000 000.");
    }

    private async Task<(DashboardAccount Account, long Sku)> ChosenAsync(Guid sellerId, string? account, string? sku, CancellationToken cancellationToken)
    {
        var chosen = Guid.TryParse(account, out var id) ? (await scope.VisibleAsync(sellerId, cancellationToken)).FirstOrDefault(a => a.Id == id) : null;
        if (chosen is null)
        {
            throw new MarketplaceInputException("account", "Choose one of your marketplace accounts.");
        }

        if (!(await ManageableAsync(sellerId, [chosen], cancellationToken)).Contains(chosen.Id))
        {
            throw new ThresholdNotAllowedException();
        }

        return long.TryParse(sku?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? (chosen, number)
            : throw new MarketplaceInputException("sku", "The SKU is a positive number (a Wildberries nmID or an Ozon SKU).");
    }

    private async Task<bool> KnowsAsync(DashboardAccount account, long sku, CancellationToken cancellationToken)
    {
        var sources = account.Marketplace == MarketplaceKind.Wildberries
            ? new[] { (WildberriesStocksAndPrices.Stocks, "nm_id"), (WildberriesCards.Cards, "nm_id"), (WildberriesTables.Orders, "nm_id") }
            : [(OzonSnapshot.Stocks, "sku"), (OzonProducts.Products, "sku"), (OzonPostings.Fbo, "sku"), (OzonPostings.Fbs, "sku")];
        foreach (var (table, column) in sources)
        {
            var sql = new Sql($"SELECT count(*) AS n FROM {table} WHERE account_id = {account.Tenant} AND {new AnalyticsColumn(column, AnalyticsType.Int64)} = {sku}");
            if (AnalyticsRows.Long((await store.QueryAsync(sql, cancellationToken))[0][0]) > 0)
            {
                return true;
            }
        }

        return false;
    }
}
