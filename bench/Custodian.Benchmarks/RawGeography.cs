using Custodian.Modules.Marketplace.Accounts;
using Custodian.Modules.Marketplace.Dashboards;

namespace Custodian.Benchmarks;

/// <summary>
/// The Geography page's numbers by hand: per table one GROUP BY over the period (Wildberries by federal district and
/// region, as both of the page's breakdowns need), merged by region name here.
/// Returned as the sorted "region | orders | sales" lines of every named region (the generated rows always name one), which
/// the benchmark compares with the page's "All regions" table.
/// </summary>
internal static class RawGeography
{
    public static async Task<List<string>> NumbersAsync(RawEngine e, IReadOnlyList<DashboardAccount> accounts, DashboardFilter filter, bool final)
    {
        var read = final ? e.Final : string.Empty;
        var days = $"day_local BETWEEN {e.Day(filter.From)} AND {e.Day(filter.To)}";
        var byRegion = new Dictionary<string, (long Orders, long Sales)>(StringComparer.Ordinal);
        void Add(object? region, long orders, long sales)
        {
            var name = (string)region!;
            var (o, s) = byRegion.GetValueOrDefault(name);
            byRegion[name] = (o + orders, s + sales);
        }

        foreach (var account in accounts.Where(a => a.Marketplace == MarketplaceKind.Wildberries))
        {
            foreach (var r in await e.QueryAsync($"SELECT oblast_okrug_name, region_name, count(*) FROM wb_orders{read} WHERE account_id = '{account.Tenant}' AND {days} GROUP BY oblast_okrug_name, region_name"))
            {
                Add(r[1], Count(r[2]), 0);
            }

            foreach (var r in await e.QueryAsync($"SELECT oblast_okrug_name, region_name, count(*) FROM wb_sales{read} WHERE account_id = '{account.Tenant}' AND kind = 'sale' AND {days} GROUP BY oblast_okrug_name, region_name"))
            {
                Add(r[1], 0, Count(r[2]));
            }
        }

        foreach (var account in accounts.Where(a => a.Marketplace == MarketplaceKind.Ozon && !filter.ByProductAttributes))
        {
            foreach (var postings in new[] { "ozon_fbo_postings", "ozon_fbs_postings" })
            {
                foreach (var r in await e.QueryAsync(
                    $"SELECT region, count(DISTINCT posting_number), {e.SumIf("quantity", "status = 'delivered'")} FROM {postings}{read} WHERE account_id = '{account.Tenant}' AND {days} GROUP BY region"))
                {
                    Add(r[0], Count(r[1]), Count(r[2]));
                }
            }
        }

        return [.. byRegion.Select(p => SellerDashboards.Line([p.Key, p.Value.Orders, p.Value.Sales])).Order(StringComparer.Ordinal)];
    }

    private static long Count(object? value) => value is null ? 0 : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The page's "All regions" table in the same shape.</summary>
    public static List<string> Ours(IReadOnlyList<DashboardTable> tables) =>
        [.. tables.Single(t => t.Id == "regions").Rows.Select(r => SellerDashboards.Line([r[0], r[1], r[3]])).Order(StringComparer.Ordinal)];
}
