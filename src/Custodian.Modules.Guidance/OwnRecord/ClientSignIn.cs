using System.Globalization;
using System.Security.Claims;
using Custodian.Modules.Guidance.Clients;
using Custodian.Privacy.Abstractions.Access;
using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Identifiers;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Custodian.Modules.Guidance.OwnRecord;

/// <summary>
/// A client signs in through the deployment's identification broker: authorization code flow with PKCE, state and
/// nonce, the id token's signature, issuer, audience and lifetime checked by the ASP.NET Core handler. The identity code
/// in the token is turned into its blind index at once; the session carries only that index (never the code), a role
/// with no staff rights, and its start, and it ends after <see cref="ClientSignInOptions.SessionLifetime"/>.
/// </summary>
internal static class ClientSignIn
{
    public const string Scheme = "guidance-client-oidc";
    public const string MePath = "/guidance/me";
    private const string Failed = MePath + "?failed=true";

    public static void AddClientSignIn(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(ClientSignInOptions.Section).Get<ClientSignInOptions>() ?? new ClientSignInOptions();
        services.AddSingleton(settings);
        if (!settings.Enabled)
        {
            return;
        }

        services.AddAuthentication().AddOpenIdConnect(Scheme, settings.DisplayName, options =>
        {
            options.Authority = settings.Authority;
            options.ClientId = settings.ClientId;
            options.ClientSecret = settings.ClientSecret;
            options.RequireHttpsMetadata = !settings.IsLoopback;
            options.ResponseType = OpenIdConnectResponseType.Code;
            options.UsePkce = true;
            options.ResponseMode = OpenIdConnectResponseMode.Query; // a top-level GET back: Lax cookies suffice
            options.CallbackPath = "/signin-oidc-guidance-client";
            options.SignedOutCallbackPath = "/signout-callback-oidc-guidance-client";
            options.RemoteSignOutPath = PathString.Empty; // sign-out is a POST with antiforgery on our page
            options.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            options.SaveTokens = false;
            options.GetClaimsFromUserInfoEndpoint = false;
            options.MapInboundClaims = false;
            options.Scope.Clear();
            options.Scope.Add("openid");
            options.CorrelationCookie.SameSite = SameSiteMode.Lax;
            options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.NonceCookie.SameSite = SameSiteMode.Lax;
            options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            // After every check of the handler, the nonce included (it is checked after OnTokenValidated).
            options.Events.OnTicketReceived = ToClientSessionAsync;
            options.Events.OnRemoteFailure = context =>
            {
                context.HandleResponse();
                context.Response.Redirect(Failed);
                return Task.CompletedTask;
            };
        });
    }

    public static Task ChallengeAsync(HttpContext http) =>
        http.ChallengeAsync(Scheme, new AuthenticationProperties { RedirectUri = MePath });

    private static async Task ToClientSessionAsync(TicketReceivedContext context)
    {
        var services = context.HttpContext.RequestServices;
        var settings = services.GetRequiredService<ClientSignInOptions>();
        var audit = services.GetRequiredService<IAuditLog>();
        var cancellationToken = context.HttpContext.RequestAborted;
        var claimed = context.Principal?.FindFirst(settings.HetuClaim)?.Value;
        var check = claimed is null ? null : Hetu.Check(claimed);
        if (check is not { IsValid: true })
        {
            await audit.AppendAsync(new AuditEvent("anonymous", "guidance client sign-in refused: no valid identity code"), cancellationToken);
            context.HandleResponse();
            context.Response.Redirect(Failed);
            return;
        }

        var index = services.GetRequiredService<IPersonalDataVault>().BlindIndexOf(IdentifierType.Hetu, check.Normalised!);
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var session = ClientSession.NewAccount();
        context.Principal = ClientSession.Principal(session, index, now);
        context.Properties!.IsPersistent = false;
        context.Properties.AllowRefresh = false;
        context.Properties.ExpiresUtc = now + settings.SessionLifetime;
        context.Properties.RedirectUri = MePath;
        var subjects = await services.GetRequiredService<GuidanceDb>().Clients.Where(c => c.HetuIndex == index)
            .Join(services.GetRequiredService<GuidanceDb>().Programmes, c => c.ProgrammeId, p => p.Id, (c, p) => new { c.SubjectId, p.Register })
            .ToListAsync(cancellationToken);
        await audit.AppendAsync(subjects.Count == 0
            ? [new AuditEvent(GuidanceAudit.Actor(session), "guidance client signed in: no record")]
            : [.. subjects.Select(s => new AuditEvent(GuidanceAudit.Actor(session), "guidance client signed in", s.SubjectId, s.Register, GuidanceAudit.Purpose))], cancellationToken);
    }
}

/// <summary>What a client's session carries: a random account id of the session, the blind index of the identity code, its start.</summary>
internal static class ClientSession
{
    public const string AccountPrefix = "guidance-client-";
    public const string HetuIndexClaim = "guidance:hetu-index";
    public const string SignedInAtClaim = "guidance:signed-in-at";

    public static string NewAccount() => AccountPrefix + Guid.NewGuid().ToString("N");

    public static ClaimsPrincipal Principal(string account, byte[] hetuIndex, DateTimeOffset signedInAt) =>
        new(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, account),
                new Claim(ClaimTypes.Role, Roles.Client),
                new Claim(SessionClaims.Method, SignInMethods.OpenIdConnect),
                new Claim(HetuIndexClaim, Convert.ToBase64String(hetuIndex)),
                new Claim(SignedInAtClaim, signedInAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
            ], CookieAuthenticationDefaults.AuthenticationScheme));

    /// <summary>The client's session of this request: null when the person is not a signed-in client or the session is over.</summary>
    public static (string Account, byte[] HetuIndex)? Current(ClaimsPrincipal user, ClientSignInOptions settings, TimeProvider clock)
    {
        if (user.Identity?.IsAuthenticated != true || !user.IsInRole(Roles.Client)
            || user.FindFirst(ClaimTypes.NameIdentifier)?.Value is not { } account || !account.StartsWith(AccountPrefix, StringComparison.Ordinal)
            || user.FindFirst(HetuIndexClaim)?.Value is not { } index
            || !long.TryParse(user.FindFirst(SignedInAtClaim)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var signedIn))
        {
            return null;
        }

        // The cookie's own expiry says the same; this holds even if a cookie was minted longer.
        return clock.GetUtcNow() >= DateTimeOffset.FromUnixTimeSeconds(signedIn) + settings.SessionLifetime ? null : (account, Convert.FromBase64String(index));
    }

    public static bool IsClient(ClaimsPrincipal user) =>
        user.FindFirst(ClaimTypes.NameIdentifier)?.Value?.StartsWith(AccountPrefix, StringComparison.Ordinal) == true;
}
