using Custodian.Modules.Marketplace.Dashboards;
using Custodian.Modules.Marketplace.Digest;

namespace Custodian.Modules.Marketplace.Economics;

/// <summary>
/// The digest's margin of a day: revenue net of returns minus the marketplaces' charges and the cost of the goods sold
/// (at the cost price valid that day), before tax, as the Economics page counts it. Unknown (null) while any SKU sold
/// that day has no cost price, or nothing was sold: a margin without the costs would overstate it.
/// </summary>
internal sealed class DayMargin(EconomicsFacts facts, CostPrices costs) : IDigestMargin
{
    public async Task<decimal?> YesterdayMarginAsync(IReadOnlyList<DashboardAccount> accounts, DateOnly day, CancellationToken cancellationToken)
    {
        var sold = await facts.LoadAsync(accounts, day, day, null, cancellationToken);
        if (!sold.Any(f => f.Sku != 0 && f.Units != 0))
        {
            return null;
        }

        var prices = (await costs.ForAsync(accounts, cancellationToken)).ToLookup(p => (p.AccountId, p.Sku));
        var costOfGoods = 0m;
        foreach (var fact in sold.Where(f => f.Sku != 0 && f.Units != 0))
        {
            if (CostPrices.On([.. prices[(fact.Account.Id, fact.Sku)]], day) is not { } price)
            {
                return null;
            }

            costOfGoods += fact.Units * price;
        }

        return sold.Sum(f => f.Revenue) - sold.Sum(f => f.Charges) - costOfGoods;
    }
}
