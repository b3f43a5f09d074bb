using Custodian.Modules.Training.Marketing;
using Microsoft.AspNetCore.Mvc;

namespace Custodian.Modules.Training.Pages.Training;

/// <summary>
/// A marketing mail's unsubscribe link, without signing in: GET shows a button (mail scanners that open links must not
/// unsubscribe anyone), POST unsubscribes. The POST takes no antiforgery token because RFC 8058 one-click
/// (<c>List-Unsubscribe-Post</c>) comes from the mail provider, not this page; the unguessable token is the authority.
/// </summary>
[IgnoreAntiforgeryToken]
internal sealed class UnsubscribeModel(Unsubscribe unsubscribe) : TrainingPage
{
    public bool Valid { get; private set; }

    public bool Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        Valid = await unsubscribe.IsValidAsync(token, cancellationToken);
        return Valid ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        if (!await unsubscribe.ConfirmAsync(token, cancellationToken))
        {
            return NotFound();
        }

        (Valid, Done) = (true, true);
        return Page();
    }
}
