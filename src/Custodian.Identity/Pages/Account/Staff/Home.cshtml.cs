using Custodian.Privacy.Abstractions.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custodian.Identity.Pages.Account.Staff;

/// <summary>Where a staff member lands after signing in: the console of their role.</summary>
internal sealed class HomeModel : PageModel
{
    public IActionResult OnGet() =>
        User.IsInRole(Roles.Operator) ? Redirect("/operator/requests")
        : User.IsInRole(Roles.Administrator) ? Redirect("/operator/staff")
        : User.Identity?.IsAuthenticated == true ? Redirect("/account/sessions")
        : Redirect("/account/staff");
}
