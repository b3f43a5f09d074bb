using System.Security.Claims;
using Custodian.Testing;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Custodian.Web.Tests.Routes;

/// <summary>
/// Someone in a role, as the app sees them: the Cookie header of their session (signed in through the real link),
/// a form token issued to that session, and the claims the app reads back from the cookie. Requests replay the
/// cookie from a client without a jar, so what one request does to the cookie does not change the next (signing out
/// does end the session on the server: the matrix signs the person in again then).
/// </summary>
public sealed record Person(string Role, string Cookie, string FormToken, ClaimsPrincipal Principal)
{
    public static async Task<Person> SignInAsync(CustodianHost host, string role, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        using var client = await host.CreateClientForAsync(role, cancellationToken);
        return await OfAsync(host, client, role, cancellationToken);
    }

    public static async Task<Person> OfAsync(CustodianHost host, CustodianClient client, string role, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(client);
        var token = await client.AntiforgeryTokenAsync("/", cancellationToken);
        var session = client.Cookies.GetCookies(host.BaseAddress)["custodian.session"]?.Value;
        var tickets = host.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(CookieAuthenticationDefaults.AuthenticationScheme).TicketDataFormat;
        var principal = session is null ? new ClaimsPrincipal(new ClaimsIdentity()) : tickets.Unprotect(session)!.Principal;
        return new Person(role, client.CookieHeader, token, principal);
    }
}
