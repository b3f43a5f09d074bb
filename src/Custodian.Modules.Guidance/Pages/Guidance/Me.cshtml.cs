using Custodian.Modules.Guidance.Clients;
using Custodian.Modules.Guidance.OwnRecord;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace Custodian.Modules.Guidance.Pages.Guidance;

/// <summary>
/// The client's own page: sign in through the identification broker, see one's records' shareable parts and who viewed
/// them, withdraw written consent, sign out. Open to anyone; only a client session shows a record, and only its own.
/// </summary>
internal sealed class MeModel(ClientSignInOptions settings, ReadOwnRecord own, WrittenConsents consents, TimeProvider clock) : GuidancePage
{
    public bool Configured => settings.Enabled;

    public string BrokerName => settings.DisplayName;

    /// <summary>The signed-in client's records; null when no client is signed in.</summary>
    public IReadOnlyList<OwnRecordView>? Records { get; private set; }

    public async Task<IActionResult> OnGetAsync(bool failed = false, bool signedOut = false, bool withdrawn = false, CancellationToken cancellationToken = default)
    {
        Problem = failed ? "The identification did not succeed. Nothing of your record was shown; you can try again." : null;
        Message = signedOut ? "You have signed out." : withdrawn ? "Your consent is withdrawn for the areas you chose. No new entries are written there." : null;
        return await ShowAsync(cancellationToken);
    }

    /// <summary>A GET link, not a form: the page's Content-Security-Policy (<c>form-action 'self'</c>) stops a form whose answer redirects to the broker.</summary>
    public async Task<IActionResult> OnGetSignInAsync()
    {
        if (!Configured)
        {
            Refused("Signing in to see your own record is not available in this service.");
            return Page();
        }

        await ClientSignIn.ChallengeAsync(HttpContext);
        return new EmptyResult();
    }

    public async Task<IActionResult> OnPostSignOutAsync()
    {
        if (ClientSession.IsClient(User))
        {
            await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }

        return LocalRedirect(ClientSignIn.MePath + "?signedOut=true");
    }

    public async Task<IActionResult> OnPostWithdrawAsync(Guid client, string[]? areas, CancellationToken cancellationToken)
    {
        if (ClientSession.Current(User, settings, clock) is not { } session)
        {
            return await ShowAsync(cancellationToken);
        }

        if (await own.FindOwnAsync(session.HetuIndex, client, cancellationToken) is not { } found)
        {
            return NotFound();
        }

        try
        {
            await consents.WithdrawByClientAsync(session.Account, found.Client, found.Register, areas ?? [], cancellationToken);
        }
        catch (GuidanceInputException e)
        {
            await ShowAsync(cancellationToken);
            Refused(e.Message);
            return Page();
        }

        return LocalRedirect(ClientSignIn.MePath + "?withdrawn=true");
    }

    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken)
    {
        if (ClientSession.Current(User, settings, clock) is { } session)
        {
            Records = await own.ReadAsync(session.Account, session.HetuIndex, cancellationToken);
        }
        else if (ClientSession.IsClient(User))
        {
            await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            Message = "Your session has ended. Sign in again to see your record.";
        }

        return Page();
    }
}
