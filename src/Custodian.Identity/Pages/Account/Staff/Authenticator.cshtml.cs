using Custodian.Identity.Staff;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custodian.Identity.Pages.Account.Staff;

/// <summary>Enrolment of an authenticator app: the secret as QR code and text, one code to confirm, then the recovery codes once.</summary>
internal sealed class AuthenticatorModel(StaffEnrolment enrolment) : PageModel
{
    public AuthenticatorSetup? Setup { get; private set; }

    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    public string? Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Setup = await enrolment.SetupAsync(HttpContext, cancellationToken);
        Response.Headers.CacheControl = "no-store";
    }

    public async Task OnPostAsync(string? code, CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-store"; // the secret and the recovery codes stay out of every cache
        (RecoveryCodes, Problem) = await enrolment.ConfirmAsync(HttpContext, code, cancellationToken);
        if (RecoveryCodes is null)
        {
            Setup = await enrolment.SetupAsync(HttpContext, cancellationToken);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }
}
