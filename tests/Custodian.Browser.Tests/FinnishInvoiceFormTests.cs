using Custodian.Modules.Billing;
using Custodian.Modules.Billing.Documents;
using Custodian.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;

namespace Custodian.Browser.Tests;

/// <summary>An accountant issues a Finnish invoice from the operator console, in Finnish: a wrong Y-tunnus is named at its field, then the invoice opens with its barcode.</summary>
public sealed class FinnishInvoiceFormTests(RunningApp app) : IClassFixture<RunningApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_accountant_corrects_the_y_tunnus_and_issues_the_invoice_with_its_barcode()
    {
        using var browser = await OperatorSession.SignInAsync(app);
        var driver = browser.Driver;
        driver.Navigate().GoToUrl(app.Url("/operator/invoices"));
        driver.FindElement(By.CssSelector("#culture option[value='fi']")).Click();
        browser.WaitFor(d => d.FindElement(By.TagName("html")).GetAttribute("lang") == "fi", "the Finnish page");
        driver.FindElement(By.Id("new-finnish-invoice")).Click();
        browser.WaitFor(d => d.FindElements(By.Id("finnish-invoice-form")).Count == 1, "the invoice form");
        Assert.Equal("Uusi lasku", driver.FindElement(By.TagName("h1")).Text);

        driver.FindElement(By.Id("name")).SendKeys("Putkiasennus Järvinen Oy");
        driver.FindElement(By.Id("business-id")).SendKeys("1572860-1");
        driver.FindElement(By.Id("postal-address")).SendKeys("Hämeenkatu 5, 33100 Tampere");
        driver.FindElement(By.Id("contact-name")).SendKeys("Matti Järvinen");
        driver.FindElement(By.Id("contact-email")).SendKeys("matti.jarvinen@example.fi");
        driver.FindElement(By.Id("buyer-reference")).SendKeys("Tilaus 55");
        driver.FindElement(By.Id("line-0-description")).SendKeys("Työturvallisuuskorttikoulutus");
        var quantity = driver.FindElement(By.Id("line-0-quantity"));
        quantity.Clear();
        quantity.SendKeys("4");
        driver.FindElement(By.Id("line-0-unit-price")).SendKeys("99,50");
        driver.FindElement(By.Id("issue-invoice")).Click();

        var error = browser.WaitFor(d => d.FindElements(By.Id("business-id-error")).FirstOrDefault()?.Text, "the Y-tunnus message");
        Assert.Equal("Y-tunnus: tarkistusnumeron pitää olla 0, ei 1", error);
        Assert.Equal("true", driver.FindElement(By.Id("business-id")).GetAttribute("aria-invalid"));
        Assert.Equal("99,50", driver.FindElement(By.Id("line-0-unit-price")).GetAttribute("value"));
        browser.Screenshot("billing-finnish-invoice-form-error-fi");
        var businessId = driver.FindElement(By.Id("business-id"));
        businessId.Clear();
        businessId.SendKeys("1572860-0");
        driver.FindElement(By.Id("issue-invoice")).Click();

        browser.WaitFor(d => d.FindElements(By.Id("invoice-issued")).Count == 1, "the issued invoice");
        var barcode = driver.FindElement(By.Id("virtual-barcode")).Text;
        Assert.Equal("499,49", driver.FindElement(By.Id("total")).Text); // 4 × 99.50 = 398.00 + 25.5 % (101.49)
        Assert.Equal("Tilaus 55", driver.FindElement(By.Id("buyer-reference")).Text);
        browser.Screenshot("billing-finnish-invoice-issued-fi");
        await using var scope = app.Services.CreateAsyncScope();
        var invoiceId = Guid.Parse(new Uri(driver.Url).AbsolutePath.Split('/').Last());
        var invoice = await scope.ServiceProvider.GetRequiredService<BillingDb>().Documents.AsNoTracking().SingleAsync(d => d.Id == invoiceId, Ct);
        Assert.Equal(VirtualBarcode.TryCreate(IssueFinnishInvoice.Seller(invoice).Iban, 499.49m, invoice.Reference!, invoice.DueOn).Digits, barcode);
        Assert.DoesNotContain(browser.ConsoleErrors(), e => !e.Contains("400", StringComparison.Ordinal)); // the refused form answers 400
    }
}
