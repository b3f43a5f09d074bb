using Custodian.Modules.Marketplace.Sellers;
using Custodian.Privacy.Abstractions.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custodian.Modules.Marketplace.Pages.Account;

/// <summary>Opens a seller's sign-in link: only the button uses it up (mail scanners and link previews open links).</summary>
internal sealed class SellerLinkOpenModel(ISellerAccounts sellers) : PageModel
{
    public bool Valid { get; private set; }

    public async Task OnGetAsync(string token, CancellationToken cancellationToken)
    {
        Valid = await sellers.RedeemSignInLinkAsync(token, peekOnly: true, cancellationToken) is not null;
        if (!Valid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        if (await sellers.RedeemSignInLinkAsync(token, peekOnly: false, cancellationToken) is not { } sellerId)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await SellerSession.SignInAsync(HttpContext, sellerId);
        return LocalRedirect("/seller");
    }
}
