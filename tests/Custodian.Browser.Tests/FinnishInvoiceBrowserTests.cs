using Custodian.Modules.Billing.Documents;
using Custodian.Modules.Billing.Payers;
using Custodian.Modules.Marketplace.Sellers;
using Custodian.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;

namespace Custodian.Browser.Tests;

/// <summary>A Finnish employer opens its invoice in Finnish: reference, due date, the virtual barcode, the PDF and the Finvoice message.</summary>
public sealed class FinnishInvoiceBrowserTests(RunningApp app) : IClassFixture<RunningApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_employer_views_its_finnish_invoice_with_the_virtual_barcode_and_downloads_the_pdf_and_finvoice()
    {
        var email = $"employer.{Guid.NewGuid():N}@example.fi";
        DocumentRecord invoice;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var seller = await scope.ServiceProvider.GetRequiredService<AddSeller>().AddAsync(email, null, "operator", confirmed: true, Ct);
            var account = "seller-" + seller.Id.ToString("N");
            Assert.Empty(await scope.ServiceProvider.GetRequiredService<SavePayer>().FinnishAsync(account, new FinnishPayerForm(
                "Rakennus Virtanen Oy", "2077474-0", "003720774740", "003721291126", null, "Liisa Virtanen", "liisa.virtanen@example.fi", "040 123 4567"), Ct));
            invoice = (await scope.ServiceProvider.GetRequiredService<IssueFinnishInvoice>().InvoiceAsync(account, "Työturvallisuuskorttikoulutus, 2 osallistujaa", 1000m, Ct)).Invoice!;
            await scope.ServiceProvider.GetRequiredService<ISellerAccounts>().SendSignInLinkAsync(email, "en", Ct);
        }

        using var downloads = new TemporaryFolder();
        using var browser = Browser.Start(downloads.Path);
        var driver = browser.Driver;
        driver.Navigate().GoToUrl(app.Url(app.Host.LinkIn(email, "/account/seller-link/")));
        driver.FindElement(By.Id("sign-in-button")).Click();
        browser.WaitFor(d => d.FindElement(By.Id("seller-email")).Displayed, "the seller page");
        driver.Navigate().GoToUrl(app.Url("/billing/documents"));
        driver.FindElement(By.CssSelector("#culture option[value='fi']")).Click();
        browser.WaitFor(d => d.FindElement(By.TagName("html")).GetAttribute("lang") == "fi", "the Finnish page");
        Assert.Equal("Lasku 2026-" + invoice.Number, driver.FindElement(By.CssSelector("#documents tbody td:first-child")).Text);
        driver.FindElement(By.CssSelector("a.view-invoice")).Click();

        browser.WaitFor(d => d.FindElements(By.Id("virtual-barcode")).FirstOrDefault(), "the invoice page");
        Assert.Equal(VirtualBarcode.TryCreate("FI2112345600000785", invoice.Amount, invoice.Reference!, invoice.DueOn).Digits, driver.FindElement(By.Id("virtual-barcode")).Text);
        Assert.StartsWith("4", driver.FindElement(By.Id("virtual-barcode")).Text, StringComparison.Ordinal);
        Assert.Equal(FinnishInvoicePdf.Reference(invoice.Reference!), driver.FindElement(By.Id("reference")).Text);
        Assert.Equal("1 255,00", driver.FindElement(By.Id("total")).Text.Replace('\u00a0', ' '));
        browser.Screenshot("billing-finnish-invoice-fi");
        driver.FindElement(By.CssSelector("a.download-pdf")).Click();
        driver.FindElement(By.CssSelector("a.download-finvoice")).Click();

        var files = browser.WaitFor(_ => Browser.FinishedDownloads(downloads.Path, f => f.EndsWith(".pdf", StringComparison.Ordinal) || f.EndsWith(".xml", StringComparison.Ordinal), 2), "the PDF and the Finvoice message");
        var number = "2026-" + invoice.Number;
        Assert.Equal([$"finvoice-{number}.xml", $"lasku-{number}.pdf"], files.Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains("<Finvoice Version=\"3.0\">", File.ReadAllText(files.Single(f => f.EndsWith(".xml", StringComparison.Ordinal))), StringComparison.Ordinal);
    }
}
