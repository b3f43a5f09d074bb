using Custodian.Web.Platform;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custodian.Web.Pages.Account;

/// <summary>Opens an operator's single-use sign-in link; the link is used only by the button (link previews do not consume it).</summary>
public sealed class OperatorLinkModel(OperatorSignInLinks links) : PageModel
{
    public string? Handle { get; private set; }

    public async Task OnGetAsync(string token, CancellationToken cancellationToken)
    {
        Handle = await links.PeekAsync(token, cancellationToken);
        if (Handle is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        if (await links.RedeemAsync(token, cancellationToken) is not { } principal)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        return LocalRedirect("/operator/requests");
    }
}
