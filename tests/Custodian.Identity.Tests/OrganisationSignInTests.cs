using System.Net;
using Custodian.Privacy.Abstractions.Access;
using Custodian.Testing;
using Custodian.Testing.OpenId;
using static Custodian.Identity.Tests.StaffHost;

namespace Custodian.Identity.Tests;

/// <summary>
/// Staff sign-in through the organisation's OpenID Connect provider (a real OpenIddict server on loopback): code flow
/// with PKCE; the provider account is bound once through the enrolment link, by issuer and subject; a token that fails
/// any check of signature, nonce, audience, lifetime or issuer signs nobody in.
/// The hosts run on the system clock: the handler checks nonces and token lifetimes against it.
/// </summary>
public sealed class OrganisationSignInTests
{
    [Fact]
    public async Task A_staff_member_signs_in_with_the_organisation_account_through_code_flow_with_pkce()
    {
        await using var provider = await LoopbackOpenIdProvider.StartAsync(cancellationToken: Ct);
        await using var host = await StartWithAsync(provider);
        var link = await AddOrganisationAccountAsync(host, "coach.olli", Roles.Operator);
        provider.AddUser("sub-olli", "someone.else", "Olli Ohjaaja", "olli@example.fi", "idp password 1"); // the provider's names do not matter
        provider.AutoApproveAs("sub-olli");
        using var client = host.CreateClient();

        var (authorize, enrolled) = await RunFlowAsync(host, client, link + "?handler=Organisation");
        using var reused = await host.CreateClient().GetAsync(new Uri(link, UriKind.Relative), Ct);
        using var later = host.CreateClient();
        var (_, landing) = await RunFlowAsync(host, later);

        Assert.Contains("code_challenge_method=S256", authorize, StringComparison.Ordinal);
        Assert.Contains("nonce=", authorize, StringComparison.Ordinal);
        Assert.Equal("/account/staff/home", enrolled.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.BadRequest, reused.StatusCode); // the link bound the account once
        Assert.Equal("/account/staff/home", landing.Headers.Location?.OriginalString);
        using var console = await later.GetAsync(new Uri("/operator/requests", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, console.StatusCode);
        var audit = await AuditActionsAsync(host);
        Assert.Contains("account:staff-coach.olli staff.organisation-account-bound", audit);
        Assert.Contains("account:staff-coach.olli session.opened:oidc", audit);
        Assert.DoesNotContain(audit, a => a.Contains("Olli", StringComparison.Ordinal) || a.Contains("olli@", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(TokenTamper.ForeignSignature)]
    [InlineData(TokenTamper.WrongNonce)]
    [InlineData(TokenTamper.WrongAudience)]
    [InlineData(TokenTamper.Expired)]
    [InlineData(TokenTamper.WrongIssuer)]
    public async Task A_tampered_id_token_signs_nobody_in(TokenTamper tamper)
    {
        await using var provider = await LoopbackOpenIdProvider.StartAsync(cancellationToken: Ct);
        await using var host = await StartWithAsync(provider);
        var link = await AddOrganisationAccountAsync(host, "ops.tiina", Roles.Operator);
        provider.AddUser("sub-tiina", "ops.tiina", "Tiina", "tiina@example.fi", "idp password 2");
        provider.AutoApproveAs("sub-tiina");
        provider.Tamper = tamper;
        using var client = host.CreateClient();

        var (_, landing) = await RunFlowAsync(host, client, link + "?handler=Organisation");

        Assert.Equal("/account/staff?failed=oidc", landing.Headers.Location?.OriginalString);
        Assert.DoesNotContain("custodian.session=", client.CookieHeader, StringComparison.Ordinal);
        using var console = await client.GetAsync(new Uri("/operator/requests", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Redirect, console.StatusCode);
        using var page = await client.GetAsync(new Uri("/account/staff?failed=oidc", UriKind.Relative), Ct);
        Assert.Contains("did not succeed", await BodyAsync(page), StringComparison.Ordinal);
        using var stillValid = await client.GetAsync(new Uri(link, UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, stillValid.StatusCode); // nothing was bound: the link still works
    }

    [Fact]
    public async Task A_provider_account_never_bound_here_signs_nobody_in_even_with_a_staff_members_name()
    {
        await using var provider = await LoopbackOpenIdProvider.StartAsync(cancellationToken: Ct);
        await using var host = await StartWithAsync(provider);
        var link = await AddOrganisationAccountAsync(host, "ops.pia", Roles.Operator);
        provider.AddUser("sub-pia", "ops.pia", "Pia", "pia@example.fi", "idp password 3");
        provider.AddUser("sub-mallory", "mallory", "Pia", "pia@example.fi", "idp password 4"); // the same name and e-mail, another person
        provider.AutoApproveAs("sub-pia");
        using (var enrolling = host.CreateClient())
        {
            await RunFlowAsync(host, enrolling, link + "?handler=Organisation");
        }

        provider.AutoApproveAs("sub-mallory");
        using var client = host.CreateClient();

        var (_, landing) = await RunFlowAsync(host, client);

        Assert.Equal("/account/staff?failed=oidc", landing.Headers.Location?.OriginalString);
        Assert.Contains("anonymous staff.oidc.refused:no-account", await AuditActionsAsync(host));
    }

    [Fact]
    public async Task The_provider_must_report_the_second_factor_when_the_deployment_requires_it()
    {
        await using var provider = await LoopbackOpenIdProvider.StartAsync(cancellationToken: Ct);
        await using var host = await StartWithAsync(provider, ("Identity:OpenIdConnect:Staff:RequiredAmr", "mfa"));
        var link = await AddOrganisationAccountAsync(host, "ops.juha", Roles.Operator);
        provider.AddUser("sub-juha", "ops.juha", "Juha", "juha@example.fi", "idp password 5", amr: ["pwd"]);
        provider.AutoApproveAs("sub-juha");
        using var client = host.CreateClient();

        var (_, landing) = await RunFlowAsync(host, client, link + "?handler=Organisation");

        Assert.Equal("/account/staff?failed=oidc", landing.Headers.Location?.OriginalString);
        Assert.Contains("account:staff-ops.juha staff.oidc.refused:no-mfa", await AuditActionsAsync(host));
    }

    [Fact]
    public async Task An_organisation_account_re_authenticates_with_the_provider_before_a_dangerous_action()
    {
        await using var provider = await LoopbackOpenIdProvider.StartAsync(cancellationToken: Ct);
        // The app's clock starts 12 minutes behind the real one: the handler checks nonces and tokens against the real
        // clock, and moving the app's clock to it makes the sign-in 12 minutes old.
        var clock = new SettableClock(TimeProvider.System.GetUtcNow().AddMinutes(-12));
        await using var host = await StartWithAsync(provider, clock);
        var link = await AddOrganisationAccountAsync(host, "admin.oona", Roles.Administrator);
        provider.AddUser("sub-oona", "oona", "Oona", "oona@example.fi", "idp password 6");
        provider.AutoApproveAs("sub-oona");
        using var client = host.CreateClient();
        await RunFlowAsync(host, client, link + "?handler=Organisation");
        clock.Set(TimeProvider.System.GetUtcNow());

        using var stale = await client.PostFormAsync("/operator/staff?handler=EndEveryone", [], tokenFrom: "/operator/staff", cancellationToken: Ct);
        var (authorize, back) = await RunFlowAsync(host, client, "/account/reauthenticate?handler=Organisation&returnUrl=%2Foperator%2Fstaff");
        using var fresh = await client.PostFormAsync("/operator/staff?handler=EndEveryone", [], tokenFrom: "/operator/staff", cancellationToken: Ct);

        Assert.Equal("/account/reauthenticate?returnUrl=%2Foperator%2Fstaff", stale.Headers.Location?.OriginalString);
        Assert.Contains("prompt=login", authorize, StringComparison.Ordinal);
        Assert.Contains("max_age=0", authorize, StringComparison.Ordinal);
        Assert.Equal("/operator/staff", back.Headers.Location?.OriginalString);
        Assert.Contains("Every session but yours has ended.", await BodyAsync(fresh), StringComparison.Ordinal);
        Assert.Contains("account:staff-admin.oona session.ended:replaced", await AuditActionsAsync(host));
    }

    /// <summary>Starts the app's challenge, lets the provider answer (auto-approved), and returns the app's answer to the callback.</summary>
    private static async Task<(string Authorize, HttpResponseMessage Landing)> RunFlowAsync(CustodianHost host, CustodianClient client, string start = "/account/staff/organisation")
    {
        using var challenge = await client.GetAsync(new Uri(start, UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var authorize = challenge.Headers.Location!.AbsoluteUri;
        using var idp = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var answer = await idp.GetAsync(new Uri(authorize), Ct);
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        var back = answer.Headers.Location!;
        Assert.Equal(host.BaseAddress.Authority, back.Authority);
        return (authorize, await client.GetAsync(new Uri(back.PathAndQuery, UriKind.Relative), Ct));
    }

    private static Task<CustodianHost> StartWithAsync(LoopbackOpenIdProvider provider, params (string Key, string Value)[] extra) => StartWithAsync(provider, null, extra);

    private static async Task<CustodianHost> StartWithAsync(LoopbackOpenIdProvider provider, TimeProvider? clock, params (string Key, string Value)[] extra)
    {
        var builder = (clock is null ? CustodianHost.Builder() : CustodianHost.Builder().WithClock(clock))
            .WithSetting("Identity:OpenIdConnect:Staff:Authority", provider.Authority.ToString())
            .WithSetting("Identity:OpenIdConnect:Staff:ClientId", provider.ClientId)
            .WithSetting("Identity:OpenIdConnect:Staff:ClientSecret", provider.ClientSecret)
            .WithSetting("Identity:OpenIdConnect:Staff:DisplayName", "Säätiö ID");
        foreach (var (key, value) in extra)
        {
            builder = builder.WithSetting(key, value);
        }

        var host = await builder.Started().BuildAsync(Ct);
        await provider.AllowApplicationAsync(host.BaseAddress, Ct);
        return host;
    }

    /// <summary>Adds an OpenID Connect account as <c>custodian staff add --oidc</c> does; returns its enrolment link's path.</summary>
    private static async Task<string> AddOrganisationAccountAsync(CustodianHost host, string handle, string role)
    {
        await using var scope = host.Scope();
        return "/account/enrol/" + await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Staff.AddStaffAccount>(scope.ServiceProvider)
            .AddAsync(handle, [role], Staff.StaffSignIn.OpenIdConnect, "cli:test", Ct);
    }
}
