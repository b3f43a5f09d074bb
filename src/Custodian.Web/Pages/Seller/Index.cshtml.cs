using Custodian.Modules.Marketplace;
using Custodian.Modules.Marketplace.Sellers;
using Custodian.Web.Platform;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Custodian.Web.Pages.Seller;

/// <summary>The signed-in seller's account: connected marketplace accounts (key tail, state, expiry, last sync), connect a Wildberries token or Ozon keys, revoke a key.</summary>
[Authorize(Policy = AccessPolicies.Seller)]
public sealed class IndexModel(ISellerAccounts sellers, IStringLocalizer<SharedResource> t) : PageModel
{
    public SellerView? View { get; private set; }

    public string? Message { get; private set; }

    public string? TokenError { get; private set; }

    public string? OzonError { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await ShowAsync(cancellationToken);

    public async Task<IActionResult> OnPostConnectAsync(string? token, CancellationToken cancellationToken)
    {
        try
        {
            var account = await sellers.ConnectWildberriesAsync(SellerId, token ?? string.Empty, cancellationToken);
            Message = t["Wildberries key {0} connected; the first data arrive within minutes.", account.KeyTail];
        }
        catch (MarketplaceInputException e)
        {
            TokenError = e.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return await ShowAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostConnectOzonAsync(string? clientId, string? apiKey, CancellationToken cancellationToken)
    {
        try
        {
            var account = await sellers.ConnectOzonAsync(SellerId, clientId ?? string.Empty, apiKey ?? string.Empty, cancellationToken);
            Message = t["Ozon key {0} connected; the first data arrive within minutes.", account.KeyTail];
        }
        catch (MarketplaceInputException e)
        {
            OzonError = e.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return await ShowAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid accountId, CancellationToken cancellationToken)
    {
        if (!await sellers.RevokeAsync(SellerId, accountId, cancellationToken))
        {
            return NotFound();
        }

        Message = t["The key was revoked and destroyed; this account no longer collects data."];
        return await ShowAsync(cancellationToken);
    }

    private Guid SellerId => SellerSession.SellerId(User);

    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken)
    {
        View = await sellers.ViewAsync(SellerId, cancellationToken);
        return View is null ? Forbid() : Page();
    }
}
