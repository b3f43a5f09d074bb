using Custodian.Modules.Training.Cards;
using Custodian.Privacy.Abstractions.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Custodian.Modules.Training.Pages.Training;

/// <summary>
/// The public card check (anonymous, limited per client address): initials, card type and validity, nothing else. A
/// code typed into the form moves into the address in its canonical form; an unknown code is a 404 page with no data.
/// </summary>
[EnableRateLimiting(TrainingModule.VerifyRateLimit)]
internal sealed class VerifyModel(VerifyCard cards) : TrainingPage
{
    public CardVerification? Card { get; private set; }

    public bool Asked { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? code, [FromQuery(Name = "c")] string? typed, CancellationToken cancellationToken)
    {
        if (code is null && typed is not null)
        {
            return VerificationCodes.Parse(typed) is { } canonical ? Redirect("/training/verify/" + canonical) : NotFoundPage();
        }

        if (code is null)
        {
            return Page();
        }

        Asked = true;
        Card = await cards.VerifyAsync(code, cancellationToken);
        return Card is null ? NotFoundPage() : Page();
    }

    private PageResult NotFoundPage()
    {
        Asked = true;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
