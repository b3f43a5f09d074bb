using OpenQA.Selenium;

namespace Custodian.Browser.Tests;

public sealed class HomeAndLanguageTests(RunningApp app) : IClassFixture<RunningApp>
{
    [Fact]
    public void A_visitor_opens_the_home_page_and_switches_to_finnish()
    {
        using var browser = Browser.Start();
        var driver = browser.Driver;

        driver.Navigate().GoToUrl(app.Url("/"));

        Assert.Equal("Home · Custodian", driver.Title);
        Assert.Equal("Personal data, kept as promised", driver.FindElement(By.TagName("h1")).Text);
        Assert.Equal(
            ["Marketplace analytics", "Card training", "Client guidance", "Privacy centre"], // the enabled modules with pages in the navigation, then the kernel
            driver.FindElements(By.CssSelector("header nav a")).Select(a => a.Text));
        Assert.False(driver.FindElement(By.CssSelector(".language-apply")).Displayed, "with script the select submits itself");
        browser.Screenshot("home-en");

        driver.FindElement(By.CssSelector("#culture option[value='fi']")).Click();

        browser.WaitFor(d => d.FindElement(By.TagName("html")).GetAttribute("lang") == "fi", "the Finnish page");
        Assert.Equal("Henkilötiedot, säilytettyinä kuten luvattiin", driver.FindElement(By.TagName("h1")).Text);
        Assert.Equal(app.Url("/").ToString(), driver.Url);
        browser.Screenshot("home-fi");
        Assert.Empty(browser.ConsoleErrors());
    }

    [Fact]
    public void The_chosen_language_stays_while_moving_between_services()
    {
        using var browser = Browser.Start();
        var driver = browser.Driver;
        driver.Navigate().GoToUrl(app.Url("/privacy"));

        driver.FindElement(By.CssSelector("#culture option[value='ru']")).Click();
        browser.WaitFor(d => d.FindElement(By.TagName("html")).GetAttribute("lang") == "ru", "the Russian page");
        Assert.Equal(app.Url("/privacy").ToString(), driver.Url);
        driver.FindElement(By.CssSelector("a[data-nav='marketplace']")).Click();

        browser.WaitFor(d => d.Url.EndsWith("/marketplace", StringComparison.Ordinal), "the marketplace page");
        Assert.Equal("Аналитика маркетплейсов", driver.FindElement(By.TagName("h1")).Text);
        browser.Screenshot("marketplace-ru");
    }

    [Fact]
    public void A_mistyped_address_shows_a_friendly_page_with_a_way_back()
    {
        using var browser = Browser.Start();
        var driver = browser.Driver;

        driver.Navigate().GoToUrl(app.Url("/no-such-page"));

        Assert.Equal("Page not found", driver.FindElement(By.TagName("h1")).Text);
        driver.FindElement(By.LinkText("Back to the home page")).Click();
        browser.WaitFor(d => d.Url == app.Url("/").ToString(), "the home page");
    }

    [Fact]
    public void Each_service_page_is_reachable_from_the_navigation()
    {
        using var browser = Browser.Start();
        var driver = browser.Driver;
        driver.Navigate().GoToUrl(app.Url("/"));

        foreach (var (nav, heading) in new[] { ("marketplace", "Marketplace analytics"), ("privacy", "Privacy centre") })
        {
            driver.FindElement(By.CssSelector($"a[data-nav='{nav}']")).Click();
            browser.WaitFor(d => d.FindElement(By.TagName("h1")).Text == heading, heading);
        }

        Assert.Empty(browser.ConsoleErrors());
    }
}
