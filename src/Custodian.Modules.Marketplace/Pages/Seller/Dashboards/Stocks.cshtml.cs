using Custodian.Modules.Marketplace.Dashboards;
using Custodian.Modules.Marketplace.Sellers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Localization;

namespace Custodian.Modules.Marketplace.Pages.Seller.Dashboards;

/// <summary>Stocks: the latest snapshot by warehouse, region and SKU, low-stock alerts, and the seller's thresholds per SKU (set here).</summary>
internal sealed class StocksModel(StocksDashboard stocks, StockThresholds thresholds, DashboardScope scope, TimeProvider clock, IStringLocalizer<MarketplaceText> t) : DashboardPage(stocks, scope, clock, t)
{
    public StocksDashboard Stocks => stocks;

    /// <summary>The visible accounts whose thresholds this seller may change.</summary>
    public IReadOnlySet<Guid> Manageable { get; private set; } = new HashSet<Guid>();

    public string? Message { get; private set; }

    public string? ThresholdError { get; private set; }

    /// <summary>The field the error is about (account, sku or threshold).</summary>
    public string? ThresholdField { get; private set; }

    /// <summary>What the seller typed, shown again after an error so nothing is lost.</summary>
    public (string? Account, string? Sku, string? Threshold) Typed { get; private set; }

    public async Task<IActionResult> OnPostThresholdAsync(string? account, string? sku, string? threshold, CancellationToken cancellationToken)
    {
        Typed = (account, sku, threshold);
        try
        {
            await thresholds.SetAsync(SellerId, account, sku, threshold, cancellationToken);
            Message = Text["Threshold saved: SKU {0} alerts at {1} units or fewer.", sku?.Trim() ?? string.Empty, DashboardFormat.Count(StockThresholds.Units(threshold))];
            Typed = (account, null, null);
        }
        catch (MarketplaceInputException e)
        {
            (ThresholdError, ThresholdField) = (Text[e.Message], e.Field);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        catch (ThresholdNotAllowedException)
        {
            return Forbid();
        }

        return await OnGetAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostRemoveThresholdAsync(string? account, string? sku, CancellationToken cancellationToken)
    {
        try
        {
            Message = await thresholds.RemoveAsync(SellerId, account, sku, cancellationToken)
                ? Text["Threshold removed: SKU {0} alerts again when its stock lasts less than 7 days.", sku?.Trim() ?? string.Empty].Value
                : null;
        }
        catch (MarketplaceInputException)
        {
            return NotFound();
        }
        catch (ThresholdNotAllowedException)
        {
            return Forbid();
        }

        return await OnGetAsync(cancellationToken);
    }

    /// <summary>After any handler (which found the visible accounts), before the page is drawn: which of them this seller may change.</summary>
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(next);
        await base.OnPageHandlerExecutionAsync(context, next);
        if (Visible.Count > 0)
        {
            Manageable = await thresholds.ManageableAsync(SellerId, Visible, HttpContext.RequestAborted);
        }
    }

    /// <summary>The form's address: this page with the filter, so the page drawn after saving shows the same view.</summary>
    public string PostLink(string handler) => Route + Filter.Query(("handler", handler));

    private Guid SellerId => SellerSession.SellerId(User);
}
