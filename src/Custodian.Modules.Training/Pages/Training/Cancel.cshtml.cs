using Custodian.Modules.Training.Enrolment;
using Custodian.Privacy.Abstractions.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Custodian.Modules.Training.Pages.Training;

/// <summary>
/// The cancellation link of the confirmation mail: GET shows which enrolment it cancels and asks to confirm (a mail
/// scanner that opens links cancels nothing), POST cancels. An unknown or used link is a bare 404.
/// </summary>
[EnableRateLimiting(RateLimits.PublicForms)]
internal sealed class CancelModel(CancelEnrolment cancel, IStringLocalizer<TrainingText> text) : TrainingPage
{
    public CancelEnrolment.Pending? Pending { get; private set; }

    public CancelEnrolment.Cancelled? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        try
        {
            Pending = await cancel.FindAsync(token, cancellationToken);
            return Page();
        }
        catch (TrainingNotFoundException)
        {
            return NotFound();
        }
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        try
        {
            Pending = await cancel.FindAsync(token, cancellationToken);
            Done = await cancel.CancelAsync(token, cancellationToken);
        }
        catch (TrainingNotFoundException)
        {
            return NotFound();
        }
        catch (TrainingConflictException e)
        {
            Problem = text[e.Message];
            Response.StatusCode = StatusCodes.Status409Conflict;
        }

        return Page();
    }
}
