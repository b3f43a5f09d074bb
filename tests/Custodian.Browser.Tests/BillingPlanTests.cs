using Custodian.Modules.Marketplace.Sellers;
using Custodian.Privacy.Abstractions.Scheduling;
using Custodian.Simulators.YooKassa;
using Custodian.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;

namespace Custodian.Browser.Tests;

/// <summary>The app with the YooKassa stand-in as its payment provider; the stand-in's notifications go to the app.</summary>
public sealed class RunningAppWithPayments : RunningApp, IAsyncLifetime
{
    private YooKassaSimulator? _yookassa;

    public YooKassaSimulator YooKassa => _yookassa ?? throw new InvalidOperationException("The stand-in is not running yet.");

    async ValueTask IAsyncLifetime.InitializeAsync()
    {
        _yookassa = await YooKassaSimulator.StartAsync("100500", "test_secret", cancellationToken: TestContext.Current.CancellationToken);
        await InitializeAsync();
        _yookassa.WebhookUrl = Url(Custodian.Modules.Billing.Payments.PaymentNotifications.Path);
    }

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        await DisposeAsync();
        if (_yookassa is not null)
        {
            await _yookassa.DisposeAsync();
        }
    }

    protected override CustodianHostBuilder Compose(CustodianHostBuilder builder) =>
        (builder ?? throw new ArgumentNullException(nameof(builder)))
            .WithSetting("Billing:YooKassa:BaseUrl", YooKassa.BaseAddress.ToString())
            .WithSetting("Billing:YooKassa:ShopId", "100500")
            .WithSetting("Billing:YooKassa:SecretKey", "test_secret");
}

/// <summary>
/// The "done": a seller enters the company's requisites, chooses a plan, pays at the provider's checkout, the
/// plan is active after the provider's notification, and the invoice and the act download as PDF with ink on them.
/// </summary>
public sealed class BillingPlanTests(RunningAppWithPayments app) : IClassFixture<RunningAppWithPayments>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_seller_enters_requisites_chooses_a_plan_pays_at_the_checkout_and_the_plan_is_active_with_invoice_and_act_as_pdf()
    {
        var link = await SellerAfterTrialAsync();
        using var downloads = new TemporaryFolder();
        using var browser = Browser.Start(downloads.Path);
        var driver = browser.Driver;
        driver.Navigate().GoToUrl(app.Url(link));
        driver.FindElement(By.Id("sign-in-button")).Click();
        browser.WaitFor(d => d.FindElement(By.Id("seller-email")).Displayed, "the seller page");
        Assert.Equal("false", driver.FindElement(By.Id("plan-state")).GetAttribute("data-active")); // the trial is over
        driver.FindElement(By.Id("choose-plan")).Click();
        browser.WaitFor(d => d.Url.Contains("/billing/plans", StringComparison.Ordinal), "the plans page");
        driver.FindElement(By.CssSelector("#culture option[value='ru']")).Click();
        browser.WaitFor(d => d.FindElement(By.TagName("html")).GetAttribute("lang") == "ru", "the Russian page");
        Assert.Equal("Тарифы и оплата", driver.FindElement(By.TagName("h1")).Text);
        Assert.True(driver.FindElement(By.Id("payer-missing")).Displayed);
        var rows = driver.FindElements(By.CssSelector("#plans tbody tr")).Select(r => r.Text.Replace('\u00a0', ' ')).ToList();
        Assert.Equal(["Пробный период Сбор до 3 аккаунтов маркетплейсов одновременно бесплатно 14 дней", "Старт Сбор до 1 аккаунта маркетплейсов одновременно 1 490,00 ₽ 14 900,00 ₽", "Бизнес Сбор до 5 аккаунтов маркетплейсов одновременно 3 990,00 ₽ 39 900,00 ₽"], rows);

        driver.FindElement(By.CssSelector("#payer-missing a")).Click();
        browser.WaitFor(d => d.FindElement(By.Id("requisites-form")).Displayed, "the requisites form");
        Fill(driver, "name", "ООО «Ромашка»");
        Fill(driver, "inn", "7707083893");
        Fill(driver, "kpp", "773601001");
        Fill(driver, "ogrn", "1027700132195");
        Fill(driver, "address", "125009, г. Москва, ул. Тверская, д. 7");
        Fill(driver, "email", "buh@romashka.example.ru");
        Fill(driver, "phone", "+7 495 123-45-67");
        Fill(driver, "bic", "044525225");
        Fill(driver, "account", "40702810200000012345");
        Fill(driver, "correspondent", "30101810400000000225");
        driver.FindElement(By.Id("save-requisites")).Click();
        browser.WaitFor(d => d.FindElement(By.Id("requisites-saved")).Displayed, "the saved notice");

        driver.Navigate().GoToUrl(app.Url("/billing/plans"));
        driver.FindElement(By.Id("show-price")).Click(); // nothing chosen yet
        browser.WaitFor(d => d.FindElement(By.Id("plan-error")).Displayed, "the plan's error");
        Assert.Equal("Выберите один из предложенных тарифов.", driver.FindElement(By.Id("plan-error")).Text);
        driver.FindElement(By.Id("plan-business")).Click();
        driver.FindElement(By.Id("cycle-monthly")).Click();
        driver.FindElement(By.Id("show-price")).Click();
        browser.WaitFor(d => d.FindElement(By.Id("quote")).Displayed, "the price of the choice");
        Assert.Equal("3 990,00 ₽", driver.FindElement(By.Id("quote-amount")).Text.Replace('\u00a0', ' '));
        browser.Screenshot("billing-plan-quote-ru");
        driver.FindElement(By.Id("get-invoice")).Click();
        browser.WaitFor(d => d.FindElement(By.Id("invoice")).Displayed, "the invoice");
        Assert.Equal("unpaid", driver.FindElement(By.Id("invoice")).GetAttribute("data-status"));
        Assert.Equal("Счёт на оплату № 1", driver.FindElement(By.CssSelector("#invoice h2")).Text);

        driver.FindElement(By.Id("pay-online")).Click();
        browser.WaitFor(d => d.FindElement(By.Id("checkout-pay")).Displayed, "the provider's checkout");
        Assert.Equal("3990.00 RUB", driver.FindElement(By.Id("checkout-amount")).Text);
        browser.Screenshot("billing-plan-checkout");
        driver.FindElement(By.Id("checkout-pay")).Click();
        browser.WaitFor(d => d.FindElement(By.Id("payment-succeeded")).Displayed, "the payment confirmed on the way back");
        await DeliverEventsAsync(); // the kernel's event delivery, as the scheduler runs it every few seconds
        driver.Navigate().Refresh();
        var standing = browser.WaitFor(d => d.FindElement(By.Id("plan-standing")), "the plan");
        Assert.Equal(("business", "true"), (standing.GetAttribute("data-plan"), standing.GetAttribute("data-active")));
        Assert.StartsWith("Ваш тариф: Бизнес, до ", standing.Text, StringComparison.Ordinal);
        browser.Screenshot("billing-plan-paid-ru");
        driver.Navigate().GoToUrl(app.Url("/seller"));
        Assert.Equal(("business", "true"), (driver.FindElement(By.Id("plan-state")).GetAttribute("data-plan"), driver.FindElement(By.Id("plan-state")).GetAttribute("data-active")));

        driver.Navigate().GoToUrl(app.Url("/billing/documents"));
        Assert.Equal(["Акт № 1", "Счёт на оплату № 1"], driver.FindElements(By.CssSelector("#documents tbody td:first-child")).Select(c => c.Text).Order(StringComparer.Ordinal));
        foreach (var download in driver.FindElements(By.CssSelector("a.download-pdf")))
        {
            download.Click();
        }

        var files = browser.WaitFor(_ => Browser.FinishedDownloads(downloads.Path, f => f.EndsWith(".pdf", StringComparison.Ordinal), 2), "both PDFs downloaded");
        Assert.Equal(["act-2026-0001.pdf", "invoice-2026-0001.pdf"], files.Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var png = await PdfPng.RenderFirstPageAsync(files.Single(f => f.EndsWith("act-2026-0001.pdf", StringComparison.Ordinal)), Path.Combine(downloads.Path, "act"), Ct);
        Assert.InRange(PdfPng.DarkPixelShare(png), 0.005, 0.5); // text and lines on a white page, not blank
        // The refused choice answers 400; the stand-in's checkout page has no favicon (not ours).
        Assert.DoesNotContain(browser.ConsoleErrors(), e => !e.Contains("400", StringComparison.Ordinal) && !e.StartsWith(app.YooKassa.BaseAddress.ToString(), StringComparison.Ordinal));
    }

    /// <summary>A seller whose trial is over: added, the clock moved past the trial, then a sign-in link mailed.</summary>
    private async Task<string> SellerAfterTrialAsync()
    {
        var email = $"seller.{Guid.NewGuid():N}@example.ru";
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AddSeller>().AddAsync(email, null, "operator", confirmed: true, Ct);
        }

        app.Clock.Advance(TimeSpan.FromDays(15));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ISellerAccounts>().SendSignInLinkAsync(email, "en", Ct);
        }

        return app.Host.LinkIn(email, "/account/seller-link/");
    }

    private async Task DeliverEventsAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        await app.Services.GetServices<IScheduledWork>().Single(w => w.Name == "privacy.events").RunAsync(scope.ServiceProvider, Ct);
    }

    private static void Fill(IWebDriver driver, string id, string value)
    {
        var input = driver.FindElement(By.Id(id));
        input.Clear();
        input.SendKeys(value);
    }
}
