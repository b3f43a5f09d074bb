using Custodian.Privacy.Abstractions.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Custodian.Identity.Sessions;

/// <summary>
/// Enforces <see cref="RequiresRecentSignInAttribute"/> on every page handler of every module: without a sign-in or
/// re-authentication in the last ten minutes, the person is sent to re-authenticate and then back to the page.
/// </summary>
internal sealed class RecentSignInFilter(ServerSessions sessions, TimeProvider clock) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (context.HandlerMethod?.MethodInfo.IsDefined(typeof(RequiresRecentSignInAttribute), inherit: true) == true
            && await sessions.AuthenticatedAtAsync(context.HttpContext.User, context.HttpContext.RequestAborted) is var at
            && (at is null || clock.GetUtcNow().UtcDateTime - at.Value > RequiresRecentSignInAttribute.Window))
        {
            // After re-authenticating the person comes back to the page (a form's handler cannot be replayed by a GET).
            var request = context.HttpContext.Request;
            var back = HttpMethods.IsGet(request.Method) ? request.Path + request.QueryString : request.Path.ToString();
            context.Result = new RedirectResult("/account/reauthenticate?returnUrl=" + Uri.EscapeDataString(back));
            return;
        }

        await next();
    }
}
