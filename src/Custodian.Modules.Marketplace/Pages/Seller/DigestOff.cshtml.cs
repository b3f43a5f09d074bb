using Custodian.Modules.Marketplace.Digest;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custodian.Modules.Marketplace.Pages.Seller;

/// <summary>
/// A digest mail's unsubscribe link, without signing in: GET shows a button (mail scanners that open links must not
/// switch anything off), POST stops the digest mails. No antiforgery token: RFC 8058 one-click
/// (<c>List-Unsubscribe-Post</c>) comes from the mail provider; the unguessable token is the authority. An unknown token
/// gets a 404 that says nothing about anyone.
/// </summary>
[IgnoreAntiforgeryToken]
internal sealed class DigestOffModel(DigestPreferences preferences) : PageModel
{
    public bool Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken) =>
        await preferences.KnowsTokenAsync(token, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        if (!await preferences.StopMailByTokenAsync(token, cancellationToken))
        {
            return NotFound();
        }

        Done = true;
        return Page();
    }
}
