using Custodian.Identity.OpenIdConnect;
using Custodian.Identity.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custodian.Identity.Pages.Account.Staff;

/// <summary>Step 1 of a staff sign-in: handle and password (or the organisation's OpenID Connect sign-in).</summary>
internal sealed class SignInModel(StaffSignInFlow flow, OrganisationSignInOptions organisation) : PageModel
{
    public string? Problem { get; private set; }

    public int? Minutes { get; private set; }

    public string? Handle { get; private set; }

    public bool Organisation => organisation.Enabled;

    public string? OrganisationName => organisation.DisplayName;

    public void OnGet(string? failed)
    {
        if (failed == "oidc")
        {
            Problem = "The sign-in with your organisation's account did not succeed, or no staff account here is bound to it. Try again, or ask an administrator for an enrolment link.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }

    public async Task<IActionResult> OnPostAsync(string? handle, string? password, CancellationToken cancellationToken)
    {
        Handle = handle?.Trim();
        var result = await flow.PasswordAsync(HttpContext, handle, password, cancellationToken);
        switch (result.Step)
        {
            case StaffStep.SecondFactor:
                return Redirect("/account/staff/code");
            case StaffStep.EnrolAuthenticator:
                return Redirect("/account/staff/authenticator");
            default:
                (Problem, Minutes) = (result.Problem, result.Minutes);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
        }
    }
}
