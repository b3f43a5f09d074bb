using Custodian.Identity.OpenIdConnect;
using Custodian.Identity.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custodian.Identity.Pages.Account;

/// <summary>
/// The first-time enrolment link of a staff account: a password account chooses its password (then the authenticator);
/// an OpenID Connect account signs in once with the organisation's provider to bind it. Opening the link uses nothing.
/// </summary>
internal sealed class EnrolModel(StaffEnrolment enrolment, OrganisationSignInOptions organisation) : PageModel
{
    public EnrolmentFor? For { get; private set; }

    public string Token { get; private set; } = string.Empty;

    public string? Problem { get; private set; }

    public async Task OnGetAsync(string token, CancellationToken cancellationToken) => await LoadAsync(token, cancellationToken);

    /// <summary>Starts the provider's sign-in with the link's token in the (encrypted) state; the callback binds the account.</summary>
    public async Task<IActionResult> OnGetOrganisationAsync(string token, CancellationToken cancellationToken)
    {
        await LoadAsync(token, cancellationToken);
        if (For?.SignIn != StaffSignIn.OpenIdConnect || !organisation.Enabled)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            For = null;
            return Page();
        }

        await OrganisationSignIn.ChallengeAsync(HttpContext, "/account/staff/home", enrolmentToken: token);
        return new EmptyResult();
    }

    public async Task<IActionResult> OnPostAsync(string token, string? password, string? repeated, CancellationToken cancellationToken)
    {
        Problem = await enrolment.SetPasswordAsync(HttpContext, token, password, repeated, cancellationToken);
        if (Problem is null)
        {
            return Redirect("/account/staff/authenticator");
        }

        await LoadAsync(token, cancellationToken);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task LoadAsync(string token, CancellationToken cancellationToken)
    {
        Token = token;
        For = await enrolment.PeekAsync(token, cancellationToken);
        if (For is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }
}
