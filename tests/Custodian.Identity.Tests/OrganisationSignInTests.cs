using System.Net;
using Custodian.Privacy.Abstractions.Access;
using Custodian.Testing;
using Custodian.Testing.OpenId;
using static Custodian.Identity.Tests.StaffHost;

namespace Custodian.Identity.Tests;

/// <summary>
/// Staff sign-in through the organisation's OpenID Connect provider (a real OpenIddict server on loopback): code flow
/// with PKCE, and a token that fails any check of signature, nonce, audience, lifetime or issuer signs nobody in.
/// The hosts run on the system clock: the handler checks nonces and token lifetimes against it.
/// </summary>
public sealed class OrganisationSignInTests
{
    [Fact]
    public async Task A_staff_member_signs_in_with_the_organisation_account_through_code_flow_with_pkce()
    {
        await using var provider = await LoopbackOpenIdProvider.StartAsync(cancellationToken: Ct);
        await using var host = await StartWithAsync(provider);
        await AddOrganisationAccountAsync(host, "coach.olli", Roles.Operator);
        provider.AddUser("sub-olli", "coach.olli", "Olli Ohjaaja", "olli@example.fi", "idp password 1");
        provider.AutoApproveAs("sub-olli");
        using var client = host.CreateClient();

        var (authorize, landing) = await RunFlowAsync(host, client);

        Assert.Contains("code_challenge_method=S256", authorize, StringComparison.Ordinal);
        Assert.Contains("nonce=", authorize, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, landing.StatusCode);
        Assert.Equal("/account/staff/home", landing.Headers.Location?.OriginalString);
        using var console = await client.GetAsync(new Uri("/operator/requests", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, console.StatusCode);
        var audit = await AuditActionsAsync(host);
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
        await AddOrganisationAccountAsync(host, "ops.tiina", Roles.Operator);
        provider.AddUser("sub-tiina", "ops.tiina", "Tiina", "tiina@example.fi", "idp password 2");
        provider.AutoApproveAs("sub-tiina");
        provider.Tamper = tamper;
        using var client = host.CreateClient();

        var (_, landing) = await RunFlowAsync(host, client);

        Assert.Equal("/account/staff?failed=oidc", landing.Headers.Location?.OriginalString);
        Assert.DoesNotContain("custodian.session=", client.CookieHeader, StringComparison.Ordinal);
        using var console = await client.GetAsync(new Uri("/operator/requests", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Redirect, console.StatusCode);
        using var page = await client.GetAsync(new Uri("/account/staff?failed=oidc", UriKind.Relative), Ct);
        Assert.Contains("did not succeed", await BodyAsync(page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_organisation_account_without_a_staff_account_here_or_for_a_password_account_signs_nobody_in()
    {
        await using var provider = await LoopbackOpenIdProvider.StartAsync(cancellationToken: Ct);
        await using var host = await StartWithAsync(provider);
        using (var enrolling = host.CreateClient())
        {
            await StaffSignIns.EnrolAsync(host, enrolling, "ops.pia", [Roles.Operator], Ct); // a password account
        }

        provider.AddUser("sub-pia", "ops.pia", "Pia", "pia@example.fi", "idp password 3");
        provider.AddUser("sub-stranger", "someone.else", "Someone", "someone@example.fi", "idp password 4");
        foreach (var subject in new[] { "sub-pia", "sub-stranger" })
        {
            provider.AutoApproveAs(subject);
            using var client = host.CreateClient();

            var (_, landing) = await RunFlowAsync(host, client);

            Assert.Equal("/account/staff?failed=oidc", landing.Headers.Location?.OriginalString);
        }

        Assert.Equal(2, (await AuditActionsAsync(host)).Count(a => a == "anonymous staff.oidc.refused:no-account"));
    }

    [Fact]
    public async Task The_provider_must_report_the_second_factor_when_the_deployment_requires_it()
    {
        await using var provider = await LoopbackOpenIdProvider.StartAsync(cancellationToken: Ct);
        await using var host = await StartWithAsync(provider, ("Identity:OpenIdConnect:Staff:RequiredAmr", "mfa"));
        await AddOrganisationAccountAsync(host, "ops.juha", Roles.Operator);
        provider.AddUser("sub-juha", "ops.juha", "Juha", "juha@example.fi", "idp password 5", amr: ["pwd"]);
        provider.AutoApproveAs("sub-juha");
        using var client = host.CreateClient();

        var (_, landing) = await RunFlowAsync(host, client);

        Assert.Equal("/account/staff?failed=oidc", landing.Headers.Location?.OriginalString);
        Assert.Contains("account:staff-ops.juha staff.oidc.refused:no-mfa", await AuditActionsAsync(host));
    }

    /// <summary>Starts the app's challenge, lets the provider answer (auto-approved), and returns the app's answer to the callback.</summary>
    private static async Task<(string Authorize, HttpResponseMessage Landing)> RunFlowAsync(CustodianHost host, CustodianClient client)
    {
        using var challenge = await client.GetAsync(new Uri("/account/staff/organisation", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var authorize = challenge.Headers.Location!.AbsoluteUri;
        using var idp = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var answer = await idp.GetAsync(new Uri(authorize), Ct);
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        var back = answer.Headers.Location!;
        Assert.Equal(host.BaseAddress.Authority, back.Authority);
        return (authorize, await client.GetAsync(new Uri(back.PathAndQuery, UriKind.Relative), Ct));
    }

    private static async Task<CustodianHost> StartWithAsync(LoopbackOpenIdProvider provider, params (string Key, string Value)[] extra)
    {
        var builder = CustodianHost.Builder()
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

    private static async Task AddOrganisationAccountAsync(CustodianHost host, string handle, string role)
    {
        await using var scope = host.Scope();
        await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Staff.AddStaffAccount>(scope.ServiceProvider)
            .AddAsync(handle, [role], Staff.StaffSignIn.OpenIdConnect, "cli:test", Ct);
    }
}
