using Custodian.Identity.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custodian.Identity.Pages.Account.Staff;

/// <summary>Step 2 of a staff sign-in: a TOTP code or a recovery code. Reachable only with the step cookie of step 1.</summary>
internal sealed class CodeModel(StaffSignInFlow flow) : PageModel
{
    public string? Problem { get; private set; }

    public int? Minutes { get; private set; }

    public bool StepExpired { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await flow.StepAccountAsync(HttpContext, StaffStep.SecondFactor, cancellationToken) is null)
        {
            return Redirect("/account/staff");
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? code, CancellationToken cancellationToken)
    {
        var result = await flow.SecondFactorAsync(HttpContext, code, cancellationToken);
        if (result.Step == StaffStep.SignedIn)
        {
            return Redirect("/account/staff/home");
        }

        (Problem, Minutes) = (result.Problem, result.Minutes);
        StepExpired = await flow.StepAccountAsync(HttpContext, StaffStep.SecondFactor, cancellationToken) is null;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
