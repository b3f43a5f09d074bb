using Custodian.Modules.Marketplace.Teams;
using Custodian.Privacy.Abstractions.Access;
using Custodian.Modules.Marketplace.Sellers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custodian.Modules.Marketplace.Pages.Seller;

/// <summary>
/// The invitation link: the page asks before anything happens (mail scanners open links), the button joins the team
/// and signs the person in as the seller with the invited address.
/// </summary>
internal sealed class JoinModel(ISellerTeams teams) : PageModel
{
    public bool Valid { get; private set; }

    public async Task OnGetAsync(string token, CancellationToken cancellationToken)
    {
        Valid = await teams.JoinAsync(token, peekOnly: true, cancellationToken) is not null;
        if (!Valid)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        if (await teams.JoinAsync(token, peekOnly: false, cancellationToken) is not { } sellerId)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        await SellerSession.SignInAsync(HttpContext, sellerId, Custodian.Privacy.Abstractions.Access.SignInMethods.TeamInvitation);
        return Redirect("/seller");
    }
}
