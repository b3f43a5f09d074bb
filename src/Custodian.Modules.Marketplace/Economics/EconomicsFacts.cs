using Custodian.Modules.Marketplace.Accounts;
using Custodian.Modules.Marketplace.Collection.Ozon;
using Custodian.Modules.Marketplace.Collection.Wildberries;
using Custodian.Modules.Marketplace.Dashboards;
using static Custodian.Modules.Marketplace.Dashboards.AnalyticsRows;

namespace Custodian.Modules.Marketplace.Economics;

/// <summary>
/// What the finance reports say about one SKU of an account on one Moscow day: units sold net of returns, revenue net of
/// returns, and each kind of charge as a positive expense (a refund is negative). SKU 0: charges of the account as a whole.
/// </summary>
internal sealed record FinanceDay(DashboardAccount Account, DateOnly Day, long Sku, string Article, long Units, decimal Revenue, decimal Commission, decimal Logistics,
    decimal Storage, decimal Penalties, decimal Acquiring, decimal Deductions, decimal Ads)
{
    public decimal Charges => Commission + Logistics + Storage + Penalties + Acquiring + Deductions + Ads;
}

/// <summary>
/// Reads <see cref="FinanceDay"/>s from Wildberries' realization report (what WB keeps of a sale is its commission:
/// retail amount minus payout minus acquiring; deductions named "Продвижение" are advertising) and Ozon's transactions
/// (sales and returns with their commission and delivery; other operations classified by type: storage, acquiring,
/// promotion, penalties, the rest other deductions).
/// </summary>
internal sealed class EconomicsFacts(AnalyticsRows store)
{
    public async Task<IReadOnlyList<FinanceDay>> LoadAsync(IReadOnlyList<DashboardAccount> accounts, DateOnly from, DateOnly to, long? sku, CancellationToken cancellationToken)
    {
        var byTenant = accounts.ToDictionary(a => a.Tenant);
        var days = new List<FinanceDay>();
        var filter = new DashboardFilter(from, to, "custom", false, null, null, null, null, sku);
        var wb = OverviewQuery.Tenants(accounts, MarketplaceKind.Wildberries);
        if (wb.Count > 0)
        {
            foreach (var r in await store.QueryAsync(Wildberries(wb, filter), cancellationToken))
            {
                days.Add(new FinanceDay(byTenant[Text(r[0])], Day(r[1]), Long(r[2]), Text(r[3]), Long(r[4]), Decimal(r[5]), Decimal(r[6]), Decimal(r[7]), Decimal(r[8]), Decimal(r[9]), Decimal(r[10]),
                    Decimal(r[11]) - Decimal(r[12]), Decimal(r[12])));
            }
        }

        var ozon = OverviewQuery.Tenants(accounts, MarketplaceKind.Ozon);
        if (ozon.Count > 0)
        {
            foreach (var r in await store.QueryAsync(Ozon(ozon, filter), cancellationToken))
            {
                days.Add(new FinanceDay(byTenant[Text(r[0])], Day(r[1]), Long(r[2]), string.Empty, Long(r[3]), Decimal(r[4]), Decimal(r[5]), Decimal(r[6]), Decimal(r[7]), Decimal(r[8]), Decimal(r[9]), Decimal(r[10]), Decimal(r[11])));
            }
        }

        return days;
    }

    private static Sql Wildberries(IReadOnlyList<string> tenants, DashboardFilter filter) =>
        new Sql($"SELECT account_id, day_local, nm_id, max(supplier_article) AS article, ")
            .Append($"sum(CASE WHEN operation = 'Продажа' THEN quantity WHEN operation = 'Возврат' THEN -quantity ELSE 0 END) AS units, ")
            .Append($"sum(CASE WHEN operation = 'Продажа' THEN retail_amount WHEN operation = 'Возврат' THEN -retail_amount ELSE 0 END) AS revenue, ")
            .Append($"sum(CASE WHEN operation = 'Продажа' THEN retail_amount - for_pay - coalesce(acquiring_fee, 0) WHEN operation = 'Возврат' THEN -(retail_amount - for_pay - coalesce(acquiring_fee, 0)) ELSE 0 END) AS commission, ")
            .Append($"sum(delivery_rub + coalesce(rebill_logistic_cost, 0)) AS logistics, sum(coalesce(paid_storage, 0) + coalesce(paid_acceptance, 0)) AS storage, sum(coalesce(penalty, 0)) AS penalties, ")
            .Append($"sum(CASE WHEN operation = 'Возврат' THEN -coalesce(acquiring_fee, 0) ELSE coalesce(acquiring_fee, 0) END) AS acquiring, ")
            .Append($"sum(coalesce(deduction, 0) - coalesce(additional_payment, 0)) AS deductions, ")
            .Append($"sum(CASE WHEN bonus_type_name LIKE '%родвижени%' THEN coalesce(deduction, 0) ELSE 0 END) AS ads FROM {WildberriesFinanceReport.Rows} WHERE")
            .Tenants(tenants).Days("day_local", filter).Products(filter, "nm_id", hasBrandAndCategory: false).Append($" GROUP BY account_id, day_local, nm_id");

    private static Sql Ozon(IReadOnlyList<string> tenants, DashboardFilter filter) =>
        new Sql($"SELECT account_id, day_local, sku, ")
            .Append($"sum(CASE WHEN operation_type = 'OperationAgentDeliveredToCustomer' THEN 1 WHEN operation_type = 'ClientReturnAgentOperation' THEN -1 ELSE 0 END) AS units, ")
            .Append($"sum(CASE WHEN type IN ('orders', 'returns') THEN accruals_for_sale ELSE 0 END) AS revenue, ")
            .Append($"sum(CASE WHEN type IN ('orders', 'returns') THEN -sale_commission ELSE 0 END) AS commission, ")
            .Append($"sum(CASE WHEN type IN ('orders', 'returns') THEN -(delivery_charge + return_delivery_charge + services_total) ELSE 0 END) AS logistics, ")
            .Append($"sum(CASE WHEN type NOT IN ('orders', 'returns') AND operation_type LIKE '%Storage%' THEN -amount ELSE 0 END) AS storage, ")
            .Append($"sum(CASE WHEN type NOT IN ('orders', 'returns') AND (operation_type LIKE '%Penalty%' OR operation_type LIKE '%WithHolding%') THEN -amount ELSE 0 END) AS penalties, ")
            .Append($"sum(CASE WHEN type NOT IN ('orders', 'returns') AND operation_type LIKE '%Acquiring%' THEN -amount ELSE 0 END) AS acquiring, ")
            .Append($"sum(CASE WHEN type NOT IN ('orders', 'returns') AND NOT (operation_type LIKE '%Storage%' OR operation_type LIKE '%Penalty%' OR operation_type LIKE '%WithHolding%' OR operation_type LIKE '%Acquiring%' OR operation_type LIKE '%Promotion%' OR operation_type LIKE '%MarketingAction%' OR operation_type LIKE '%Stencil%' OR operation_type LIKE '%GettingToTheTop%') THEN -amount ELSE 0 END) AS deductions, ")
            .Append($"sum(CASE WHEN type NOT IN ('orders', 'returns') AND (operation_type LIKE '%Promotion%' OR operation_type LIKE '%MarketingAction%' OR operation_type LIKE '%Stencil%' OR operation_type LIKE '%GettingToTheTop%') THEN -amount ELSE 0 END) AS ads FROM {OzonTransactions.Transactions} WHERE")
            .Tenants(tenants).Days("day_local", filter).Products(filter, "sku", hasBrandAndCategory: false).Append($" GROUP BY account_id, day_local, sku");
}
