using OpenQA.Selenium;

namespace Custodian.Browser.Tests;

/// <summary>An operator records a breach touching a Finnish and a Russian register, sees the clocks and drafts, and marks a notice sent.</summary>
public sealed class BreachTests(RunningApp app) : IClassFixture<RunningApp>
{
    [Fact]
    public async Task A_recorded_breach_shows_its_statutory_clocks_and_drafts_and_tracks_what_was_sent()
    {
        using var browser = await OperatorSession.SignInAsync(app);
        browser.Driver.Navigate().GoToUrl(app.Url("/operator/breaches"));

        browser.Driver.FindElement(By.Id("nature")).SendKeys("A support mailbox export was sent to a wrong recipient.");
        browser.Driver.FindElement(By.Id("registers")).SendKeys("training marketplace-sellers");
        browser.Driver.FindElement(By.Id("categories")).SendKeys("contact");
        browser.Driver.FindElement(By.Id("subjects")).Clear();
        browser.Driver.FindElement(By.Id("subjects")).SendKeys("1200");
        browser.Driver.FindElement(By.Id("consequences")).SendKeys("Phishing attempts using the leaked addresses.");
        browser.Driver.FindElement(By.Id("measures")).SendKeys("The recipient confirmed deletion.");
        browser.Driver.FindElement(By.Id("breach-submit")).Click();

        browser.WaitFor(d => d.FindElement(By.Id("reference")).Text.StartsWith("BR-", StringComparison.Ordinal), "the breach page");
        Assert.Equal(["GdprAuthority", "RknInitial", "RknInvestigation"], browser.Driver.FindElements(By.CssSelector("#clocks tbody tr")).Select(r => r.GetAttribute("data-notice")));
        Assert.Contains("Роскомнадзор", browser.Driver.FindElement(By.Id("draft-RknInitial")).Text, StringComparison.Ordinal);
        browser.Driver.FindElement(By.Id("sent-RknInitial")).Click();
        browser.WaitFor(d => d.FindElements(By.Id("sent-RknInitial")).Count == 0, "the notice marked sent");
        Assert.Contains("RknInitial notification sent.", browser.Driver.FindElement(By.Id("timeline")).Text, StringComparison.Ordinal);
        browser.Screenshot("breach");
        Assert.Empty(browser.ConsoleErrors());
    }
}
