using Custodian.Modules.Marketplace.Abc;
using Custodian.Modules.Marketplace.Dashboards;
using Custodian.Modules.Marketplace.Economics;
using Custodian.Modules.Marketplace.Sellers;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Localization;

namespace Custodian.Modules.Marketplace.Pages.Seller.Dashboards;

/// <summary>ABC analysis by revenue and by profit, per marketplace and overall, with movement against the previous period.</summary>
internal sealed class AbcModel(AbcDashboard abc, TaxSettings taxes, DashboardScope scope, TimeProvider clock, IStringLocalizer<MarketplaceText> t) : DashboardPage(abc, scope, clock, t)
{
    public AbcShares Shares => abc.Shares;

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(next);
        abc.Tax = await taxes.OfAsync(SellerSession.SellerId(User), HttpContext.RequestAborted);
        abc.Shares = AbcShares.Parse(name => Request.Query[name].FirstOrDefault());
        await next();
    }

    /// <summary>The export link keeps the class shares.</summary>
    public string SharesQuery => "&abc_a=" + Shares.A.ToString(System.Globalization.CultureInfo.InvariantCulture) + "&abc_b=" + Shares.B.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
