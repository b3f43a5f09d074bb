using Custodian.Identity.OpenIdConnect;
using Custodian.Identity.Staff;
using Custodian.Privacy.Abstractions.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custodian.Identity.Pages.Account;

/// <summary>Re-authentication before a dangerous action (<see cref="RequiresRecentSignInAttribute"/>), then back to where the person was.</summary>
internal sealed class ReauthenticateModel(StaffSignInFlow flow, OrganisationSignInOptions organisation, TimeProvider clock) : PageModel
{
    public enum Way
    {
        Password,
        Organisation,
        SignInAgain,
    }

    public Way Kind { get; private set; }

    public string ReturnUrl { get; private set; } = "/";

    public string? Problem { get; private set; }

    public int? Minutes { get; private set; }

    public void OnGet(string? returnUrl) => Prepare(returnUrl);

    public async Task<IActionResult> OnGetOrganisationAsync(string? returnUrl)
    {
        Prepare(returnUrl);
        if (Kind != Way.Organisation)
        {
            return Page();
        }

        await OrganisationSignIn.ChallengeAsync(HttpContext, ReturnUrl, reauthenticationAt: clock.GetUtcNow());
        return new EmptyResult();
    }

    public async Task<IActionResult> OnPostAsync(string? returnUrl, string? password, string? code, CancellationToken cancellationToken)
    {
        Prepare(returnUrl);
        var result = await flow.ReauthenticateAsync(HttpContext, password, code, cancellationToken);
        (Problem, Minutes) = (result.Problem, result.Minutes);
        if (result.Step == StaffStep.SignedIn)
        {
            return LocalRedirect(ReturnUrl);
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private void Prepare(string? returnUrl)
    {
        ReturnUrl = Url.IsLocalUrl(returnUrl) ? returnUrl! : "/";
        var method = User.FindFirst(SessionClaims.Method)?.Value;
        Kind = method == SignInMethods.OpenIdConnect && organisation.Enabled ? Way.Organisation
            : method is SignInMethods.PasswordAndTotp or SignInMethods.PasswordAndRecoveryCode ? Way.Password
            : Way.SignInAgain;
    }
}
