using Custodian.Identity.Staff;
using Custodian.Privacy.Abstractions.Access;
using Custodian.Privacy.Abstractions.Audit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Custodian.Identity.OpenIdConnect;

/// <summary>
/// Staff sign-in through the organisation's OpenID Connect provider: authorization code flow with PKCE, the id token's
/// signature, issuer, audience, lifetime and nonce checked by the handler. The person must have a staff account with
/// OpenID Connect sign-in whose handle is the token's <see cref="OrganisationSignInOptions.HandleClaim"/>; the
/// session is then the same as after password + TOTP.
/// </summary>
internal static class OrganisationSignIn
{
    public const string StaffScheme = "staff-oidc";

    public static void AddStaffOpenIdConnect(this AuthenticationBuilder authentication, IConfiguration configuration)
    {
        var settings = configuration.GetSection(OrganisationSignInOptions.StaffSection).Get<OrganisationSignInOptions>() ?? new OrganisationSignInOptions();
        authentication.Services.AddSingleton(settings);
        if (!settings.Enabled)
        {
            return;
        }

        authentication.AddOpenIdConnect(StaffScheme, settings.DisplayName, options =>
        {
            options.Authority = settings.Authority;
            options.ClientId = settings.ClientId;
            options.ClientSecret = settings.ClientSecret;
            options.RequireHttpsMetadata = !settings.IsLoopback;
            options.ResponseType = OpenIdConnectResponseType.Code;
            options.UsePkce = true;
            options.ResponseMode = OpenIdConnectResponseMode.Query; // a top-level GET back: no cross-site form post, Lax cookies suffice
            options.CallbackPath = "/signin-oidc-staff";
            options.SignedOutCallbackPath = "/signout-callback-oidc-staff";
            options.RemoteSignOutPath = "/signout-oidc-staff";
            options.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            options.SaveTokens = false; // the session needs none of the provider's tokens
            options.GetClaimsFromUserInfoEndpoint = false;
            options.MapInboundClaims = false;
            options.Scope.Clear();
            options.Scope.Add("openid");
            options.Scope.Add("profile");
            options.CorrelationCookie.SameSite = SameSiteMode.Lax;
            options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.NonceCookie.SameSite = SameSiteMode.Lax;
            options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Events.OnTokenValidated = ToStaffSessionAsync;
            options.Events.OnRemoteFailure = context =>
            {
                context.HandleResponse();
                context.Response.Redirect("/account/staff?failed=oidc");
                return Task.CompletedTask;
            };
        });
    }

    /// <summary>Replaces the provider's identity with the staff account's (roles from our records, not the token).</summary>
    private static async Task ToStaffSessionAsync(TokenValidatedContext context)
    {
        var services = context.HttpContext.RequestServices;
        var settings = services.GetRequiredService<OrganisationSignInOptions>();
        var audit = services.GetRequiredService<IAuditLog>();
        var handle = context.Principal?.FindFirst(settings.HandleClaim)?.Value?.Trim().ToLowerInvariant();
        var db = services.GetRequiredService<IdentityDb>();
        var account = handle is null ? null : await db.StaffAccounts.AsNoTracking().FirstOrDefaultAsync(a => a.Handle == handle, context.HttpContext.RequestAborted);
        if (account is not { SignInMethod: StaffSignIn.OpenIdConnect, DisabledAtUtc: null })
        {
            await audit.AppendAsync(new AuditEvent("anonymous", "staff.oidc.refused:no-account"), context.HttpContext.RequestAborted);
            context.Fail("No staff account signs in with this organisation account.");
            return;
        }

        if (settings.RequiredAmr is { Length: > 0 } amr && context.Principal!.FindAll("amr").All(c => c.Value != amr))
        {
            await audit.AppendAsync(new AuditEvent(StaffAudit.Account(account), "staff.oidc.refused:no-" + amr), context.HttpContext.RequestAborted);
            context.Fail("The organisation's sign-in did not include the required second factor.");
            return;
        }

        if (context.HttpContext.User.Identity?.IsAuthenticated == true)
        {
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme); // the earlier session of this browser ends
        }

        context.Principal = StaffSignInFlow.Principal(account, SignInMethods.OpenIdConnect);
        context.Properties!.RedirectUri = SafeReturn(context.Properties.RedirectUri);
        await audit.AppendAsync(new AuditEvent(StaffAudit.Account(account), "staff.signed-in:" + SignInMethods.OpenIdConnect), context.HttpContext.RequestAborted);
    }

    private static string SafeReturn(string? uri) => uri is { Length: > 1 } u && u[0] == '/' && u[1] != '/' && u[1] != '\\' ? u : "/account/staff/home";

    /// <summary>Starts the provider's sign-in; <paramref name="again"/> asks the provider to authenticate anew (re-authentication).</summary>
    public static Task ChallengeAsync(HttpContext http, string returnUrl, bool again)
    {
        var properties = new AuthenticationProperties { RedirectUri = SafeReturn(returnUrl) };
        if (again)
        {
            properties.Parameters[OpenIdConnectParameterNames.Prompt] = OpenIdConnectPrompt.Login;
            properties.Parameters[OpenIdConnectParameterNames.MaxAge] = TimeSpan.Zero;
        }

        return http.ChallengeAsync(StaffScheme, properties);
    }
}
