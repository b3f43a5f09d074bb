using Custodian.Identity.OpenIdConnect;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custodian.Identity.Pages.Account.Staff;

/// <summary>
/// Starts the organisation's OpenID Connect sign-in. A link (GET), not a form: the page's Content-Security-Policy
/// (<c>form-action 'self'</c>) would stop a form whose answer redirects to the provider.
/// </summary>
internal sealed class OrganisationModel(OrganisationSignInOptions organisation) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string? returnUrl)
    {
        if (!organisation.Enabled)
        {
            return NotFound();
        }

        await OrganisationSignIn.ChallengeAsync(HttpContext, Url.IsLocalUrl(returnUrl) ? returnUrl! : "/account/staff/home");
        return new EmptyResult();
    }
}
