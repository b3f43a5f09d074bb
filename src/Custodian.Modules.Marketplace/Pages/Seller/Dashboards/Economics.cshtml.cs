using Custodian.Modules.Marketplace.Dashboards;
using Custodian.Modules.Marketplace.Economics;
using Custodian.Modules.Marketplace.Sellers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Localization;

namespace Custodian.Modules.Marketplace.Pages.Seller.Dashboards;

/// <summary>Economics: the P&amp;L with taxes beside the previous period, profit by day, unit economics per SKU; the tax regime is chosen here.</summary>
internal sealed class EconomicsModel(EconomicsDashboard economics, TaxSettings taxes, DashboardScope scope, TimeProvider clock, IStringLocalizer<MarketplaceText> t) : DashboardPage(economics, scope, clock, t)
{
    public EconomicsDashboard Economics => economics;

    public string? TaxError { get; private set; }

    public string? Message { get; private set; }

    /// <summary>The viewer's regime is read before any handler runs, so the page and its exports compute alike.</summary>
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(next);
        economics.Tax = await taxes.OfAsync(SellerSession.SellerId(User), HttpContext.RequestAborted);
        await next();
    }

    public async Task<IActionResult> OnPostTaxAsync(string? regime, string? usnRate, CancellationToken cancellationToken)
    {
        try
        {
            await taxes.SetAsync(SellerSession.SellerId(User), regime, usnRate, cancellationToken);
            economics.Tax = await taxes.OfAsync(SellerSession.SellerId(User), cancellationToken);
            Message = Text["Tax regime saved."];
        }
        catch (MarketplaceInputException e)
        {
            TaxError = Text[e.Message];
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return await OnGetAsync(cancellationToken);
    }

    public string PostLink(string handler) => Route + Filter.Query(("handler", handler));

    public static IReadOnlyList<(string Code, string Title)> Regimes =>
    [
        (TaxRules.UsnIncome, "USN «income» 6 %"),
        (TaxRules.UsnIncomeMinusExpenses, "USN «income minus expenses» 15 %"),
        (TaxRules.Osno, "OSNO (general regime, VAT and profit tax)"),
    ];
}
