using Custodian.Identity.Staff;
using Custodian.Privacy.Abstractions.Access;
using Custodian.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;

namespace Custodian.Browser.Tests;

/// <summary>
/// A staff member signs in with the organisation's account in Chromium: the app on Kestrel, a real OpenIddict provider
/// on loopback with its own sign-in form. Both run on the system clock (the handler checks nonces and token lifetimes against it).
/// </summary>
public sealed class OrganisationSignInTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_staff_member_signs_in_through_the_organisations_provider_and_lands_in_the_console()
    {
        await using var provider = await LoopbackOpenIdProvider.StartAsync(cancellationToken: Ct);
        await using var host = await CustodianHost.Builder().InEnvironment("Development").OnKestrel()
            .WithSetting("Identity:OpenIdConnect:Staff:Authority", provider.Authority.ToString())
            .WithSetting("Identity:OpenIdConnect:Staff:ClientId", provider.ClientId)
            .WithSetting("Identity:OpenIdConnect:Staff:ClientSecret", provider.ClientSecret)
            .WithSetting("Identity:OpenIdConnect:Staff:DisplayName", "Säätiö ID")
            .BuildAsync(Ct);
        await provider.AllowApplicationAsync(host.BaseAddress, Ct);
        await using (var scope = host.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<AddStaffAccount>().AddAsync("coach.olli", [Roles.Operator], StaffSignIn.OpenIdConnect, "cli:test", Ct);
        }

        provider.AddUser("sub-olli", "coach.olli", "Olli Ohjaaja", "olli@example.fi", "idp password 1");
        using var browser = Browser.Start();
        var driver = browser.Driver;

        driver.Navigate().GoToUrl(host.Url("/account/sign-in"));
        driver.FindElement(By.Id("staff-sign-in")).Click();
        browser.WaitFor(d => d.FindElements(By.Id("oidc-sign-in")).FirstOrDefault(), "the organisation button");
        Assert.Contains("Säätiö ID", driver.FindElement(By.Id("oidc-sign-in")).Text, StringComparison.Ordinal);
        driver.FindElement(By.Id("oidc-sign-in")).Click();
        browser.WaitFor(d => d.FindElements(By.Id("oidc-username")).FirstOrDefault(), "the provider's sign-in form");
        Assert.StartsWith(provider.Authority.GetLeftPart(UriPartial.Authority), driver.Url, StringComparison.Ordinal);
        driver.FindElement(By.Id("oidc-username")).SendKeys("coach.olli");
        driver.FindElement(By.Id("oidc-password")).SendKeys("idp password 1");
        driver.FindElement(By.Id("oidc-sign-in")).Click();

        browser.WaitFor(d => d.Url.EndsWith("/operator/requests", StringComparison.Ordinal), "the request dashboard");
        driver.Navigate().GoToUrl(host.Url("/account/sessions"));
        Assert.Contains("organisation account", driver.FindElement(By.Id("sessions")).Text, StringComparison.Ordinal);
        browser.Screenshot("staff-oidc-sessions");
        Assert.DoesNotContain(browser.ConsoleErrors(), e => e.StartsWith(host.BaseAddress.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal)); // the stand-in provider's own page has no favicon
    }
}
