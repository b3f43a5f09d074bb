using System.Globalization;
using Custodian.Modules.Marketplace.Accounts;
using Custodian.Modules.Marketplace.Dashboards;

namespace Custodian.Benchmarks;

/// <summary>
/// The Products page's sold-in-period numbers by hand: per fact table one GROUP BY SKU over the period (Wildberries orders
/// and sales lines by nmID; Ozon postings per SKU, finance deliveries and returns), merged by account and SKU here.
/// Returned as sorted "sku | orders | sales | returns | revenue" lines, compared with the page's products table.
/// </summary>
internal static class RawProducts
{
    public static async Task<List<string>> NumbersAsync(RawEngine e, IReadOnlyList<DashboardAccount> accounts, DashboardFilter filter, bool final)
    {
        var read = final ? e.Final : string.Empty;
        var days = $"day_local BETWEEN {e.Day(filter.From)} AND {e.Day(filter.To)}";
        var bySku = new Dictionary<(string Tenant, long Sku), (long Orders, long Sales, long Returns, decimal Revenue)>();
        void Add(string tenant, object? sku, long orders, long sales, long returns, decimal revenue)
        {
            var key = (tenant, Count(sku));
            var n = bySku.GetValueOrDefault(key);
            bySku[key] = (n.Orders + orders, n.Sales + sales, n.Returns + returns, n.Revenue + revenue);
        }

        foreach (var account in accounts.Where(a => a.Marketplace == MarketplaceKind.Wildberries).Select(a => a.Tenant))
        {
            foreach (var r in await e.QueryAsync($"SELECT nm_id, count(*) FROM wb_orders{read} WHERE account_id = '{account}' AND {days} GROUP BY nm_id"))
            {
                Add(account, r[0], Count(r[1]), 0, 0, 0m);
            }

            var sale = "kind = 'sale'";
            var back = "kind = 'return'";
            foreach (var r in await e.QueryAsync(
                $"SELECT nm_id, {e.CountIf(sale)}, {e.CountIf(back)}, {e.SumIf("abs(price_with_disc)", sale)}, {e.SumIf("abs(price_with_disc)", back)} FROM wb_sales{read} WHERE account_id = '{account}' AND {days} GROUP BY nm_id"))
            {
                Add(account, r[0], 0, Count(r[1]), Count(r[2]), Money(r[3]) - Money(r[4]));
            }
        }

        foreach (var account in accounts.Where(a => a.Marketplace == MarketplaceKind.Ozon && !filter.ByProductAttributes).Select(a => a.Tenant))
        {
            foreach (var postings in new[] { "ozon_fbo_postings", "ozon_fbs_postings" })
            {
                foreach (var r in await e.QueryAsync($"SELECT sku, count(DISTINCT posting_number) FROM {postings}{read} WHERE account_id = '{account}' AND {days} GROUP BY sku"))
                {
                    Add(account, r[0], Count(r[1]), 0, 0, 0m);
                }
            }

            foreach (var r in await e.QueryAsync(
                $"SELECT sku, count(*), sum(accruals_for_sale) FROM ozon_transactions{read} WHERE account_id = '{account}' AND operation_type = 'OperationAgentDeliveredToCustomer' AND {days} GROUP BY sku"))
            {
                Add(account, r[0], 0, Count(r[1]), 0, Money(r[2]));
            }

            foreach (var r in await e.QueryAsync($"SELECT sku, sum(quantity), sum(price * quantity) FROM ozon_returns{read} WHERE account_id = '{account}' AND {days} GROUP BY sku"))
            {
                Add(account, r[0], 0, 0, Count(r[1]), -Money(r[2]));
            }
        }

        return [.. bySku.Select(p => SellerDashboards.Line([p.Key.Sku, p.Value.Orders, p.Value.Sales, p.Value.Returns, p.Value.Revenue])).Order(StringComparer.Ordinal)];
    }

    /// <summary>The page's products table in the same shape (SKU, orders, sales, returns, revenue).</summary>
    public static List<string> Ours(IReadOnlyList<DashboardTable> tables) =>
        [.. tables.Single(t => t.Id == "products").Rows.Select(r => SellerDashboards.Line([long.Parse((string)r[2]!, CultureInfo.InvariantCulture), r[6], r[7], r[8], r[9]])).Order(StringComparer.Ordinal)];

    private static long Count(object? value) => value is null ? 0 : Convert.ToInt64(value, CultureInfo.InvariantCulture);

    private static decimal Money(object? value) => value is null ? 0m : Convert.ToDecimal(value, CultureInfo.InvariantCulture);
}
