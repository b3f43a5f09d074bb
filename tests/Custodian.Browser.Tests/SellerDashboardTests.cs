using System.Globalization;
using Custodian.Modules.Marketplace.Collection;
using Custodian.Modules.Marketplace.Dashboards;
using Custodian.Modules.Marketplace.Sellers;
using Custodian.Simulators.Wildberries;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;

namespace Custodian.Browser.Tests;

/// <summary>A seller with a Wildberries and an Ozon account, both collected from the stand-ins, reads the dashboards.</summary>
public sealed class SellerDashboardTests(RunningAppWithMarketplace app) : IClassFixture<RunningAppWithMarketplace>
{
    private const long TelegramUser = 616_161;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("ru")]
    [InlineData("en")]
    public async Task The_overview_shows_the_collected_numbers_in_the_sellers_language_and_follows_the_date_range(string language)
    {
        var (sellerId, _) = await CollectedSellerAsync();
        using var browser = Browser.Start();
        app.SignInWithTelegram(browser, TelegramUser);
        browser.WaitFor(d => d.FindElement(By.Id("seller-email")).Displayed, "the seller page");
        browser.Driver.FindElement(By.CssSelector($"#culture option[value='{language}']")).Click();
        browser.WaitFor(d => d.FindElement(By.TagName("html")).GetAttribute("lang") == language ? true : (bool?)null, "the page in " + language);

        browser.Driver.FindElement(By.Id("open-dashboards")).Click();
        browser.WaitFor(d => d.FindElements(By.CssSelector(".chart[data-drawn=true]")).Count == 2 ? true : (bool?)null, "both overview charts drawn");
        var thirty = Kpis(browser);
        browser.Screenshot($"dashboard-overview-{language}");
        browser.Driver.ExecuteScript("document.getElementById('widget-orders-and-sales').scrollIntoView()");
        browser.Screenshot($"dashboard-overview-{language}-charts");
        browser.Driver.FindElement(By.CssSelector(".preset[data-preset='7d']")).Click();
        browser.WaitFor(d => d.Url.Contains("period=7d", StringComparison.Ordinal) ? true : (bool?)null, "the 7-day period");
        var seven = Kpis(browser);

        var expected = await OverviewAsync(sellerId, DashboardFilter.Parse(name => name == "period" ? "30d" : null, Today));
        Assert.Equal(expected.Totals.Orders, thirty["orders"]);
        Assert.Equal(expected.Totals.Sales, thirty["sales"]);
        Assert.Equal(expected.Totals.Revenue, thirty["revenue"]);
        Assert.Equal(expected.Totals.Payout, thirty["payout"]);
        Assert.True(thirty["orders"] > 0 && thirty["sales"] > 0, "the stand-ins' orders and sales are on the page");
        Assert.InRange(seven["orders"], 1, thirty["orders"] - 1);
        var revenueText = browser.Driver.FindElement(By.CssSelector("#kpi-revenue .kpi-value")).Text;
        if (language == "ru")
        {
            Assert.Matches(@"^\d{1,3}( \d{3})*,\d\d ₽$", revenueText.Replace('\u00a0', ' ')); // 1 234 567,89 ₽
            Assert.Contains("Выручка", browser.Driver.PageSource, StringComparison.Ordinal);
        }
        else
        {
            Assert.Matches(@"^\d{1,3}(,\d{3})*\.\d\d ₽$", revenueText.Replace('\u00a0', ' '));
        }

        Assert.Empty(browser.ConsoleErrors());
    }

    [Fact]
    public async Task A_bad_range_is_explained_and_another_sellers_account_is_not_found()
    {
        await CollectedSellerAsync();
        using var browser = Browser.Start();
        app.SignInWithTelegram(browser, TelegramUser);
        browser.WaitFor(d => d.FindElement(By.Id("seller-email")).Displayed, "the seller page");

        browser.Driver.Navigate().GoToUrl(app.Url("/seller/dashboards/overview?period=custom&from=2026-11-10&to=2026-11-01"));
        var error = browser.WaitFor(d => d.FindElement(By.Id("filter-error")), "the filter error").Text;
        browser.Driver.Navigate().GoToUrl(app.Url("/seller/dashboards/overview?account=" + Guid.NewGuid()));
        var notFound = browser.Driver.PageSource;

        Assert.False(string.IsNullOrWhiteSpace(error));
        Assert.DoesNotContain("kpi-orders", notFound, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_account_whose_key_was_refused_is_named_above_the_numbers_collected_before()
    {
        var (_, accounts) = await CollectedSellerAsync();
        await SetStatusAsync(accounts[1], Custodian.Modules.Marketplace.Accounts.AccountStatus.KeyRejected);
        try
        {
            using var browser = Browser.Start();
            app.SignInWithTelegram(browser, TelegramUser);
            browser.WaitFor(d => d.FindElement(By.Id("seller-email")).Displayed, "the seller page");

            browser.Driver.Navigate().GoToUrl(app.Url("/seller/dashboards/overview?account=" + accounts[1]));

            var notice = browser.WaitFor(d => d.FindElement(By.CssSelector(".key-rejected")), "the refused key's notice").Text;
            Assert.Contains("Ozon", notice, StringComparison.Ordinal);
            Assert.True(decimal.Parse(browser.Driver.FindElement(By.Id("kpi-orders")).GetAttribute("data-value")!, CultureInfo.InvariantCulture) > 0, "the numbers collected before stay");
        }
        finally
        {
            await SetStatusAsync(accounts[1], Custodian.Modules.Marketplace.Accounts.AccountStatus.Active);
        }
    }

    private async Task SetStatusAsync(Guid account, Custodian.Modules.Marketplace.Accounts.AccountStatus status)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Custodian.Modules.Marketplace.MarketplaceDb>();
        var record = await db.Accounts.FindAsync([account], Ct);
        record!.Status = status;
        await db.SaveChangesAsync(Ct);
    }

    private static DateOnly Today => DateOnly.FromDateTime(RunningApp.Today.UtcDateTime.AddHours(3));

    private static Dictionary<string, decimal> Kpis(Browser browser) =>
        browser.Driver.FindElements(By.CssSelector(".kpi")).ToDictionary(k => k.GetAttribute("id")![4..], k => decimal.Parse(k.GetAttribute("data-value")!, CultureInfo.InvariantCulture));

    private Task<Overview> OverviewAsync(Guid sellerId, DashboardFilter filter) => app.OverviewAsync(sellerId, filter);

    private Task<(Guid SellerId, IReadOnlyList<Guid> Accounts)> CollectedSellerAsync() => app.CollectedSellerAsync(TelegramUser, "dashboards@example.ru", 61, 62);
}
