using System.Globalization;
using Custodian.Modules.Marketplace.Accounts;
using Custodian.Modules.Marketplace.Collection;
using Custodian.Modules.Marketplace.Dashboards;
using Custodian.Modules.Marketplace.Sellers;
using Custodian.Simulators.Wildberries;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;

namespace Custodian.Browser.Tests;

/// <summary>A seller with a Wildberries and an Ozon account reads the Funnel, Geography and Reviews pages.</summary>
public sealed class SellerFunnelGeographyReviewsTests(RunningAppWithMarketplace app) : IClassFixture<RunningAppWithMarketplace>
{
    private const long TelegramUser = 626_262;
    private const int WildberriesSeed = 81;
    private const int OzonSeed = 82;

    private static readonly string[] Datasets = ["wb-funnel", "wb-cards", "wb-orders", "wb-sales", "wb-feedbacks", "ozon-analytics", "ozon-products", "ozon-fbo", "ozon-fbs", "ozon-reviews", "ozon-rating"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateOnly Today => DateOnly.FromDateTime(RunningApp.Today.UtcDateTime.AddHours(3));

    [Theory]
    [InlineData("ru")]
    [InlineData("en")]
    public async Task The_funnel_shows_the_collected_steps_in_the_sellers_language_and_follows_the_period(string language)
    {
        var (sellerId, _) = await CollectedSellerAsync();
        using var browser = SignedIn(language);

        browser.Driver.Navigate().GoToUrl(app.Url("/seller/dashboards/funnel"));
        Drawn(browser, 2, "the funnel's charts");
        var thirty = Kpis(browser);
        browser.Screenshot($"dashboard-funnel-{language}");
        browser.Driver.FindElement(By.CssSelector(".preset[data-preset='7d']")).Click();
        browser.WaitFor(d => d.Url.Contains("period=7d", StringComparison.Ordinal) ? true : (bool?)null, "the 7-day period");
        Drawn(browser, 2, "the funnel's charts for 7 days");
        var seven = Kpis(browser);

        var expected = await InScopeAsync(async (sp, accounts) => await sp.GetRequiredService<FunnelQuery>().RunAsync(accounts, Filter("30d"), Ct), sellerId);
        Assert.Equal(expected.Totals.Orders, thirty["orders"]);
        Assert.Equal(expected.Totals.Views, (long?)thirty["views"]);
        Assert.Equal(expected.Totals.Buyouts, (long?)thirty["buyouts"]);
        Assert.True(thirty["views"] > 0 && thirty["orders"] > 0 && thirty["buyouts"] > 0, "the stand-ins' funnel is on the page");
        Assert.InRange(seven["orders"], 1, thirty["orders"] - 1);
        Assert.Contains(language == "ru" ? "Просмотры карточки" : "Card views", browser.Driver.PageSource, StringComparison.Ordinal);
        Assert.NotEmpty(browser.Driver.FindElements(By.Id("ozon-no-buyouts")));
        Assert.Empty(browser.ConsoleErrors());
    }

    [Theory]
    [InlineData("ru")]
    [InlineData("en")]
    public async Task Geography_places_orders_by_district_and_region_and_follows_the_marketplace_filter(string language)
    {
        var (sellerId, _) = await CollectedSellerAsync();
        using var browser = SignedIn(language);

        browser.Driver.Navigate().GoToUrl(app.Url("/seller/dashboards/geography"));
        Drawn(browser, 2, "the district and region charts");
        var all = Kpis(browser);
        browser.Screenshot($"dashboard-geography-{language}");
        browser.Driver.ExecuteScript("document.getElementById('widget-top-regions').scrollIntoView()");
        browser.Screenshot($"dashboard-geography-{language}-regions");
        browser.Driver.FindElement(By.CssSelector("#filter-marketplace option[value='wb']")).Click();
        browser.Driver.FindElement(By.CssSelector("#dashboard-filters button[type=submit]")).Click();
        browser.WaitFor(d => d.Url.Contains("marketplace=wb", StringComparison.Ordinal) ? true : (bool?)null, "Wildberries only");
        Drawn(browser, 2, "the charts of Wildberries only");
        var wildberries = Kpis(browser);

        var expected = await InScopeAsync(async (sp, accounts) => await sp.GetRequiredService<GeographyQuery>().RunAsync(accounts, Filter("30d"), Ct), sellerId);
        var expectedWildberries = await InScopeAsync(async (sp, accounts) => await sp.GetRequiredService<GeographyQuery>().RunAsync([.. accounts.Where(a => a.Marketplace == MarketplaceKind.Wildberries)], Filter("30d"), Ct), sellerId);
        Assert.Equal(expected.Orders, all["orders"]);
        Assert.Equal(expected.Sales, all["sales"]);
        Assert.Equal(expectedWildberries.Orders, wildberries["orders"]);
        Assert.InRange(wildberries["orders"], 1, all["orders"] - 1);
        Assert.Contains(language == "ru" ? "Федеральный округ" : "Federal district", browser.Driver.PageSource, StringComparison.Ordinal);
        Assert.Empty(browser.ConsoleErrors());
    }

    [Theory]
    [InlineData("ru")]
    [InlineData("en")]
    public async Task Reviews_show_ratings_and_the_latest_unanswered_texts_which_the_download_leaves_out(string language)
    {
        var (sellerId, _) = await CollectedSellerAsync();
        using var browser = SignedIn(language);

        browser.Driver.Navigate().GoToUrl(app.Url("/seller/dashboards/reviews"));
        Drawn(browser, 3, "the rating, daily and stars charts");
        var thirty = Kpis(browser);
        browser.Screenshot($"dashboard-reviews-{language}");
        browser.Driver.ExecuteScript("document.getElementById('widget-unanswered').scrollIntoView()");
        browser.Screenshot($"dashboard-reviews-{language}-unanswered");
        var shown = browser.Driver.FindElements(By.CssSelector("#table-unanswered td.review-text")).Select(e => e.Text).ToList();
        var csv = (string?)browser.Driver.ExecuteAsyncScript("const done = arguments[arguments.length - 1]; fetch(document.querySelector('#widget-unanswered .export-csv').href).then(r => r.text()).then(done);") ?? string.Empty;
        browser.Driver.FindElement(By.CssSelector(".preset[data-preset='7d']")).Click();
        browser.WaitFor(d => d.Url.Contains("period=7d", StringComparison.Ordinal) ? true : (bool?)null, "the 7-day period");
        var seven = Kpis(browser);

        var expected = await InScopeAsync(async (sp, accounts) => await sp.GetRequiredService<ReviewsQuery>().RunAsync(accounts, Filter("30d"), Ct), sellerId);
        var texts = app.Wildberries.Seller(WildberriesSeed).FeedbacksAt(app.Wildberries.NowMoscow).Select(f => f.Text)
            .Concat(app.Ozon.Seller(OzonSeed).ReviewsAt(app.Ozon.NowUtc).Select(r => r.Text)).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(expected.Reviews, thirty["reviews"]);
        Assert.Equal(expected.Unanswered, thirty["unanswered"]);
        Assert.Equal(expected.AverageRating, thirty["average"]);
        Assert.True(thirty["reviews"] > 0 && thirty["unanswered"] > 0, "the stand-ins' reviews are on the page");
        Assert.InRange(seven["reviews"], 1, thirty["reviews"] - 1);
        Assert.Equal(expected.LatestUnanswered.Count, shown.Count);
        Assert.All(shown, text => Assert.Contains(text, texts));
        Assert.All(texts, text => Assert.DoesNotContain(text, csv, StringComparison.Ordinal));
        Assert.True(expected.LatestUnanswered.Count + 1 == csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Length, csv);
        Assert.NotEmpty(browser.Driver.FindElements(By.CssSelector("#widget-ozon-rating table tbody tr")));
        Assert.Contains(language == "ru" ? "Средняя оценка" : "Average rating", browser.Driver.PageSource, StringComparison.Ordinal);
        Assert.Empty(browser.ConsoleErrors());
    }

    [Fact]
    public async Task An_unknown_sku_is_an_explained_empty_page_and_another_sellers_account_is_not_found()
    {
        await CollectedSellerAsync();
        var stranger = await StrangersAccountAsync();
        using var browser = SignedIn("en");

        foreach (var (page, empty) in new[] { ("funnel", "funnel-empty"), ("geography", "geography-empty"), ("reviews", "reviews-empty") })
        {
            browser.Driver.Navigate().GoToUrl(app.Url($"/seller/dashboards/{page}?sku=999999999"));
            var notice = browser.WaitFor(d => d.FindElement(By.Id(empty)), $"the {page} page's empty state").Text;
            browser.Screenshot($"dashboard-{page}-empty");
            Assert.Empty(browser.ConsoleErrors());
            var status = Status(browser, $"/seller/dashboards/{page}?account={stranger}");
            var exportStatus = Status(browser, $"/seller/dashboards/{page}?account={stranger}&handler=Export&table=districts&format=csv");

            Assert.False(string.IsNullOrWhiteSpace(notice));
            Assert.Empty(browser.Driver.FindElements(By.CssSelector(".chart[data-drawn=true]")));
            Assert.Equal(404, status);
            Assert.Equal(404, exportStatus);
            _ = browser.ConsoleErrors(); // the two 404s just asked for, logged by the browser
        }
    }

    private Browser SignedIn(string language)
    {
        var browser = Browser.Start();
        app.SignInWithTelegram(browser, TelegramUser);
        browser.WaitFor(d => d.FindElement(By.Id("seller-email")).Displayed, "the seller page");
        browser.Driver.FindElement(By.CssSelector($"#culture option[value='{language}']")).Click();
        browser.WaitFor(d => d.FindElement(By.TagName("html")).GetAttribute("lang") == language ? true : (bool?)null, "the page in " + language);
        return browser;
    }

    private static void Drawn(Browser browser, int charts, string what) =>
        browser.WaitFor(d => d.FindElements(By.CssSelector(".chart[data-drawn=true]")).Count == charts ? true : (bool?)null, what);

    /// <summary>The HTTP status of a page as the signed-in browser gets it.</summary>
    private int Status(Browser browser, string path) =>
        Convert.ToInt32(browser.Driver.ExecuteAsyncScript("const done = arguments[arguments.length - 1]; fetch(arguments[0]).then(r => done(r.status));", app.Url(path).ToString()), CultureInfo.InvariantCulture);

    private static Dictionary<string, decimal> Kpis(Browser browser) =>
        browser.Driver.FindElements(By.CssSelector(".kpi")).Where(k => k.GetAttribute("data-value") is { Length: > 0 })
            .ToDictionary(k => k.GetAttribute("id")![4..], k => decimal.Parse(k.GetAttribute("data-value")!, CultureInfo.InvariantCulture));

    private static DashboardFilter Filter(string period) => DashboardFilter.Parse(name => name == "period" ? period : null, Today);

    private async Task<T> InScopeAsync<T>(Func<IServiceProvider, IReadOnlyList<DashboardAccount>, Task<T>> work, Guid sellerId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var accounts = await scope.ServiceProvider.GetRequiredService<DashboardScope>().VisibleAsync(sellerId, Ct);
        return await work(scope.ServiceProvider, accounts);
    }

    /// <summary>An account of another seller (who shares no team with ours).</summary>
    private async Task<Guid> StrangersAccountAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var seller = await scope.ServiceProvider.GetRequiredService<AddSeller>().AddAsync($"stranger.{Guid.NewGuid():N}@example.ru", null, "operator", true, Ct);
        var account = await scope.ServiceProvider.GetRequiredService<ConnectMarketplaceAccount>()
            .ConnectWildberriesAsync(seller.Id, app.Wildberries.Tokens.Issue(83, WildberriesCategories.All, RunningApp.Today.AddDays(90)), Ct);
        return account.Id;
    }

    private Task<(Guid SellerId, IReadOnlyList<Guid> Accounts)> CollectedSellerAsync() => app.CollectedSellerAsync(TelegramUser, "insights@example.ru", WildberriesSeed, OzonSeed, Datasets);
}
