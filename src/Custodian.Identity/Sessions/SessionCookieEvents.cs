using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Custodian.Identity.Sessions;

/// <summary>The session cookie's events: the server-side session opens, is checked and ends with the cookie.</summary>
internal sealed class SessionCookieEvents(ServerSessions sessions, SessionCookieEvents.ApiRequests isApi) : CookieAuthenticationEvents
{
    /// <summary>Which requests are API calls (answered 401/403, never redirected to a page): the host's rule.</summary>
    public sealed record ApiRequests(Func<HttpContext, bool> Test);

    public override Task SigningIn(CookieSigningInContext context) => sessions.OpenAsync(context);

    public override Task ValidatePrincipal(CookieValidatePrincipalContext context) => sessions.CheckAsync(context);

    public override Task SigningOut(CookieSigningOutContext context) =>
        context.Properties?.Items.ContainsKey(ServerSessions.SkipEnd) == true
            ? Task.CompletedTask
            : sessions.EndCurrentAsync(context.HttpContext.User, "signed-out", context.HttpContext.RequestAborted);

    public override Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context) => Answer(context, StatusCodes.Status401Unauthorized);

    public override Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context) => Answer(context, StatusCodes.Status403Forbidden);

    private Task Answer(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (isApi.Test(context.HttpContext))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }
}
