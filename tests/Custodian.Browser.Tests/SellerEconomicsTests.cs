using System.Globalization;
using OpenQA.Selenium;

namespace Custodian.Browser.Tests;

/// <summary>A seller uploads cost prices as a Russian Excel CSV, reads the P&amp;L, switches the tax regime and sees the ABC classes.</summary>
public sealed class SellerEconomicsTests(RunningAppWithMarketplace app) : IClassFixture<RunningAppWithMarketplace>
{
    private const long TelegramUser = 848_484;
    private const int WildberriesSeed = 84;
    private const int OzonSeed = 85;

    [Fact]
    public async Task Uploaded_cost_prices_give_a_profit_that_changes_with_the_tax_regime_and_abc_classes()
    {
        await app.CollectedSellerAsync(TelegramUser, "economics@example.ru", WildberriesSeed, OzonSeed);
        var products = app.Wildberries.Seller(WildberriesSeed).Products;
        using var browser = Browser.Start();
        app.SignInWithTelegram(browser, TelegramUser);
        browser.WaitFor(d => d.FindElement(By.Id("seller-email")).Displayed, "the seller page");
        browser.Driver.FindElement(By.CssSelector("#culture option[value='ru']")).Click();
        browser.WaitFor(d => d.FindElement(By.TagName("html")).GetAttribute("lang") == "ru" ? true : (bool?)null, "the page in Russian");

        // A bad file first: nothing is stored, each row is named.
        browser.Driver.Navigate().GoToUrl(app.Url("/seller/costs"));
        Upload(browser, "Артикул WB;Себестоимость\r\n" + products[0].NmId + ";-5\r\n999999999;10\r\n");
        var report = browser.WaitFor(d => d.FindElement(By.Id("costs-errors")), "the validation report").Text;
        Assert.Contains("Строка 2", report, StringComparison.Ordinal);
        Assert.Contains("Строка 3", report, StringComparison.Ordinal);
        Assert.Empty(browser.Driver.FindElements(By.Id("costs-table")));
        browser.Screenshot("economics-costs-refused");

        Upload(browser, "Артикул WB;Себестоимость;Действует с\r\n" + string.Concat(products.Take(8).Select(p => $"{p.NmId};{(p.BasePrice * 0.35m).ToString("0.00", CultureInfo.GetCultureInfo("ru-RU"))};01.01.2025\r\n")));
        browser.WaitFor(d => d.FindElement(By.Id("costs-message")), "the import message");
        Assert.Equal(8, browser.Driver.FindElements(By.CssSelector("#costs-table tbody tr")).Count);
        browser.Screenshot("economics-costs");

        browser.Driver.Navigate().GoToUrl(app.Url("/seller/dashboards/economics"));
        var usnProfit = Value(browser, "sum-profit");
        var usnTax = Value(browser, "sum-tax");
        Assert.Contains("Прибыль после налогов", browser.Driver.PageSource, StringComparison.Ordinal);
        Assert.Matches(@"\d ₽", browser.Driver.FindElement(By.Id("sum-revenue")).Text.Replace('\u00a0', ' '));
        browser.Screenshot("economics-usn");
        browser.Driver.FindElement(By.CssSelector("#tax-regime option[value='osno']")).Click();
        browser.Driver.FindElement(By.Id("tax-save")).Click();
        browser.WaitFor(d => d.FindElement(By.Id("tax-message")), "the regime saved");
        var osnoProfit = Value(browser, "sum-profit");
        Assert.NotEqual(usnProfit, osnoProfit);
        Assert.NotEqual(usnTax, Value(browser, "sum-tax"));
        browser.Driver.ExecuteScript("document.getElementById('widget-pnl').scrollIntoView()");
        browser.Screenshot("economics-osno");

        browser.Driver.Navigate().GoToUrl(app.Url("/seller/dashboards/abc"));
        var classes = browser.WaitFor(d => d.FindElement(By.Id("table-abc")), "the ABC table").FindElements(By.CssSelector("tbody tr")).Select(r => r.FindElements(By.TagName("td"))[6].GetAttribute("textContent")!.Trim()).ToList();
        Assert.Contains("A", classes);
        Assert.All(classes, c => Assert.Contains(c, new[] { "A", "B", "C" }));
        Assert.Contains("ABC-анализ", browser.Driver.PageSource, StringComparison.Ordinal);
        browser.Screenshot("economics-abc");
        // The refused upload answers 400 on purpose (Chromium logs that status); nothing else may fail.
        Assert.All(browser.ConsoleErrors(), e => Assert.Contains("400", e, StringComparison.Ordinal));
    }

    private static void Upload(Browser browser, string csv)
    {
        var path = Path.Combine(Path.GetTempPath(), "costs-" + Guid.NewGuid().ToString("N") + ".csv");
        File.WriteAllBytes(path, System.Text.CodePagesEncodingProvider.Instance.GetEncoding(1251)!.GetBytes(csv));
        browser.Driver.FindElement(By.Id("costs-file")).SendKeys(path);
        browser.Driver.FindElement(By.Id("costs-upload-submit")).Click();
        browser.WaitFor(d => d.FindElements(By.Id("costs-message")).Count + d.FindElements(By.Id("costs-error")).Count > 0 ? true : (bool?)null, "the upload answered");
    }

    private static decimal Value(Browser browser, string id) =>
        decimal.Parse(browser.WaitFor(d => d.FindElement(By.Id(id)), id).GetAttribute("data-value")!, CultureInfo.InvariantCulture);
}
