using System.Globalization;
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
/// signature, issuer, audience, lifetime and nonce checked by the handler. A provider account is bound to a staff
/// account once, through the account's enrolment link, by its issuer and subject (never by a name the person or the
/// provider may change); later sign-ins must carry the same pair. Roles come from our records, not from the token.
/// </summary>
internal static class OrganisationSignIn
{
    public const string StaffScheme = "staff-oidc";
    private const string EnrolmentItem = "custodian:enrolment";
    private const string ReauthenticationItem = "custodian:reauthentication-at";
    private const string Failed = "/account/staff?failed=oidc";

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
            options.RemoteSignOutPath = PathString.Empty; // no GET that signs anyone out: sign-out is a POST with antiforgery
            options.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            options.SaveTokens = false; // the session needs none of the provider's tokens
            options.GetClaimsFromUserInfoEndpoint = false;
            options.MapInboundClaims = false;
            options.Scope.Clear();
            options.Scope.Add("openid");
            options.CorrelationCookie.SameSite = SameSiteMode.Lax;
            options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.NonceCookie.SameSite = SameSiteMode.Lax;
            options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            // After every check of the handler (the nonce is checked after OnTokenValidated): only then may a link bind.
            options.Events.OnTicketReceived = ToStaffSessionAsync;
            options.Events.OnRemoteFailure = context =>
            {
                context.HandleResponse();
                context.Response.Redirect(Failed);
                return Task.CompletedTask;
            };
        });
    }

    /// <summary>Starts the provider's sign-in; <paramref name="returnUrl"/> must be a local address the caller checked.</summary>
    public static Task ChallengeAsync(HttpContext http, string returnUrl, string? enrolmentToken = null, DateTimeOffset? reauthenticationAt = null)
    {
        var properties = new AuthenticationProperties { RedirectUri = returnUrl };
        if (enrolmentToken is not null)
        {
            properties.Items[EnrolmentItem] = enrolmentToken; // travels encrypted in the state parameter
        }

        if (reauthenticationAt is { } at)
        {
            properties.Items[ReauthenticationItem] = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            properties.Parameters[OpenIdConnectParameterNames.Prompt] = OpenIdConnectPrompt.Login;
            properties.Parameters[OpenIdConnectParameterNames.MaxAge] = TimeSpan.Zero;
        }

        return http.ChallengeAsync(StaffScheme, properties);
    }

    /// <summary>Replaces the provider's identity with the staff account's: bound now through an enrolment link, or earlier.</summary>
    private static async Task ToStaffSessionAsync(TicketReceivedContext context)
    {
        var services = context.HttpContext.RequestServices;
        var audit = services.GetRequiredService<IAuditLog>();
        var cancellationToken = context.HttpContext.RequestAborted;
        var principal = context.Principal!;
        var issuerAndSubject = principal.FindFirst("iss")?.Value + " " + principal.FindFirst("sub")?.Value;
        var account = context.Properties!.Items.TryGetValue(EnrolmentItem, out var token) && token is not null
            ? await services.GetRequiredService<StaffEnrolment>().BindOrganisationAccountAsync(token, issuerAndSubject, cancellationToken)
            : await services.GetRequiredService<IdentityDb>().StaffAccounts.AsNoTracking()
                .FirstOrDefaultAsync(a => a.OidcSubject == issuerAndSubject && a.SignInMethod == StaffSignIn.OpenIdConnect && a.DisabledAtUtc == null, cancellationToken);
        if (account is null)
        {
            await audit.AppendAsync(new AuditEvent("anonymous", "staff.oidc.refused:no-account"), cancellationToken);
            Refuse(context);
            return;
        }

        var settings = services.GetRequiredService<OrganisationSignInOptions>();
        if (settings.RequiredAmr is { Length: > 0 } amr && principal.FindAll("amr").All(c => c.Value != amr))
        {
            await audit.AppendAsync(new AuditEvent(AuditActors.Account(account), "staff.oidc.refused:no-" + amr), cancellationToken);
            Refuse(context);
            return;
        }

        // Re-authentication asked the provider for a fresh sign-in (max_age=0): the token must say it happened.
        if (context.Properties.Items.TryGetValue(ReauthenticationItem, out var asked) && asked is not null
            && !(long.TryParse(principal.FindFirst("auth_time")?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var authTime)
                && authTime >= long.Parse(asked, CultureInfo.InvariantCulture) - 60))
        {
            await audit.AppendAsync(new AuditEvent(AuditActors.Account(account), "staff.oidc.refused:not-reauthenticated"), cancellationToken);
            Refuse(context);
            return;
        }

        context.Principal = StaffSignInFlow.Principal(account, SignInMethods.OpenIdConnect);
        await audit.AppendAsync(new AuditEvent(AuditActors.Account(account), "staff.signed-in:" + SignInMethods.OpenIdConnect), cancellationToken);
    }

    /// <summary>
    /// Ends the callback without a sign-in. (A failure result from this event would not stop the handler from
    /// signing in the provider's own identity: only a handled response does.)
    /// </summary>
    private static void Refuse(TicketReceivedContext context)
    {
        context.HandleResponse();
        context.Response.Redirect(Failed);
    }
}
