using Custodian.Privacy.Requests;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custodian.Privacy.Pages.Privacy;

/// <summary>The confirmation link of a request: the button (not the link itself, which mail scanners open) confirms.</summary>
public sealed class ConfirmRequestModel(VerifyRequest verify) : PageModel
{
    public RequestRecord? Confirmed { get; private set; }

    public bool Invalid { get; private set; }

    public void OnGet(string token)
    {
        Invalid = string.IsNullOrEmpty(token);
    }

    public async Task OnPostAsync(string token, CancellationToken cancellationToken)
    {
        Confirmed = await verify.ConfirmEmailAsync(token, cancellationToken);
        if (Confirmed is null)
        {
            Invalid = true;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }
}
