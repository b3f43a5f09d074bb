using System.Globalization;
using Custodian.Modules.Marketplace.Accounts;
using Custodian.Modules.Marketplace.Dashboards;

namespace Custodian.Benchmarks;

/// <summary>
/// The Overview's numbers the way one would write them by hand against the engine: per table one GROUP BY day over the
/// whole range (the period, and the period before it when compared), the accounts and days inlined, totals summed here.
/// Same definitions as docs/dashboards.md; the text it returns has the layout of the Overview's own tables.
/// </summary>
internal static class RawOverview
{
    public static async Task<List<string>> NumbersAsync(RawEngine e, IReadOnlyList<DashboardAccount> accounts, DashboardFilter filter, bool final)
    {
        var from = filter.Compare ? filter.Previous.From : filter.From;
        var to = filter.To;
        var byDay = new Dictionary<DateOnly, OverviewNumbers>();
        void Add(DateOnly day, OverviewNumbers numbers) => byDay[day] = byDay.GetValueOrDefault(day, OverviewNumbers.Zero).Add(numbers);
        var read = final ? e.Final : string.Empty;
        var days = $"day_local BETWEEN {e.Day(from)} AND {e.Day(to)}";

        foreach (var account in accounts.Where(a => a.Marketplace == MarketplaceKind.Wildberries))
        {
            foreach (var r in await e.QueryAsync($"SELECT day_local, count(*), {e.CountIf("is_cancel")} FROM wb_orders{read} WHERE account_id = '{account.Tenant}' AND {days} GROUP BY day_local"))
            {
                Add(Day(r[0]), OverviewNumbers.Zero with { Orders = Long(r[1]), Cancelled = Long(r[2]), Units = Long(r[1]) });
            }

            var sale = "kind = 'sale'";
            var back = "kind = 'return'";
            foreach (var r in await e.QueryAsync(
                $"SELECT day_local, {e.CountIf(sale)}, {e.CountIf(back)}, {e.SumIf("abs(price_with_disc)", sale)}, {e.SumIf("abs(price_with_disc)", back)}, {e.SumIf("abs(for_pay)", sale)}, {e.SumIf("abs(for_pay)", back)} " +
                $"FROM wb_sales{read} WHERE account_id = '{account.Tenant}' AND {days} GROUP BY day_local"))
            {
                Add(Day(r[0]), OverviewNumbers.Zero with { Sales = Long(r[1]), Returns = Long(r[2]), Revenue = Money(r[3]) - Money(r[4]), Payout = Money(r[5]) - Money(r[6]) });
            }
        }

        foreach (var account in accounts.Where(a => a.Marketplace == MarketplaceKind.Ozon && !filter.ByProductAttributes))
        {
            foreach (var postings in new[] { "ozon_fbo_postings", "ozon_fbs_postings" })
            {
                foreach (var r in await e.QueryAsync(
                    $"SELECT day_local, count(DISTINCT posting_number), count(DISTINCT CASE WHEN status = 'cancelled' THEN posting_number END), sum(quantity) " +
                    $"FROM {postings}{read} WHERE account_id = '{account.Tenant}' AND {days} GROUP BY day_local"))
                {
                    Add(Day(r[0]), OverviewNumbers.Zero with { Orders = Long(r[1]), Cancelled = Long(r[2]), Units = Long(r[3]) });
                }
            }

            foreach (var r in await e.QueryAsync(
                $"SELECT day_local, count(*), sum(accruals_for_sale), sum(amount) FROM ozon_transactions{read} " +
                $"WHERE account_id = '{account.Tenant}' AND operation_type = 'OperationAgentDeliveredToCustomer' AND {days} GROUP BY day_local"))
            {
                Add(Day(r[0]), OverviewNumbers.Zero with { Sales = Long(r[1]), Revenue = Money(r[2]), Payout = Money(r[3]) });
            }

            foreach (var r in await e.QueryAsync($"SELECT day_local, sum(quantity), sum(price * quantity) FROM ozon_returns{read} WHERE account_id = '{account.Tenant}' AND {days} GROUP BY day_local"))
            {
                Add(Day(r[0]), OverviewNumbers.Zero with { Returns = Long(r[1]), Revenue = -Money(r[2]) });
            }
        }

        OverviewNumbers Sum(DateOnly first, DateOnly last) => byDay.Where(d => d.Key >= first && d.Key <= last).Aggregate(OverviewNumbers.Zero, (sum, d) => sum.Add(d.Value));
        List<OverviewNumbers> totals = [Sum(filter.From, filter.To), .. filter.Compare ? [Sum(filter.Previous.From, filter.Previous.To)] : Array.Empty<OverviewNumbers>()];
        var text = totals.Select(n => SellerDashboards.Line([n.Orders, n.Cancelled, n.Units, n.Sales, n.Returns, n.Revenue, n.Payout])).ToList();
        for (var day = filter.From; day <= filter.To; day = day.AddDays(1))
        {
            var n = byDay.GetValueOrDefault(day, OverviewNumbers.Zero);
            text.Add(SellerDashboards.Line([day, n.Orders, n.Cancelled, n.Sales, n.Returns, n.Revenue, n.Payout]));
        }

        return text;
    }

    private static DateOnly Day(object? value) => (DateOnly)value!;

    private static long Long(object? value) => value is null ? 0 : Convert.ToInt64(value, CultureInfo.InvariantCulture);

    private static decimal Money(object? value) => value is null ? 0m : Convert.ToDecimal(value, CultureInfo.InvariantCulture);
}
