using Custodian.Web.Platform;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custodian.Web.Pages.Account;

/// <summary>How each kind of user signs in: the ways the enabled modules offer, then the operators'.</summary>
public sealed class SignInModel(ShellLinks shell) : PageModel
{
    public IReadOnlyList<ShellLinks.Shown> Ways { get; private set; } = [];

    public void OnGet() => Ways = shell.At(Privacy.Abstractions.Hosting.ShellPlace.SignIn);
}
