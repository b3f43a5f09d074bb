using Custodian.Modules.Marketplace.Sellers;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custodian.Modules.Marketplace.Pages.Marketplace;

/// <summary>The e-mail confirmation link of a seller who signed up in Telegram: the button (not the link, which mail scanners open) confirms.</summary>
internal sealed class ConfirmEmailModel(ISellerEmailConfirmation confirm) : PageModel
{
    public ConfirmationOutcome? Outcome { get; private set; }

    public void OnGet(string token)
    {
        Outcome = string.IsNullOrEmpty(token) ? ConfirmationOutcome.UnknownOrExpired : null;
    }

    public async Task OnPostAsync(string token, CancellationToken cancellationToken)
    {
        Outcome = await confirm.ConfirmAsync(token, cancellationToken);
        if (Outcome == ConfirmationOutcome.UnknownOrExpired)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }
}
