using Custodian.Modules.Marketplace.Accounts;
using Custodian.Modules.Marketplace.Dashboards;
using Custodian.Modules.Marketplace.Economics;
using Microsoft.Extensions.Localization;

namespace Custodian.Modules.Marketplace.Abc;

/// <summary>
/// ABC analysis of SKUs by revenue and by profit after tax (the Economics page's numbers) over every selected account
/// and within each marketplace, with each SKU's revenue class in the previous period and its movement.
/// </summary>
internal sealed class AbcDashboard(UnitEconomics economics, IStringLocalizer<MarketplaceText> t) : IDashboard
{
    private static readonly char[] Classes = ['A', 'B', 'C'];

    public string Id => "abc";

    /// <summary>Set by the page: the viewer's tax regime and the class shares.</summary>
    public TaxChoice Tax { get; set; } = TaxChoice.Default;

    public AbcShares Shares { get; set; } = AbcShares.Default;

    public async Task<IReadOnlyList<DashboardTable>> TablesAsync(IReadOnlyList<DashboardAccount> accounts, DashboardFilter filter, CancellationToken cancellationToken)
    {
        var (current, previous) = await economics.ComputeAsync(accounts, filter, Tax, cancellationToken);
        var skus = current.Skus.Where(s => s.Sku != 0).ToList();
        var byRevenue = AbcAnalysis.Classify(skus.Select(s => ((s.Account.Id, s.Sku), s.Money.Revenue)), Shares);
        var byProfit = AbcAnalysis.Classify(skus.Select(s => ((s.Account.Id, s.Sku), s.Money.Profit)), Shares);
        var withinMarketplace = skus.GroupBy(s => s.Account.Marketplace)
            .SelectMany(g => AbcAnalysis.Classify(g.Select(s => ((s.Account.Id, s.Sku), s.Money.Revenue)), Shares)).ToDictionary(p => p.Key, p => p.Value);
        var before = AbcAnalysis.Classify(previous.Skus.Where(s => s.Sku != 0).Select(s => ((s.Account.Id, s.Sku), s.Money.Revenue)), Shares);
        var revenue = skus.Where(s => s.Money.Revenue > 0m).Sum(s => s.Money.Revenue);
        var rows = skus.Select(s =>
        {
            var key = (s.Account.Id, s.Sku);
            var was = before.TryGetValue(key, out var c) ? c : (char?)null;
            return new object?[]
            {
                s.Account.Marketplace == MarketplaceKind.Wildberries ? "Wildberries" : "Ozon", s.Account.KeyTail, AnalyticsRows.Sku(s.Sku), s.Article, s.Money.Revenue,
                revenue > 0m ? Math.Round(100m * Math.Max(s.Money.Revenue, 0m) / revenue, 2) : null, byRevenue[key].ToString(), s.Money.Profit, byProfit[key].ToString(),
                byRevenue[key].ToString() + byProfit[key], withinMarketplace[key].ToString(), was?.ToString() ?? string.Empty, Movement(was, byRevenue[key]),
            };
        }).ToList();
        var summary = Classes.Select(k => new object?[]
        {
            k.ToString(), (long)byRevenue.Count(p => p.Value == k), Share(skus.Where(s => byRevenue[(s.Account.Id, s.Sku)] == k).Sum(s => Math.Max(s.Money.Revenue, 0m)), revenue),
            (long)byProfit.Count(p => p.Value == k), Share(skus.Where(s => byProfit[(s.Account.Id, s.Sku)] == k).Sum(s => Math.Max(s.Money.Profit, 0m)), skus.Sum(s => Math.Max(s.Money.Profit, 0m))),
        }).ToList();
        return
        [
            new DashboardTable("abc-summary", t["Classes"], [new(t["Class"], ColumnKind.Text), new(t["SKUs by revenue"], ColumnKind.Count), new(t["Share of revenue"], ColumnKind.Percent),
                new(t["SKUs by profit"], ColumnKind.Count), new(t["Share of profit"], ColumnKind.Percent)], summary),
            new DashboardTable("abc", t["ABC analysis"],
            [
                new(t["Marketplace"], ColumnKind.Text), new(t["Account"], ColumnKind.Text), new(t["SKU"], ColumnKind.Text), new(t["Article"], ColumnKind.Text), new(t["Revenue"], ColumnKind.Money),
                new(t["Share of revenue"], ColumnKind.Percent), new(t["Class by revenue"], ColumnKind.Text), new(t["Profit after tax"], ColumnKind.Money), new(t["Class by profit"], ColumnKind.Text),
                new(t["Revenue and profit"], ColumnKind.Text), new(t["Class within the marketplace"], ColumnKind.Text), new(t["Class in the previous period"], ColumnKind.Text), new(t["Movement"], ColumnKind.Text),
            ], rows),
        ];
    }

    private static decimal? Share(decimal part, decimal whole) => whole > 0m ? Math.Round(100m * part / whole, 2) : null;

    private string Movement(char? was, char now) => was switch
    {
        null => t["new"],
        _ when was == now => "—",
        _ when now < was => t["up from {0}", was.Value.ToString()],
        _ => t["down from {0}", was.Value.ToString()],
    };
}
