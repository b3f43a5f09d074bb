using Custodian.Privacy.Abstractions.Audit;
using Custodian.Identity.Sessions;
using Custodian.Identity.Staff;
using Custodian.Privacy.Abstractions.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custodian.Identity.Pages.Operator.Staff;

/// <summary>The administrators' page: staff accounts, a lost second factor reset, locks, anyone's or everyone's sessions ended.</summary>
internal sealed class IndexModel(ManageStaff staff, ServerSessions sessions, ICurrentActor actor, TimeProvider clock) : PageModel
{
    public IReadOnlyList<StaffListEntry> Accounts { get; private set; } = [];

    public string? Message { get; private set; }

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    [RequiresRecentSignIn]
    public Task<IActionResult> OnPostResetSecondFactorAsync(string handle, CancellationToken cancellationToken) =>
        RunAsync(() => staff.ResetSecondFactorAsync(handle, Actor, cancellationToken), "The second factor is reset and the person's sessions have ended. They set up their authenticator again at their next sign-in.", cancellationToken);

    [RequiresRecentSignIn]
    public Task<IActionResult> OnPostDisableAsync(string handle, CancellationToken cancellationToken) =>
        RunAsync(() => staff.DisableAsync(handle, Actor, cancellationToken), "The account is disabled: its sessions have ended and it can no longer sign in.", cancellationToken);

    public Task<IActionResult> OnPostUnlockAsync(string handle, CancellationToken cancellationToken) =>
        RunAsync(() => staff.UnlockAsync(handle, Actor, cancellationToken), "The account is unlocked.", cancellationToken);

    public Task<IActionResult> OnPostEndSessionsAsync(string handle, CancellationToken cancellationToken) =>
        RunAsync(() => staff.EndSessionsAsync(handle, Actor, cancellationToken), "The person's sessions have ended.", cancellationToken);

    [RequiresRecentSignIn]
    public async Task<IActionResult> OnPostEndEveryoneAsync(CancellationToken cancellationToken)
    {
        var mine = await sessions.CurrentIdAsync(User, cancellationToken);
        return await RunAsync(() => staff.EndEveryonesSessionsAsync(mine, Actor, cancellationToken), "Every session but yours has ended.", cancellationToken);
    }

    public static string RoleName(string role) => role switch
    {
        Roles.Operator => "operator",
        Roles.Administrator => "administrator",
        Roles.Trainer => "trainer",
        Roles.Registrar => "registrar",
        Roles.Coach => "coach",
        Roles.UnitLead => "team lead",
        Roles.ControllerAdmin => "controller's administrator",
        Roles.OfficeStaff => "office staff",
        Roles.ProgrammeAdmin => "programme administrator",
        Roles.SendingOrganisation => "sending organisation",
        _ => "other role",
    };

    public static string Status(StaffListEntry account) =>
        account.Disabled ? "disabled"
        : account.LockedUntilUtc is not null ? "locked"
        : !account.Enrolled ? "not enrolled yet"
        : account.SignIn == StaffSignIn.Password && !account.SecondFactor ? "sets up the authenticator at next sign-in"
        : "in use";

    private string Actor => actor.Actor;

    private async Task<IActionResult> RunAsync(Func<Task> action, string done, CancellationToken cancellationToken)
    {
        try
        {
            await action();
            Message = done;
        }
        catch (StaffInputException e)
        {
            Message = e.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken) => Accounts = await staff.ListAsync(clock.GetUtcNow().UtcDateTime, cancellationToken);
}
