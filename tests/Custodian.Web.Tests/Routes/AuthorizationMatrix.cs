using System.Net;
using System.Security.Claims;
using System.Text;
using Custodian.Testing;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Custodian.Web.Tests.Routes;

/// <summary>What happened to a request at the door.</summary>
public enum Outcome
{
    /// <summary>Let in: the handler answered (any status but the door's 401/403 and sign-in or denied redirects).</summary>
    Allowed,

    /// <summary>Sent to sign in: 401 from an API, a redirect to /account/sign-in from a page.</summary>
    SignInRequired,

    /// <summary>Signed in but not allowed: 403 from an API, a redirect to /account/denied from a page.</summary>
    Denied,
}

/// <summary>The matrix of one app: a line per route call and role, and every cell that is not as declared.</summary>
public sealed record MatrixResult(IReadOnlyList<string> Table, IReadOnlyList<string> Violations, int Requests, IReadOnlyList<string> Roles);

/// <summary>
/// Calls every route of a running app (from its endpoint data source) with every method it accepts, as every role
/// (signed in through the real links), and compares what happened with the policy the route declares: anonymous
/// routes let everyone in; policy routes send anonymous people to sign in, deny signed-in roles outside the policy
/// and let the roles in it through. A route that declares neither is a violation by itself.
/// </summary>
public static class AuthorizationMatrix
{
    public static async Task<MatrixResult> CheckAsync(CustodianHost host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        var routes = await AppRoutes.OfAsync(host.Services);
        var people = new List<Person>();
        foreach (var role in (string[])[CustodianHost.Anonymous, .. CustodianHost.SignInRoles])
        {
            people.Add(await Person.SignInAsync(host, role, cancellationToken));
        }

        var authorization = host.Services.GetRequiredService<IAuthorizationService>();
        using var http = host.CreateRawClient();
        var table = new List<string>();
        var violations = new List<string>();
        var requests = 0;
        foreach (var route in routes)
        {
            if (!route.Access.IsDeclared)
            {
                violations.AddRange(route.Calls.Select(call => $"{call.Describe(route.Pattern)} declares no policy: neither authorization (a policy or roles) nor allow-anonymous."));
                continue;
            }

            foreach (var call in route.Calls)
            {
                var line = new StringBuilder($"{call.Describe(route.Pattern),-64} [{route.Access.Description}]");
                for (var i = 0; i < people.Count; i++)
                {
                    // A call that ends sessions (signing out, ending one's other sessions, everyone's) ends the
                    // person's session on the server: the person signs in again, as a person would.
                    if (people[i].Role != CustodianHost.Anonymous && !await host.IsSessionOpenAsync(people[i].Principal, cancellationToken))
                    {
                        people[i] = await Person.SignInAsync(host, people[i].Role, cancellationToken);
                    }

                    var person = people[i];
                    var expected = await ExpectedAsync(route.Access, person.Principal, authorization);
                    using var request = Request(route, call, person);
                    using var response = await http.SendAsync(request, cancellationToken);
                    requests++;
                    var (observed, answer, rightKind) = Observe(host, route, response);
                    line.Append(System.Globalization.CultureInfo.InvariantCulture, $"  {person.Role}: {Mark(observed)}");
                    if (observed != expected || !rightKind || (int)response.StatusCode >= 500)
                    {
                        violations.Add($"{call.Describe(route.Pattern)} as {person.Role}: declared {route.Access.Description}, expected {expected}, got {answer}.");
                    }
                }

                table.Add(line.ToString());
            }
        }

        return new MatrixResult(table, violations, requests, [.. people.Select(p => $"{p.Role} (session roles: {string.Join(", ", p.Principal.FindAll(ClaimTypes.Role).Select(c => c.Value).DefaultIfEmpty("none"))})")]);
    }

    private static async Task<Outcome> ExpectedAsync(DeclaredAccess access, ClaimsPrincipal principal, IAuthorizationService authorization)
    {
        if (access.AllowsAnonymous)
        {
            return Outcome.Allowed;
        }

        // A policy that authenticates with its own scheme only (the operator channel: loopback callers with this run's
        // secret) never looks at the session cookie, and its scheme forbids a caller that is not on loopback, as the
        // matrix's in-memory client is not: every role is refused at that door.
        if (access.Policy!.AuthenticationSchemes.Count > 0 && !access.Policy.AuthenticationSchemes.Contains(Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationDefaults.AuthenticationScheme))
        {
            return Outcome.Denied;
        }

        return (await authorization.AuthorizeAsync(principal, null, access.Policy!)).Succeeded ? Outcome.Allowed
            : principal.Identity?.IsAuthenticated == true ? Outcome.Denied
            : Outcome.SignInRequired;
    }

    /// <summary>
    /// What the door did. APIs answer 401/403; pages redirect to sign-in or to the denied page, so a page's own 401/403
    /// (the denied page itself says 403) is its handler's answer, except on a page behind a policy, where it means the
    /// door answered an API's way.
    /// </summary>
    private static (Outcome Outcome, string Answer, bool RightKind) Observe(CustodianHost host, AppRoute route, HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        var location = response.Headers.Location is { } l ? new Uri(host.BaseAddress, l).AbsolutePath : null;
        var answer = location is null ? status.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{status} to {location}";
        var bare = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden;
        if (route.IsApi)
        {
            var refusal = response.StatusCode switch
            {
                HttpStatusCode.Unauthorized => Outcome.SignInRequired,
                HttpStatusCode.Forbidden => Outcome.Denied,
                _ => Outcome.Allowed,
            };
            return (refusal, answer, location is not ("/account/sign-in" or "/account/denied"));
        }

        var outcome = location switch
        {
            "/account/sign-in" => Outcome.SignInRequired,
            "/account/denied" => Outcome.Denied,
            _ => Outcome.Allowed,
        };
        return (outcome, answer, !bare || route.Access.AllowsAnonymous);
    }

    private static string Mark(Outcome outcome) => outcome switch
    {
        Outcome.Allowed => "in",
        Outcome.SignInRequired => "sign-in",
        _ => "denied",
    };

    /// <summary>The request as the person's browser (or, for the webhook, Telegram) would send it, with a sample for each route value.</summary>
    private static HttpRequestMessage Request(AppRoute route, RouteCall call, Person person)
    {
        var path = route.PathWith(Samples.Plausible);
        var request = new HttpRequestMessage(new HttpMethod(call.Method), call.Handler is null ? path : path + "?handler=" + call.Handler);
        request.Headers.Add("Cookie", person.Cookie);
        if (route.Pattern == "/telegram/webhook")
        {
            request.Headers.Add(WholeApp.WebhookSecretHeader, WholeApp.WebhookSecret); // Telegram, the webhook's only caller, knows it
        }

        if (call.Method == "POST")
        {
            request.Content = route.IsApi || route.Pattern == "/telegram/webhook"
                ? new StringContent("{}", Encoding.UTF8, "application/json")
                : new FormUrlEncodedContent([new("__RequestVerificationToken", person.FormToken)]);
        }

        return request;
    }
}
