using System.Globalization;
using Custodian.Modules.Marketplace.Accounts;
using Custodian.Modules.Marketplace.Collection;
using Custodian.Modules.Marketplace.Dashboards;
using Custodian.Modules.Marketplace.Sellers;
using Custodian.Simulators.Wildberries;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;

namespace Custodian.Browser.Tests;

/// <summary>A seller with a Wildberries and an Ozon account reads the Products and Stocks pages and sets a low-stock threshold.</summary>
public sealed class SellerProductsAndStocksTests(RunningAppWithMarketplace app) : IClassFixture<RunningAppWithMarketplace>
{
    private const long TelegramUser = 737_373;
    private const int WildberriesSeed = 73;
    private const int OzonSeed = 74;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("ru")]
    [InlineData("en")]
    public async Task Products_add_up_to_the_overview_sort_search_and_page_in_the_url_and_follow_the_period(string language)
    {
        var (sellerId, _) = await CollectedSellerAsync();
        using var browser = SignedIn(language);

        browser.Driver.Navigate().GoToUrl(app.Url("/seller/dashboards/products"));
        browser.WaitFor(d => d.FindElements(By.CssSelector(".chart[data-drawn=true]")).Count == 1 ? true : (bool?)null, "the top 10 chart drawn");
        var thirty = Totals(browser);
        browser.Screenshot($"dashboard-products-{language}");
        var overview = await OverviewAsync(sellerId, DashboardFilter.Parse(name => name == "period" ? "30d" : null, Today));
        Assert.Equal(overview.Totals.Orders, thirty["orders"]);
        Assert.Equal(overview.Totals.Sales, thirty["sales"]);
        Assert.Equal(overview.Totals.Revenue, thirty["revenue"]);
        Assert.Equal(Math.Min(ProductsView.PageSize, (int)thirty["count"]), browser.Driver.FindElements(By.CssSelector("#products-table tbody tr")).Count);
        Assert.Contains(language == "ru" ? "Артикул продавца" : "Article", browser.Driver.FindElement(By.Id("products-table")).Text, StringComparison.Ordinal);
        browser.Driver.ExecuteScript("document.getElementById('widget-products').scrollIntoView()");
        browser.Screenshot($"dashboard-products-{language}-table");

        browser.Driver.FindElement(By.CssSelector("th[data-key='orders'] a")).Click();
        browser.WaitFor(d => d.Url.Contains("sort=orders", StringComparison.Ordinal) ? true : (bool?)null, "sorted by orders");
        var orders = browser.Driver.FindElements(By.CssSelector("#products-table td[data-key='orders']")).Select(c => long.Parse(c.GetAttribute("data-value")!, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(orders.OrderDescending(), orders);
        browser.Driver.FindElement(By.Id("products-next")).Click();
        browser.WaitFor(d => d.Url.Contains("page=2", StringComparison.Ordinal) && d.Url.Contains("sort=orders", StringComparison.Ordinal) ? true : (bool?)null, "page 2 in the same order");
        Assert.True(orders[^1] >= browser.Driver.FindElements(By.CssSelector("#products-table td[data-key='orders']")).Max(c => long.Parse(c.GetAttribute("data-value")!, CultureInfo.InvariantCulture)));

        var search = browser.Driver.FindElement(By.Id("products-q"));
        search.SendKeys($"art-{WildberriesSeed}-00");
        search.Submit();
        browser.WaitFor(d => d.Url.Contains("q=art-", StringComparison.Ordinal) ? true : (bool?)null, "the search in the URL");
        var articles = browser.Driver.FindElements(By.CssSelector("#products-table td[data-key='article']")).Select(c => c.Text).ToList();
        Assert.InRange(articles.Count, 1, 10);
        Assert.All(articles, a => Assert.StartsWith($"ART-{WildberriesSeed}-00", a, StringComparison.Ordinal));
        var export = browser.Driver.FindElement(By.CssSelector("#widget-products .export-csv")).GetAttribute("href")!;
        var csv = (string?)browser.Driver.ExecuteAsyncScript("fetch(arguments[0]).then(r => r.text()).then(arguments[arguments.length - 1])", export);
        var lines = (csv ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains("sort=orders", export, StringComparison.Ordinal);
        Assert.Equal(articles.Count, lines.Length - 1); // the header, then every matching row
        Assert.All(lines.Skip(1), l => Assert.Contains($"ART-{WildberriesSeed}-00", l, StringComparison.Ordinal));
        browser.Driver.ExecuteScript("document.getElementById('widget-products').scrollIntoView()");
        browser.Screenshot($"dashboard-products-{language}-search");

        browser.Driver.FindElement(By.Id("products-search-clear")).Click();
        browser.WaitFor(d => !d.Url.Contains("q=", StringComparison.Ordinal) ? true : (bool?)null, "the search cleared");
        Assert.Equal(thirty["count"], Totals(browser)["count"]);
        browser.Driver.FindElement(By.CssSelector(".preset[data-preset='7d']")).Click();
        browser.WaitFor(d => d.Url.Contains("period=7d", StringComparison.Ordinal) ? true : (bool?)null, "the 7-day period");
        var seven = Totals(browser);
        Assert.InRange(seven["orders"], 1, thirty["orders"] - 1);
        Assert.Empty(browser.ConsoleErrors());
    }

    [Theory]
    [InlineData("ru")]
    [InlineData("en")]
    public async Task Stocks_show_the_snapshot_by_warehouse_and_a_threshold_set_on_the_page_makes_an_alert(string language)
    {
        await CollectedSellerAsync();
        var product = app.Wildberries.Seller(WildberriesSeed).Products[language == "ru" ? 1 : 2];
        using var browser = SignedIn(language);

        browser.Driver.Navigate().GoToUrl(app.Url("/seller/dashboards/stocks"));
        browser.WaitFor(d => d.FindElements(By.CssSelector(".chart[data-drawn=true]")).Count == 2 ? true : (bool?)null, "the warehouse and region charts drawn");
        var warehouses = browser.Driver.FindElements(By.CssSelector("#table-warehouses tbody tr")).Select(r => r.FindElements(By.TagName("td"))[0].GetAttribute("textContent")!.Trim()).ToList();
        Assert.Contains("fbs", warehouses);
        Assert.Contains(warehouses, w => w != "fbs" && w != "rfbs");
        browser.Screenshot($"dashboard-stocks-{language}");
        browser.Driver.ExecuteScript("document.getElementById('widget-skus').scrollIntoView()");
        browser.Screenshot($"dashboard-stocks-{language}-skus");

        browser.Driver.FindElements(By.CssSelector("#threshold-account option")).First(o => o.Text.StartsWith("Wildberries", StringComparison.Ordinal)).Click();
        browser.Driver.FindElement(By.Id("threshold-sku")).SendKeys(product.NmId.ToString(CultureInfo.InvariantCulture));
        browser.Driver.FindElement(By.Id("threshold-units")).SendKeys("сто");
        browser.Driver.FindElement(By.Id("threshold-save")).Click();
        var error = browser.WaitFor(d => d.FindElement(By.Id("threshold-error")), "the threshold error");
        Assert.Equal("threshold", error.GetAttribute("data-field"));
        Assert.Equal(product.NmId.ToString(CultureInfo.InvariantCulture), browser.Driver.FindElement(By.Id("threshold-sku")).GetAttribute("value")); // nothing typed is lost
        Assert.Equal("сто", browser.Driver.FindElement(By.Id("threshold-units")).GetAttribute("value"));
        browser.Screenshot($"dashboard-stocks-{language}-threshold-error");

        var units = browser.Driver.FindElement(By.Id("threshold-units"));
        units.Clear();
        units.SendKeys("1 000 000");
        browser.Driver.FindElement(By.Id("threshold-save")).Click();
        browser.WaitFor(d => d.FindElement(By.Id("threshold-message")), "the threshold saved");
        var alert = browser.WaitFor(d => d.FindElement(By.CssSelector($"#table-alerts tr[data-sku='{product.NmId}']")), "the SKU among the alerts");
        Assert.Equal("1000000", alert.GetAttribute("data-threshold"));
        Assert.NotNull(browser.Driver.FindElement(By.CssSelector($"#thresholds tr[data-sku='{product.NmId}'] .remove-threshold")));
        browser.Driver.ExecuteScript("document.getElementById('widget-alerts').scrollIntoView()");
        browser.Screenshot($"dashboard-stocks-{language}-alert");

        browser.Driver.Navigate().GoToUrl(app.Url("/seller/dashboards/stocks?marketplace=ozon"));
        browser.WaitFor(d => d.FindElements(By.CssSelector(".chart[data-drawn=true]")).Count == 1 ? true : (bool?)null, "the Ozon warehouse chart alone");
        var ozonPlaces = browser.Driver.FindElements(By.CssSelector("#table-warehouses tbody tr")).Select(r => r.FindElements(By.TagName("td"))[0].GetAttribute("textContent")!.Trim()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["fbs", "rfbs"], ozonPlaces);
        Assert.Empty(browser.Driver.FindElements(By.CssSelector($"#table-alerts tr[data-sku='{product.NmId}']")));
        Assert.Equal([], browser.ConsoleErrors().Where(e => !e.Contains("status of 400", StringComparison.Ordinal))); // the refused threshold was answered 400, as it should
    }

    [Fact]
    public async Task An_unknown_sku_shows_an_empty_state_and_another_sellers_account_is_not_found()
    {
        await CollectedSellerAsync();
        var stranger = await StrangersAccountAsync();
        using var browser = SignedIn("ru");

        browser.Driver.Navigate().GoToUrl(app.Url("/seller/dashboards/products?sku=999999999999"));
        var empty = browser.WaitFor(d => d.FindElement(By.Id("products-empty")), "the products' empty state").Text;
        browser.Driver.Navigate().GoToUrl(app.Url("/seller/dashboards/stocks?sku=999999999999"));
        var noAlerts = browser.WaitFor(d => d.FindElement(By.Id("alerts-empty")), "the alerts' empty state").Text;
        browser.Driver.Navigate().GoToUrl(app.Url("/seller/dashboards/products?sort=nonsense&page=-1&dir=up"));
        browser.WaitFor(d => d.FindElement(By.Id("products-table")), "the table with the default order");
        browser.Driver.Navigate().GoToUrl(app.Url("/seller/dashboards/products?account=" + stranger));
        var products = browser.Driver.PageSource;
        browser.Driver.Navigate().GoToUrl(app.Url("/seller/dashboards/stocks?account=" + stranger));
        var stocks = browser.Driver.PageSource;

        Assert.False(string.IsNullOrWhiteSpace(empty));
        Assert.False(string.IsNullOrWhiteSpace(noAlerts));
        Assert.DoesNotContain("widget-products", products, StringComparison.Ordinal);
        Assert.DoesNotContain("widget-warehouses", stocks, StringComparison.Ordinal);
        Assert.DoesNotContain("threshold-form", stocks, StringComparison.Ordinal);
    }

    private static DateOnly Today => DateOnly.FromDateTime(RunningApp.Today.UtcDateTime.AddHours(3));

    private Browser SignedIn(string language)
    {
        var browser = Browser.Start();
        app.SignInWithTelegram(browser, TelegramUser);
        browser.WaitFor(d => d.FindElement(By.Id("seller-email")).Displayed, "the seller page");
        browser.Driver.FindElement(By.CssSelector($"#culture option[value='{language}']")).Click();
        browser.WaitFor(d => d.FindElement(By.TagName("html")).GetAttribute("lang") == language ? true : (bool?)null, "the page in " + language);
        return browser;
    }

    private static Dictionary<string, decimal> Totals(Browser browser)
    {
        var line = browser.Driver.FindElement(By.Id("products-count"));
        return new[] { "count", "orders", "sales", "revenue" }.ToDictionary(k => k, k => decimal.Parse(line.GetAttribute("data-" + k)!, CultureInfo.InvariantCulture));
    }
    /// <summary>An Ozon account of another seller (made once per fixture).</summary>
    private async Task<Guid> StrangersAccountAsync()
    {
        await app.ActiveSellerWithTelegramAsync(TelegramUser + 1, "stranger.stocks@example.ru");
        await using var scope = app.Services.CreateAsyncScope();
        var sellers = scope.ServiceProvider.GetRequiredService<SellerAccounts>();
        var sellerId = (await sellers.FindByTelegramAsync(TelegramUser + 1, Ct))!.Value.SellerId;
        if ((await sellers.AccountsAsync(sellerId, Ct)) is [var existing, ..])
        {
            return existing.Id;
        }

        var (clientId, apiKey) = app.Ozon.Keys.Issue(OzonSeed + 1);
        return (await sellers.ConnectOzonAsync(sellerId, clientId, apiKey, Ct)).Id;
    }

    private Task<Overview> OverviewAsync(Guid sellerId, DashboardFilter filter) => app.OverviewAsync(sellerId, filter);

    private Task<(Guid SellerId, IReadOnlyList<Guid> Accounts)> CollectedSellerAsync() => app.CollectedSellerAsync(TelegramUser, "products.stocks@example.ru", WildberriesSeed, OzonSeed);
}
