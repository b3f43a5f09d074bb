using System.Security.Claims;
using Custodian.Identity.Sessions;
using Custodian.Privacy.Abstractions.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custodian.Identity.Pages.Account;

/// <summary>Every signed-in person's own sessions: device, address, when; end any of them, or all but this one.</summary>
internal sealed class SessionsModel(ServerSessions sessions, ListSessions list) : PageModel
{
    public IReadOnlyList<SessionView> Sessions { get; private set; } = [];

    public string? Message { get; private set; }

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostEndAsync(Guid id, CancellationToken cancellationToken)
    {
        var ended = await sessions.EndOneAsync(Account, id, "ended-by-person", cancellationToken);
        Message = ended == 1 ? "The session has ended: that device is signed out." : "That session had ended already.";
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostEndOthersAsync(CancellationToken cancellationToken)
    {
        var current = await sessions.CurrentIdAsync(User, cancellationToken);
        await sessions.EndOthersAsync(Account, current, "ended-by-person", cancellationToken);
        Message = "Every other session has ended.";
        await LoadAsync(cancellationToken);
        return Page();
    }

    public static string MethodName(string method) => method switch
    {
        SignInMethods.Telegram => "Telegram",
        SignInMethods.EmailLink => "e-mail link",
        SignInMethods.TeamInvitation => "team invitation",
        SignInMethods.PasswordAndTotp => "password and authenticator code",
        SignInMethods.PasswordAndRecoveryCode => "password and recovery code",
        SignInMethods.OpenIdConnect => "organisation account",
        _ => "other",
    };

    public static string EndName(string? reason) => reason switch
    {
        "signed-out" => "signed out",
        "idle" => "unused for too long",
        "expired" => "expired",
        "ended-by-person" => "ended by you",
        "ended-by-administrator" or "ended-for-everyone" => "ended by an administrator",
        "second-factor-reset" => "second factor reset",
        "replaced" => "signed in again",
        "password-set" => "password set",
        "account-disabled" => "account disabled",
        _ => "ended",
    };

    private string Account => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Sessions = await list.ForAsync(Account, await sessions.CurrentIdAsync(User, cancellationToken), cancellationToken);
}
