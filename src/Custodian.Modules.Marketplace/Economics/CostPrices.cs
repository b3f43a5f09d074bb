using System.Globalization;
using Custodian.Modules.Marketplace.Accounts;
using Custodian.Modules.Marketplace.Collection.Ozon;
using Custodian.Modules.Marketplace.Collection.Wildberries;
using Custodian.Modules.Marketplace.Dashboards;
using Custodian.Privacy.Abstractions.Analytics;
using Custodian.Privacy.Abstractions.Time;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Marketplace.Economics;

/// <summary>The outcome of an upload: how many prices were stored, or every refused row (and then nothing was stored).</summary>
internal sealed record CostImport(int Stored, IReadOnlyList<CostLineError> Errors);

/// <summary>A cost price as the costs page lists it.</summary>
internal sealed record CostPrice(Guid AccountId, long Sku, decimal Cost, DateOnly ValidFrom, DateTime UpdatedAtUtc);

/// <summary>
/// Cost prices per SKU of an account, with history: a price applies from its day until the next one's. The seller who
/// owns the account and owners of that seller's team change them (as with stock thresholds); an upload is all or nothing.
/// </summary>
internal sealed class CostPrices(MarketplaceDb db, StockThresholds access, DashboardScope scope, AnalyticsRows store, TimeProvider clock)
{
    /// <summary>Every price of the accounts, oldest first per SKU.</summary>
    public async Task<IReadOnlyList<CostPrice>> ForAsync(IReadOnlyList<DashboardAccount> accounts, CancellationToken cancellationToken)
    {
        var ids = accounts.Select(a => a.Id).ToList();
        var rows = await db.CostPrices.AsNoTracking().Where(x => EF.Parameter(ids).Contains(x.AccountId)).ToListAsync(cancellationToken);
        return [.. rows.OrderBy(x => x.AccountId).ThenBy(x => x.Sku).ThenBy(x => x.ValidFrom).Select(x => new CostPrice(x.AccountId, x.Sku, x.Cost, x.ValidFrom, x.UpdatedAtUtc))];
    }

    /// <summary>The price valid on a day: the latest one from that day or before; null when none was given yet.</summary>
    public static decimal? On(IReadOnlyList<CostPrice> history, DateOnly day)
    {
        CostPrice? found = null;
        foreach (var price in history)
        {
            if (price.ValidFrom <= day && (found is null || price.ValidFrom > found.ValidFrom))
            {
                found = price;
            }
        }

        return found?.Cost;
    }

    /// <summary>Reads a file and stores its prices for the account if every row is good; otherwise stores nothing and lists every bad row.</summary>
    /// <exception cref="MarketplaceInputException">The account is not one the seller sees.</exception>
    /// <exception cref="ThresholdNotAllowedException">The seller sees the account but may not change it.</exception>
    public async Task<CostImport> ImportAsync(Guid sellerId, string? account, byte[] content, CancellationToken cancellationToken)
    {
        var chosen = await ChosenAsync(sellerId, account, cancellationToken);
        var file = CostFile.Read(content);
        var errors = file.Errors.ToList();
        var known = await KnownSkusAsync(chosen, cancellationToken);
        errors.AddRange(file.Lines.Where(l => !known.Contains(l.Sku)).Select(l => new CostLineError(l.Line, "The SKU is not among the account's products.", l.Sku.ToString(CultureInfo.InvariantCulture))));
        if (errors.Count > 0)
        {
            return new CostImport(0, [.. errors.OrderBy(e => e.Line)]);
        }

        var today = LocalDays.Moscow(clock.GetUtcNow());
        await StoreAsync(chosen, [.. file.Lines.Select(l => (l.Sku, l.Cost, l.ValidFrom ?? today))], cancellationToken);
        return new CostImport(file.Lines.Count, []);
    }

    /// <summary>Sets one SKU's price from a day (inline edit on the costs page); the same day again replaces it.</summary>
    /// <exception cref="MarketplaceInputException">A field is wrong: the account, the SKU, the cost or the day.</exception>
    /// <exception cref="ThresholdNotAllowedException">The seller sees the account but may not change it.</exception>
    public async Task SetAsync(Guid sellerId, string? account, string? sku, string? cost, string? validFrom, CancellationToken cancellationToken)
    {
        var chosen = await ChosenAsync(sellerId, account, cancellationToken);
        if (!long.TryParse(sku?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number <= 0)
        {
            throw new MarketplaceInputException("sku", "The SKU is a positive number (a Wildberries nmID or an Ozon SKU).");
        }

        if (!CostFile.TryMoney(cost ?? string.Empty, out var value))
        {
            throw new MarketplaceInputException("cost", "The cost is not a number.");
        }

        if (value < 0m || value > CostFile.MaxCost || decimal.Round(value, 2) != value)
        {
            throw new MarketplaceInputException("cost", value < 0m ? "The cost is negative." : "The cost has more than two decimals or is implausibly large.");
        }

        var day = LocalDays.Moscow(clock.GetUtcNow());
        if (!string.IsNullOrWhiteSpace(validFrom) && !CostFile.TryDay(validFrom, out day))
        {
            throw new MarketplaceInputException("valid_from", "The date is not a day written dd.mm.yyyy or yyyy-mm-dd.");
        }

        if (!(await KnownSkusAsync(chosen, cancellationToken)).Contains(number))
        {
            throw new MarketplaceInputException("sku", "The SKU is not among the account's products.");
        }

        await StoreAsync(chosen, [(number, value, day)], cancellationToken);
    }

    /// <summary>The SKUs of an account known from its collected data (finance reports, cards, stocks, orders).</summary>
    public async Task<IReadOnlySet<long>> KnownSkusAsync(DashboardAccount account, CancellationToken cancellationToken)
    {
        var sources = account.Marketplace == MarketplaceKind.Wildberries
            ? new[] { (WildberriesFinanceReport.Rows, "nm_id"), (WildberriesCards.Cards, "nm_id"), (WildberriesStocksAndPrices.Stocks, "nm_id"), (WildberriesTables.Orders, "nm_id") }
            : [(OzonTransactions.Transactions, "sku"), (OzonProducts.Products, "sku"), (OzonSnapshot.Stocks, "sku"), (OzonPostings.Fbo, "sku"), (OzonPostings.Fbs, "sku")];
        var known = new HashSet<long>();
        foreach (var (table, column) in sources)
        {
            var sku = new AnalyticsColumn(column, AnalyticsType.Int64);
            foreach (var row in await store.QueryAsync(new Sql($"SELECT DISTINCT {sku} AS sku FROM {table} WHERE account_id = {account.Tenant}"), cancellationToken))
            {
                known.Add(AnalyticsRows.Long(row[0]));
            }
        }

        known.Remove(0);
        return known;
    }

    private async Task StoreAsync(DashboardAccount account, IReadOnlyList<(long Sku, decimal Cost, DateOnly From)> prices, CancellationToken cancellationToken)
    {
        var owner = await db.Accounts.AsNoTracking().Where(a => a.Id == account.Id).Select(a => a.SellerId).SingleAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var skus = prices.Select(p => p.Sku).Distinct().ToList();
        var existing = (await db.CostPrices.Where(x => x.AccountId == account.Id && EF.Parameter(skus).Contains(x.Sku)).ToListAsync(cancellationToken))
            .ToDictionary(x => (x.Sku, x.ValidFrom));
        foreach (var (sku, cost, from) in prices)
        {
            if (existing.TryGetValue((sku, from), out var record))
            {
                (record.Cost, record.SellerId, record.UpdatedAtUtc) = (cost, owner, now);
            }
            else
            {
                db.CostPrices.Add(new CostPriceRecord { Id = Guid.CreateVersion7(), SellerId = owner, AccountId = account.Id, Sku = sku, Cost = cost, ValidFrom = from, UpdatedAtUtc = now });
            }
        }

        await db.SaveChangesAsync(cancellationToken); // one transaction: every price of the upload or none
    }

    private async Task<DashboardAccount> ChosenAsync(Guid sellerId, string? account, CancellationToken cancellationToken)
    {
        var chosen = Guid.TryParse(account, out var id) ? (await scope.VisibleAsync(sellerId, cancellationToken)).FirstOrDefault(a => a.Id == id) : null;
        if (chosen is null)
        {
            throw new MarketplaceInputException("account", "Choose one of your marketplace accounts.");
        }

        return (await access.ManageableAsync(sellerId, [chosen], cancellationToken)).Contains(chosen.Id) ? chosen : throw new ThresholdNotAllowedException();
    }
}
