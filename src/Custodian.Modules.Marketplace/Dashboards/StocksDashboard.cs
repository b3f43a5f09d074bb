using System.Globalization;
using Custodian.Modules.Marketplace.Accounts;
using Custodian.Privacy.Abstractions.Time;
using Microsoft.Extensions.Localization;

namespace Custodian.Modules.Marketplace.Dashboards;

/// <summary>A SKU running low: at or below the seller's threshold, or (without one) stock for less than <see cref="StocksDashboard.AlertDays"/> days of sales.</summary>
internal sealed record StockAlert(ProductFact Fact, int? Threshold, long? DaysLeft);

/// <summary>
/// Stocks: each account's latest stock snapshot by warehouse (Wildberries warehouses; Ozon's stock types fbs and rfbs,
/// as Ozon names them), by Wildberries region, and per SKU with what is on its way to and from buyers (Ozon: reserved),
/// the average daily sales of the last 30 days and the days the stock lasts at that pace. Alerts: SKUs at or below the
/// threshold the seller set, and SKUs without a threshold whose stock lasts less than seven days. The period of the
/// filter does not apply (a snapshot is "now"); marketplace, account, brand, category and SKU do.
/// </summary>
internal sealed class StocksDashboard(ProductFacts facts, StockThresholds thresholds, TimeProvider clock, IStringLocalizer<MarketplaceText> t) : IDashboard
{
    public const int AlertDays = 7;
    public const int SalesDays = 30;

    public string Id => "stocks";

    public IReadOnlyList<StockAlert> Alerts { get; private set; } = [];

    /// <summary>The SKUs shown: in the latest snapshot, sold in the last 30 days, or with a threshold; those running out soonest first.</summary>
    public IReadOnlyList<ProductFact> Skus { get; private set; } = [];

    /// <summary>The thresholds of the SKUs shown, with the SKU's facts.</summary>
    public IReadOnlyList<(ProductFact Fact, int Threshold)> Thresholds { get; private set; } = [];

    public IReadOnlyList<SnapshotAge> Snapshots { get; private set; } = [];

    public DateOnly Today { get; private set; }

    /// <summary>The days the average daily sales are taken over: the last 30 Moscow days up to yesterday.</summary>
    public static DashboardFilter SalesPeriod(DashboardFilter filter, DateOnly today) =>
        filter with { From = today.AddDays(-SalesDays), To = today.AddDays(-1), Preset = "30d", Compare = false };

    public async Task<IReadOnlyList<DashboardTable>> TablesAsync(IReadOnlyList<DashboardAccount> accounts, DashboardFilter filter, CancellationToken cancellationToken)
    {
        Today = LocalDays.Moscow(clock.GetUtcNow());
        var set = await facts.LoadAsync(accounts, SalesPeriod(filter, Today), cancellationToken);
        Snapshots = set.Snapshots;
        var limits = await thresholds.ForAsync(accounts, cancellationToken);
        var rows = set.Facts.Where(f => f.InSnapshot || f.Sales > 0 || limits.ContainsKey(f.Key)).ToDictionary(f => f.Key);
        var byId = accounts.ToDictionary(a => a.Id);
        foreach (var (key, _) in limits.Where(l => !rows.ContainsKey(l.Key) && byId.ContainsKey(l.Key.AccountId)))
        {
            // A SKU with a threshold that neither sold nor is in the snapshot: out of stock, if the account has a snapshot.
            var account = byId[key.AccountId];
            var shown = (filter.Sku is null || filter.Sku == key.Sku) && (filter.Marketplace is null || filter.Marketplace == account.Marketplace)
                && (set.MatchingWildberries is not { } matching || (account.Marketplace == MarketplaceKind.Wildberries && matching.Contains(key.Sku)));
            if (shown)
            {
                var day = set.StockDays.TryGetValue(account.Tenant, out var d) ? d : (DateOnly?)null;
                rows[key] = new ProductFact(account, key.Sku) { Stock = day is null ? null : 0, StockDay = day };
            }
        }

        var ordered = rows.Values.OrderBy(f => f.DaysOfStock(SalesDays) ?? long.MaxValue).ThenBy(f => f.Account.Marketplace).ThenBy(f => f.Account.Tenant, StringComparer.Ordinal).ThenBy(f => f.Sku).ToList();
        Skus = ordered;
        Thresholds = [.. ordered.Where(f => limits.ContainsKey(f.Key)).Select(f => (f, limits[f.Key]))];
        Alerts = [.. ordered.Select(f => Alert(f, limits.TryGetValue(f.Key, out var l) ? l : null)).OfType<StockAlert>()
            .OrderBy(a => a.DaysLeft ?? long.MaxValue).ThenBy(a => a.Fact.Stock ?? 0).ThenBy(a => a.Fact.Account.Marketplace).ThenBy(a => a.Fact.Account.Tenant, StringComparer.Ordinal).ThenBy(a => a.Fact.Sku)];
        var (warehouses, regions) = await facts.PlacesAsync(accounts, filter, set, cancellationToken);
        return
        [
            new DashboardTable("alerts", t["Running low"],
                [new(t["Marketplace"], ColumnKind.Text), new(t["Account"], ColumnKind.Text), new(t["SKU"], ColumnKind.Text), new(t["Article"], ColumnKind.Text), new(t["Name"], ColumnKind.Text),
                 new(t["Stock now"], ColumnKind.Count), new(t["Threshold"], ColumnKind.Text), new(t["Sales per day (30 days)"], ColumnKind.Count), new(t["Days left"], ColumnKind.Count)],
                [.. Alerts.Select(a => new object?[] { Marketplace(a.Fact), a.Fact.Account.KeyTail, Sku(a.Fact), a.Fact.Article, a.Fact.Name, a.Fact.Stock,
                    a.Threshold is { } units ? DashboardFormat.Count(units) : t["{0} days", AlertDays].Value, a.Fact.DailySales(SalesDays), a.DaysLeft })]),
            new DashboardTable("warehouses", t["Stock by warehouse"],
                [new(t["Warehouse"], ColumnKind.Text), new(t["Marketplace"], ColumnKind.Text), new(t["Stock now"], ColumnKind.Count), new(t["On the way to buyers"], ColumnKind.Count),
                 new(t["On the way back from buyers"], ColumnKind.Count), new(t["Reserved"], ColumnKind.Count)],
                [.. warehouses.Select(p => new object?[] { p.Place, p.Marketplace == MarketplaceKind.Wildberries ? "Wildberries" : "Ozon", p.Stock, p.ToClients, p.FromClients, p.Reserved })])
                { Chart = new ChartSpec("bar", [2], Horizontal: true) },
            new DashboardTable("regions", t["Stock by region (Wildberries)"],
                [new(t["Region"], ColumnKind.Text), new(t["Stock now"], ColumnKind.Count), new(t["On the way to buyers"], ColumnKind.Count), new(t["On the way back from buyers"], ColumnKind.Count)],
                [.. regions.Select(p => new object?[] { p.Place, p.Stock, p.ToClients, p.FromClients })])
                { Chart = new ChartSpec("bar", [1], Horizontal: true) },
            new DashboardTable("skus", t["Stock by SKU"],
                [new(t["Marketplace"], ColumnKind.Text), new(t["Account"], ColumnKind.Text), new(t["SKU"], ColumnKind.Text), new(t["Article"], ColumnKind.Text), new(t["Name"], ColumnKind.Text),
                 new(t["Stock now"], ColumnKind.Count), new(t["On the way to buyers"], ColumnKind.Count), new(t["On the way back from buyers"], ColumnKind.Count), new(t["Reserved"], ColumnKind.Count),
                 new(t["Sales per day (30 days)"], ColumnKind.Count), new(t["Days left"], ColumnKind.Count), new(t["Threshold"], ColumnKind.Count), new(t["Stock as of"], ColumnKind.Day)],
                [.. ordered.Select(f => new object?[] { Marketplace(f), f.Account.KeyTail, Sku(f), f.Article, f.Name, f.Stock, f.ToClients, f.FromClients, f.Reserved,
                    f.DailySales(SalesDays), f.DaysOfStock(SalesDays), limits.TryGetValue(f.Key, out var l) ? (long)l : null, f.StockDay })]),
        ];
    }

    /// <summary>With a threshold: at or below it. Without: stock for fewer than seven days at the last 30 days' pace. Nothing without a snapshot.</summary>
    public static StockAlert? Alert(ProductFact fact, int? threshold)
    {
        if (fact.Stock is not { } stock)
        {
            return null;
        }

        var left = fact.DaysOfStock(SalesDays);
        return threshold is { } units
            ? stock <= units ? new StockAlert(fact, units, left) : null
            : left < AlertDays ? new StockAlert(fact, null, left) : null;
    }

    private static string Marketplace(ProductFact fact) => fact.Account.Marketplace == MarketplaceKind.Wildberries ? "Wildberries" : "Ozon";

    private static string Sku(ProductFact fact) => fact.Sku.ToString(CultureInfo.InvariantCulture);
}
