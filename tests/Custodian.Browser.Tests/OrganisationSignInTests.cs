using Custodian.Identity.Staff;
using Custodian.Privacy.Abstractions.Access;
using Custodian.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;

namespace Custodian.Browser.Tests;

/// <summary>
/// A staff member connects and then signs in with the organisation's account in Chromium: the app on Kestrel, a real OpenIddict provider
/// on loopback with its own sign-in form. Both run on the system clock (the handler checks nonces and token lifetimes against it).
/// </summary>
public sealed class OrganisationSignInTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_staff_member_connects_the_organisation_account_through_the_link_then_signs_in_with_it()
    {
        await using var provider = await LoopbackOpenIdProvider.StartAsync(cancellationToken: Ct);
        await using var host = await CustodianHost.Builder().InEnvironment("Development").OnKestrel()
            .WithSetting("Identity:OpenIdConnect:Staff:Authority", provider.Authority.ToString())
            .WithSetting("Identity:OpenIdConnect:Staff:ClientId", provider.ClientId)
            .WithSetting("Identity:OpenIdConnect:Staff:ClientSecret", provider.ClientSecret)
            .WithSetting("Identity:OpenIdConnect:Staff:DisplayName", "Säätiö ID")
            .BuildAsync(Ct);
        await provider.AllowApplicationAsync(host.BaseAddress, Ct);
        string link;
        await using (var scope = host.Scope())
        {
            link = "/account/enrol/" + await scope.ServiceProvider.GetRequiredService<AddStaffAccount>().AddAsync("coach.olli", [Roles.Operator], StaffSignIn.OpenIdConnect, "cli:test", Ct);
        }

        provider.AddUser("sub-olli", "olli", "Olli Ohjaaja", "olli@example.fi", "idp password 1");
        using var browser = Browser.Start();
        var driver = browser.Driver;
        driver.Navigate().GoToUrl(host.Url(link)); // the first time: the enrolment link binds the organisation account
        driver.FindElement(By.Id("enrol-oidc")).Click();
        browser.WaitFor(d => d.FindElements(By.Id("oidc-username")).FirstOrDefault(), "the provider's sign-in form");
        driver.FindElement(By.Id("oidc-username")).SendKeys("olli");
        driver.FindElement(By.Id("oidc-password")).SendKeys("idp password 1");
        driver.FindElement(By.Id("oidc-sign-in")).Click();
        browser.WaitFor(d => d.Url.EndsWith("/operator/requests", StringComparison.Ordinal), "the request dashboard after enrolling");
        driver.FindElement(By.CssSelector("#sign-out button")).Click();
        browser.WaitFor(d => d.FindElements(By.CssSelector("#sign-out button")).Count == 0, "signed out");

        driver.Navigate().GoToUrl(host.Url("/account/sign-in"));
        driver.FindElement(By.Id("staff-sign-in")).Click();
        browser.WaitFor(d => d.FindElements(By.Id("oidc-sign-in")).FirstOrDefault(), "the organisation button");
        Assert.Contains("Säätiö ID", driver.FindElement(By.Id("oidc-sign-in")).Text, StringComparison.Ordinal);
        driver.FindElement(By.Id("oidc-sign-in")).Click();
        browser.WaitFor(d => d.FindElements(By.Id("oidc-username")).FirstOrDefault(), "the provider's sign-in form");
        Assert.StartsWith(provider.Authority.GetLeftPart(UriPartial.Authority), driver.Url, StringComparison.Ordinal);
        driver.FindElement(By.Id("oidc-username")).SendKeys("olli");
        driver.FindElement(By.Id("oidc-password")).SendKeys("idp password 1");
        driver.FindElement(By.Id("oidc-sign-in")).Click();

        browser.WaitFor(d => d.Url.EndsWith("/operator/requests", StringComparison.Ordinal), "the request dashboard");
        driver.Navigate().GoToUrl(host.Url("/account/sessions"));
        Assert.Contains("organisation account", driver.FindElement(By.Id("sessions")).Text, StringComparison.Ordinal);
        browser.Screenshot("staff-oidc-sessions");
        Assert.DoesNotContain(browser.ConsoleErrors(), e => e.StartsWith(host.BaseAddress.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal)); // the stand-in provider's own page has no favicon
    }
}
