using Custodian.Identity.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custodian.Identity.Pages.Account;

/// <summary>The first-time enrolment link of a staff account: choose a password, then the authenticator. Opening it uses nothing.</summary>
internal sealed class EnrolModel(StaffEnrolment enrolment) : PageModel
{
    public string? Handle { get; private set; }

    public string? Problem { get; private set; }

    public async Task OnGetAsync(string token, CancellationToken cancellationToken)
    {
        Handle = await enrolment.PeekAsync(token, cancellationToken);
        if (Handle is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }

    public async Task<IActionResult> OnPostAsync(string token, string? password, string? repeated, CancellationToken cancellationToken)
    {
        Problem = await enrolment.SetPasswordAsync(HttpContext, token, password, repeated, cancellationToken);
        if (Problem is null)
        {
            return Redirect("/account/staff/authenticator");
        }

        Handle = await enrolment.PeekAsync(token, cancellationToken);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
