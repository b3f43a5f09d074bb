using Custodian.Privacy.Abstractions.Access;
using Custodian.Testing;
using OpenQA.Selenium;

namespace Custodian.Browser.Tests;

/// <summary>Staff sign-in in Chromium: enrolment of an authenticator at the first sign-in, the second factor at every one, sessions that end on the server.</summary>
public sealed class StaffSignInTests(RunningApp app) : IClassFixture<RunningApp>
{
    [Fact]
    public async Task An_operator_enrols_an_authenticator_at_the_first_sign_in_and_no_operator_page_opens_without_it()
    {
        var link = await StaffSignIns.AddAsync(app.Host, "ops.first", [Roles.Operator], TestContext.Current.CancellationToken);
        using var browser = Browser.Start();
        var driver = browser.Driver;
        driver.Navigate().GoToUrl(app.Url(link));
        driver.FindElement(By.Id("password")).SendKeys(StaffSignIns.Password);
        driver.FindElement(By.Id("repeated")).SendKeys(StaffSignIns.Password);
        driver.FindElement(By.Id("enrol-submit")).Click();
        var secret = browser.WaitFor(d => d.FindElements(By.Id("totp-secret")).FirstOrDefault()?.Text, "the authenticator key");
        Assert.NotNull(driver.FindElement(By.CssSelector("#totp-qr svg")));

        foreach (var page in new[] { "/operator", "/operator/requests", "/operator/breaches", "/operator/support", "/operator/staff" })
        {
            driver.Navigate().GoToUrl(app.Url(page));
            browser.WaitFor(d => new Uri(d.Url).AbsolutePath == "/account/sign-in", $"{page} sending a password-only visitor to sign in");
        }

        driver.Navigate().GoToUrl(app.Url("/account/staff/authenticator"));
        Assert.Equal(secret, driver.FindElement(By.Id("totp-secret")).Text); // the same key until a code from it is confirmed
        var member = new StaffMember("ops.first", StaffSignIns.Password, secret, []);
        driver.FindElement(By.Id("code")).SendKeys(member.NextCode(app.Clock));
        driver.FindElement(By.Id("authenticator-confirm")).Click();
        browser.WaitFor(d => d.FindElements(By.CssSelector("#recovery-codes code")).Count == 10, "ten recovery codes");
        browser.Screenshot("staff-recovery-codes");
        driver.FindElement(By.Id("continue")).Click();
        browser.WaitFor(d => d.Url.EndsWith("/operator/requests", StringComparison.Ordinal), "the request dashboard");

        driver.FindElement(By.CssSelector("#sign-out button")).Click();
        browser.WaitFor(d => d.FindElements(By.CssSelector("#sign-out button")).Count == 0, "signed out");
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        driver.Navigate().GoToUrl(app.Url("/account/staff"));
        driver.FindElement(By.Id("handle")).SendKeys("ops.first");
        driver.FindElement(By.Id("password")).SendKeys(StaffSignIns.Password);
        driver.FindElement(By.Id("staff-sign-in")).Click();
        browser.WaitFor(d => d.FindElements(By.Id("code")).FirstOrDefault(), "the code step");
        driver.FindElement(By.Id("code")).SendKeys("000000");
        driver.FindElement(By.Id("code-submit")).Click();
        Assert.Contains("The code is wrong", browser.WaitFor(d => d.FindElements(By.Id("code-problem")).FirstOrDefault()?.Text, "the wrong-code message"), StringComparison.Ordinal);
        driver.FindElement(By.Id("code")).SendKeys(member.NextCode(app.Clock));
        driver.FindElement(By.Id("code-submit")).Click();
        browser.WaitFor(d => d.Url.EndsWith("/operator/requests", StringComparison.Ordinal), "the request dashboard after the second sign-in");
        Assert.All(browser.ConsoleErrors(), e => Assert.Contains("/account/staff/code - Failed to load resource: the server responded with a status of 400", e, StringComparison.Ordinal)); // the wrong code's answer
    }

    [Fact]
    public async Task A_session_cookie_saved_before_sign_out_opens_nothing_in_another_browser_afterwards()
    {
        using var browser = await OperatorSession.SignInAsync(app);
        var saved = browser.Driver.Manage().Cookies.GetCookieNamed("custodian.session");
        Assert.NotNull(saved);
        using (var copy = Browser.Start())
        {
            UseCookie(copy, saved);
            copy.Driver.Navigate().GoToUrl(app.Url("/operator/requests"));
            Assert.EndsWith("/operator/requests", copy.Driver.Url, StringComparison.Ordinal); // the copy works while the session lives
        }

        browser.Driver.FindElement(By.CssSelector("#sign-out button")).Click();
        browser.WaitFor(d => d.FindElements(By.CssSelector("#sign-out button")).Count == 0, "signed out");

        using var later = Browser.Start();
        UseCookie(later, saved);
        later.Driver.Navigate().GoToUrl(app.Url("/operator/requests"));
        later.WaitFor(d => new Uri(d.Url).AbsolutePath == "/account/sign-in", "the saved cookie refused");
    }

    private void UseCookie(Browser browser, Cookie cookie)
    {
        browser.Driver.Navigate().GoToUrl(app.Url("/"));
        browser.Driver.Manage().Cookies.AddCookie(new Cookie(cookie.Name, cookie.Value, cookie.Path));
    }
}
