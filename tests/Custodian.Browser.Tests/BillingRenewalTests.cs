using Custodian.Modules.Marketplace.Sellers;
using Custodian.Privacy.Abstractions.Scheduling;
using Custodian.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;

namespace Custodian.Browser.Tests;

/// <summary>
/// A seller who paid a month gets billing's reminder by e-mail the day before it ends, opens its link without signing
/// in, sees what the next month costs, pays at the provider's checkout, and the plan is extended by a month.
/// </summary>
public sealed class BillingRenewalTests(RunningAppWithPayments app) : IClassFixture<RunningAppWithPayments>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_seller_opens_the_reminders_link_pays_at_the_checkout_and_the_plan_is_extended()
    {
        var payerEmail = $"buh.{Guid.NewGuid():N}@romashka.example.ru";
        var link = await SellerAsync();
        using (var seller = Browser.Start())
        {
            PayForAMonthOfStart(seller, link, payerEmail);
        }

        await DeliverEventsAsync();
        app.Clock.Advance(RunningApp.Today.AddDays(14).AddMonths(1).AddDays(-1).AddHours(1) - app.Clock.GetUtcNow()); // a day before the paid month ends
        await RunAsync("billing.renewal-reminders");
        await app.Host.Mail.MessagesToAsync(payerEmail, 1, Ct);
        var renewal = app.Host.LinkIn(payerEmail, "/billing/renew/");

        using var browser = Browser.Start(); // not signed in: the link is enough
        var driver = browser.Driver;
        driver.Navigate().GoToUrl(app.Url(renewal));
        driver.FindElement(By.CssSelector("#culture option[value='ru']")).Click();
        browser.WaitFor(d => d.FindElement(By.TagName("html")).GetAttribute("lang") == "ru", "the Russian page");
        Assert.Equal("Продление тарифа", driver.FindElement(By.TagName("h1")).Text);
        Assert.Equal("Тариф «Старт»: оплаченный срок заканчивается 30.12.2026.", driver.FindElement(By.Id("plan-standing")).Text);
        Assert.Equal("1 490,00 ₽", driver.FindElement(By.Id("quote-amount")).Text.Replace('\u00a0', ' '));
        browser.Screenshot("billing-renewal-quote-ru");
        driver.FindElement(By.Id("get-invoice")).Click();
        browser.WaitFor(d => d.FindElement(By.Id("invoice")).Displayed, "the renewal's invoice");
        Assert.Equal("unpaid", driver.FindElement(By.Id("invoice")).GetAttribute("data-status"));
        driver.FindElement(By.Id("pay-online")).Click();
        browser.WaitFor(d => d.FindElement(By.Id("checkout-pay")).Displayed, "the provider's checkout");
        Assert.Equal("1490.00 RUB", driver.FindElement(By.Id("checkout-amount")).Text);
        driver.FindElement(By.Id("checkout-pay")).Click();
        browser.WaitFor(d => d.FindElement(By.Id("payment-succeeded")).Displayed, "the payment confirmed on the way back");
        await DeliverEventsAsync();
        driver.Navigate().Refresh();

        Assert.Equal("Тариф «Старт»: оплаченный срок заканчивается 30.01.2027.", browser.WaitFor(d => d.FindElement(By.Id("plan-standing")), "the plan").Text);
        browser.Screenshot("billing-renewal-paid-ru");
        Assert.DoesNotContain(browser.ConsoleErrors(), e => !e.StartsWith(app.YooKassa.BaseAddress.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_seller_cancels_the_renewal_after_confirming_sees_until_when_the_plan_runs_and_undoes_it()
    {
        var link = await SellerAsync();
        using var browser = Browser.Start();
        var driver = browser.Driver;
        PayForAMonthOfStart(browser, link, $"buh.{Guid.NewGuid():N}@romashka.example.ru");
        await DeliverEventsAsync();
        var paidUntil = Custodian.Privacy.Abstractions.Time.LocalDays.Moscow(app.Clock.GetUtcNow().AddDays(14).AddMonths(1)).ToString("dd.MM.yyyy", System.Globalization.CultureInfo.InvariantCulture);

        driver.Navigate().GoToUrl(app.Url("/billing/plans"));
        driver.FindElement(By.CssSelector("#culture option[value='ru']")).Click();
        browser.WaitFor(d => d.FindElement(By.TagName("html")).GetAttribute("lang") == "ru", "the Russian page");
        Assert.Equal("false", driver.FindElement(By.Id("renewal")).GetAttribute("data-cancelled"));
        driver.FindElement(By.Id("cancel-renewal")).Click();
        var confirmation = browser.WaitFor(d => d.FindElement(By.Id("cancel-confirmation")), "the confirmation");
        Assert.Equal($"Отменить продление? Тариф «Старт» действует до {paidUntil} и затем не продлевается, напоминаний об оплате не будет. До этого дня продление можно вернуть.", confirmation.Text);
        browser.Screenshot("billing-renewal-cancel-confirm-ru");
        driver.FindElement(By.Id("confirm-cancel")).Click();
        var cancelled = browser.WaitFor(d => d.FindElement(By.Id("renewal-cancelled")), "the cancelled renewal");
        Assert.Equal($"Продление отменено: тариф «Старт» действует до {paidUntil} и не продлевается; напоминания об оплате не приходят.", cancelled.Text);
        Assert.Equal("true", driver.FindElement(By.Id("renewal")).GetAttribute("data-cancelled"));
        browser.Screenshot("billing-renewal-cancelled-ru");

        driver.FindElement(By.Id("resume-renewal")).Click();
        browser.WaitFor(d => d.FindElement(By.Id("renewal-on")).Displayed, "the renewal on again");
        Assert.Equal("false", driver.FindElement(By.Id("renewal")).GetAttribute("data-cancelled"));
        Assert.DoesNotContain(browser.ConsoleErrors(), e => !e.StartsWith(app.YooKassa.BaseAddress.ToString(), StringComparison.Ordinal));
    }

    /// <summary>The seller signs in, enters the billing details and pays for a month of Start during the trial.</summary>
    private void PayForAMonthOfStart(Browser browser, string signInLink, string payerEmail)
    {
        var driver = browser.Driver;
        driver.Navigate().GoToUrl(app.Url(signInLink));
        driver.FindElement(By.Id("sign-in-button")).Click();
        browser.WaitFor(d => d.FindElement(By.Id("seller-email")).Displayed, "the seller page");
        driver.Navigate().GoToUrl(app.Url("/billing/requisites"));
        browser.WaitFor(d => d.FindElement(By.Id("requisites-form")).Displayed, "the requisites form");
        Fill(driver, "name", "ООО «Ромашка»");
        Fill(driver, "inn", "7707083893");
        Fill(driver, "kpp", "773601001");
        Fill(driver, "ogrn", "1027700132195");
        Fill(driver, "address", "125009, г. Москва, ул. Тверская, д. 7");
        Fill(driver, "email", payerEmail);
        Fill(driver, "phone", "+7 495 123-45-67");
        Fill(driver, "bic", "044525225");
        Fill(driver, "account", "40702810200000012345");
        Fill(driver, "correspondent", "30101810400000000225");
        driver.FindElement(By.Id("save-requisites")).Click();
        browser.WaitFor(d => d.FindElement(By.Id("requisites-saved")).Displayed, "the saved notice");
        driver.Navigate().GoToUrl(app.Url("/billing/plans?Plan=start&Cycle=monthly"));
        browser.WaitFor(d => d.FindElement(By.Id("quote")).Displayed, "the price of the choice");
        driver.FindElement(By.Id("get-invoice")).Click();
        browser.WaitFor(d => d.FindElement(By.Id("invoice")).Displayed, "the invoice");
        driver.FindElement(By.Id("pay-online")).Click();
        browser.WaitFor(d => d.FindElement(By.Id("checkout-pay")).Displayed, "the provider's checkout");
        driver.FindElement(By.Id("checkout-pay")).Click();
        browser.WaitFor(d => d.FindElement(By.Id("payment-succeeded")).Displayed, "the payment confirmed");
    }

    private async Task<string> SellerAsync()
    {
        var email = $"seller.{Guid.NewGuid():N}@example.ru";
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AddSeller>().AddAsync(email, null, "operator", confirmed: true, Ct);
            await scope.ServiceProvider.GetRequiredService<ISellerAccounts>().SendSignInLinkAsync(email, "en", Ct);
        }

        return app.Host.LinkIn(email, "/account/seller-link/");
    }

    private Task DeliverEventsAsync() => RunAsync("privacy.events");

    private async Task RunAsync(string work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await app.Services.GetServices<IScheduledWork>().Single(w => w.Name == work).RunAsync(scope.ServiceProvider, Ct);
    }

    private static void Fill(IWebDriver driver, string id, string value)
    {
        var input = driver.FindElement(By.Id(id));
        input.Clear();
        input.SendKeys(value);
    }
}
