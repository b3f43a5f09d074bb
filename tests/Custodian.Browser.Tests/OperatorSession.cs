using Custodian.Identity.Staff;
using Custodian.Privacy.Abstractions.Access;
using Custodian.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;

namespace Custodian.Browser.Tests;

/// <summary>
/// A browser signed in to the operator console the way a new operator does it: the enrolment link printed by
/// <c>custodian staff add</c>, a password, the authenticator key typed into "the app", one code, the recovery codes.
/// </summary>
internal static class OperatorSession
{
    private static int _people;

    public static async Task<Browser> SignInAsync(RunningApp app, string role = Roles.Operator)
    {
        var handle = "ops.browser" + Interlocked.Increment(ref _people);
        var link = await StaffSignIns.AddAsync(app.Host, handle, [role], TestContext.Current.CancellationToken);
        var browser = Browser.Start();
        Enrol(browser, app, link);
        browser.WaitFor(d => d.Url.EndsWith(role == Roles.Operator ? "/operator/requests" : "/operator/staff", StringComparison.Ordinal), "the console");
        return browser;
    }

    /// <summary>Opens the enrolment link and goes through every step; ends on the page after the recovery codes.</summary>
    public static StaffMember Enrol(Browser browser, RunningApp app, string link)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var driver = browser.Driver;
        driver.Navigate().GoToUrl(app.Url(link));
        var handle = driver.FindElement(By.Id("staff-handle")).Text;
        driver.FindElement(By.Id("password")).SendKeys(StaffSignIns.Password);
        driver.FindElement(By.Id("repeated")).SendKeys(StaffSignIns.Password);
        driver.FindElement(By.Id("enrol-submit")).Click();
        var secret = browser.WaitFor(d => d.FindElements(By.Id("totp-secret")).FirstOrDefault()?.Text, "the authenticator key");
        var member = new StaffMember(handle, StaffSignIns.Password, secret, []);
        driver.FindElement(By.Id("code")).SendKeys(member.NextCode(app.Clock));
        driver.FindElement(By.Id("authenticator-confirm")).Click();
        browser.WaitFor(d => d.FindElements(By.Id("recovery-codes")).FirstOrDefault(), "the recovery codes");
        member.RecoveryCodes = driver.FindElements(By.CssSelector("#recovery-codes code")).Select(c => c.Text).ToList();
        driver.FindElement(By.Id("continue")).Click();
        return member;
    }
}
