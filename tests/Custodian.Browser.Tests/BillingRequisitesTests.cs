using Custodian.Modules.Billing.Payers;
using Custodian.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;

namespace Custodian.Browser.Tests;

/// <summary>A seller enters the company's requisites for invoices, in Russian, on billing's own page.</summary>
public sealed class BillingRequisitesTests(RunningApp app) : IClassFixture<RunningApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_seller_enters_company_requisites_in_russian_is_told_which_account_is_wrong_and_saves_them()
    {
        var link = await SignInLinks.SellerAsync(app.Host, Ct);
        using var downloads = new TemporaryFolder();
        using var browser = Browser.Start(downloads.Path);
        var driver = browser.Driver;
        driver.Navigate().GoToUrl(app.Url(link));
        driver.FindElement(By.Id("sign-in-button")).Click();
        browser.WaitFor(d => d.FindElement(By.Id("seller-email")).Displayed, "the seller page");

        driver.Navigate().GoToUrl(app.Url("/billing/requisites"));
        driver.FindElement(By.CssSelector("#culture option[value='ru']")).Click();
        browser.WaitFor(d => d.FindElement(By.TagName("html")).GetAttribute("lang") == "ru", "the Russian page");
        Assert.Equal("Платёжные реквизиты", driver.FindElement(By.TagName("h1")).Text);
        Fill(driver, "name", "ООО «Ромашка»");
        Fill(driver, "inn", "7707083893");
        Fill(driver, "kpp", "773601001");
        Fill(driver, "ogrn", "1027700132195");
        Fill(driver, "address", "125009, г. Москва, ул. Тверская, д. 7");
        Fill(driver, "email", "buh@romashka.example.ru");
        Fill(driver, "phone", "+7 495 123-45-67");
        Fill(driver, "bic", "044525225");
        Fill(driver, "account", "40702810300000012345"); // one digit off: the control key does not match the BIC
        Fill(driver, "correspondent", "30101810400000000225");
        driver.FindElement(By.Id("save-requisites")).Click();

        browser.WaitFor(d => d.FindElement(By.Id("requisites-problems")).Displayed, "the problems");
        Assert.StartsWith("Расчётный счёт:", driver.FindElement(By.Id("account-error")).Text, StringComparison.Ordinal);
        Assert.Equal("true", driver.FindElement(By.Id("account")).GetAttribute("aria-invalid"));
        Assert.Equal("ООО «Ромашка»", driver.FindElement(By.Id("name")).GetAttribute("value")); // nothing typed is lost
        browser.Screenshot("billing-requisites-wrong-account-ru");
        Fill(driver, "account", "40702810200000012345");
        driver.FindElement(By.Id("save-requisites")).Click();

        browser.WaitFor(d => d.FindElement(By.Id("requisites-saved")).Displayed, "the saved notice");
        Assert.Equal("40702810200000012345", driver.FindElement(By.Id("account")).GetAttribute("value"));
        browser.Screenshot("billing-requisites-saved-ru");
        Assert.DoesNotContain(browser.ConsoleErrors(), e => !e.Contains("400", StringComparison.Ordinal)); // the refused form answers 400 Bad Request
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Custodian.Modules.Billing.BillingDb>();
        var account = Assert.Single(db.Payers.Select(p => p.Account).ToList());
        var payer = await scope.ServiceProvider.GetRequiredService<ReadPayer>().ForAccountAsync(account, Ct);
        Assert.Equal((PayerKind.Organisation, "7707083893", "40702810200000012345"), (payer!.Kind, payer.Inn, payer.Account));

        // An invoice and its act issued to these requisites download as PDF from the documents page.
        var issue = scope.ServiceProvider.GetRequiredService<Custodian.Modules.Billing.Documents.IssueDocuments>();
        var invoice = (await issue.InvoiceAsync(account, "Подписка «Бизнес» на месяц", 1490m, Ct)).Document!;
        await issue.ActAsync(invoice.Id, Ct);
        driver.Navigate().GoToUrl(app.Url("/billing/documents"));
        Assert.Equal(["Акт № 1", "Счёт на оплату № 1"], driver.FindElements(By.CssSelector("#documents tbody td:first-child")).Select(c => c.Text).Order(StringComparer.Ordinal));
        browser.Screenshot("billing-documents-ru");
        foreach (var download in driver.FindElements(By.CssSelector("a.download-pdf")))
        {
            download.Click();
        }

        var files = browser.WaitFor(_ => Browser.FinishedDownloads(downloads.Path, f => f.EndsWith(".pdf", StringComparison.Ordinal), 2), "both PDFs downloaded");
        Assert.Equal(["act-2026-0001.pdf", "invoice-2026-0001.pdf"], files.Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.All(files, f => Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(f), 0, 5), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_document_id_that_is_not_the_payers_own_is_not_found_and_a_new_seller_sees_no_documents()
    {
        var link = await SignInLinks.SellerAsync(app.Host, Ct);
        using var browser = Browser.Start();
        browser.Driver.Navigate().GoToUrl(app.Url(link));
        browser.Driver.FindElement(By.Id("sign-in-button")).Click();
        browser.WaitFor(d => d.FindElement(By.Id("seller-email")).Displayed, "the seller page");

        browser.Driver.Navigate().GoToUrl(app.Url($"/billing/documents?handler=Pdf&id={Guid.NewGuid()}"));

        Assert.DoesNotContain("%PDF", browser.Driver.PageSource, StringComparison.Ordinal);
        browser.Driver.Navigate().GoToUrl(app.Url("/billing/documents"));
        Assert.True(browser.Driver.FindElement(By.Id("no-documents")).Displayed);
    }

    [Fact]
    public void The_requisites_page_needs_a_signed_in_seller()
    {
        using var browser = Browser.Start();
        browser.Driver.Navigate().GoToUrl(app.Url("/billing/requisites"));
        browser.WaitFor(d => d.Url.Contains("/account/sign-in", StringComparison.Ordinal), "the sign-in page");
    }

    private static void Fill(IWebDriver driver, string id, string value)
    {
        var input = driver.FindElement(By.Id(id));
        input.Clear();
        input.SendKeys(value);
    }
}
