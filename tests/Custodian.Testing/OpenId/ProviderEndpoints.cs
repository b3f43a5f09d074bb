using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Custodian.Testing.OpenId;

/// <summary>
/// The pass-through endpoints: OpenIddict validates each request (client, redirect URI, PKCE, scopes) before these
/// run and turns their sign-in or sign-out into the protocol response.
/// </summary>
internal static class ProviderEndpoints
{
    public const string AuthorizationPath = "/connect/authorize";
    public const string TokenPath = "/connect/token";
    public const string UserInfoPath = "/connect/userinfo";
    public const string EndSessionPath = "/connect/endsession";
    public const string KeySetPath = "/.well-known/jwks";

    // The form's own fields; every other field it posts is the original authorization request, carried along.
    private const string UsernameField = "oidc_username";
    private const string PasswordField = "oidc_password";

    private const string Scheme = OpenIddictServerAspNetCoreDefaults.AuthenticationScheme;

    public static void Map(WebApplication app, ProviderPeople people)
    {
        string[] methods = [HttpMethods.Get, HttpMethods.Post];
        app.MapMethods(AuthorizationPath, methods, (Func<HttpContext, Task<IResult>>)(context => AuthorizeAsync(context, people)));
        app.MapMethods(EndSessionPath, methods, () => Results.SignOut(authenticationSchemes: [Scheme]));
        app.MapMethods(UserInfoPath, methods, (Func<HttpContext, Task<IResult>>)UserInfoAsync);
    }

    private static async Task<IResult> AuthorizeAsync(HttpContext context, ProviderPeople people)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("OpenIddict passed no authorization request.");
        if (people.AutoApproveSubject is { } subject)
        {
            return SignIn(people.Find(subject) ?? throw new InvalidOperationException($"No user with subject '{subject}'."), request);
        }

        var form = HttpMethods.IsPost(context.Request.Method) ? await context.Request.ReadFormAsync(context.RequestAborted) : null;
        var carried = (form?.Select(f => (f.Key, f.Value)) ?? context.Request.Query.Select(q => (q.Key, q.Value)))
            .Where(f => f.Key is not UsernameField and not PasswordField)
            .ToList();
        if (form is null || !form.ContainsKey(UsernameField))
        {
            return SignInForm(context, carried, failed: false);
        }

        var user = people.CheckPassword(form[UsernameField], form[PasswordField]);
        return user is null ? SignInForm(context, carried, failed: true) : SignIn(user, request);
    }

    private static IResult SignIn(OpenIdUser user, OpenIddictRequest request)
    {
        var identity = new ClaimsIdentity("loopback-openid", Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, user.Subject)
            .SetClaim(Claims.PreferredUsername, user.PreferredUsername)
            .SetClaim(Claims.Name, user.Name)
            .SetClaim(Claims.Email, user.Email)
            .SetClaims(Claims.AuthenticationMethodReference, [.. user.Amr])
            .SetClaim(Claims.AuthenticationTime, TimeProvider.System.GetUtcNow().ToUnixTimeSeconds()); // the person authenticated just now (no provider session)
        if (user.Acr is not null)
        {
            identity.SetClaim(Claims.AuthenticationContextReference, user.Acr);
        }

        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(static _ => [Destinations.AccessToken, Destinations.IdentityToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), properties: null, Scheme);
    }

    private static IResult SignInForm(HttpContext context, List<(string Key, StringValues Value)> carried, bool failed)
    {
        var html = HtmlEncoder.Default;
        var page = new StringBuilder()
            .Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Loopback OpenID provider</title></head><body>")
            .Append("<h1>Sign in</h1>");
        if (failed)
        {
            page.Append("<p id=\"oidc-error\" role=\"alert\">Unknown username or wrong password.</p>");
        }

        page.Append("<form method=\"post\" action=\"").Append(html.Encode(context.Request.PathBase + context.Request.Path)).Append("\">");
        foreach (var (key, values) in carried)
        {
            foreach (var value in values)
            {
                page.Append("<input type=\"hidden\" name=\"").Append(html.Encode(key)).Append("\" value=\"").Append(html.Encode(value ?? string.Empty)).Append("\">");
            }
        }

        page.Append("<label for=\"oidc-username\">Username</label> <input id=\"oidc-username\" name=\"").Append(UsernameField).Append("\" autocomplete=\"username\" required>")
            .Append("<label for=\"oidc-password\">Password</label> <input id=\"oidc-password\" name=\"").Append(PasswordField).Append("\" type=\"password\" autocomplete=\"current-password\" required>")
            .Append("<button id=\"oidc-sign-in\" type=\"submit\">Sign in</button></form></body></html>");
        return Results.Content(page.ToString(), "text/html; charset=utf-8");
    }

    private static async Task<IResult> UserInfoAsync(HttpContext context)
    {
        var principal = (await context.AuthenticateAsync(Scheme)).Principal;
        if (principal is null)
        {
            return Results.Challenge(authenticationSchemes: [Scheme]);
        }

        var claims = new Dictionary<string, object?>(StringComparer.Ordinal) { [Claims.Subject] = principal.GetClaim(Claims.Subject) };
        foreach (var type in new[] { Claims.PreferredUsername, Claims.Name, Claims.Email })
        {
            if (principal.GetClaim(type) is { } value)
            {
                claims[type] = value;
            }
        }

        return Results.Json(claims);
    }
}
