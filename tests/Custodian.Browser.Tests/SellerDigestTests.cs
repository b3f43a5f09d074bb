using Custodian.Privacy.Abstractions.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;

namespace Custodian.Browser.Tests;

/// <summary>A seller turns the daily digest on for Telegram and e-mail; the next run brings it to the bot's chat and the mailbox.</summary>
public sealed class SellerDigestTests(RunningAppWithMarketplace app) : IClassFixture<RunningAppWithMarketplace>
{
    private const long TelegramUser = 717_171;
    private const string Email = "digest.seller@example.ru";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_digest_chosen_on_the_settings_page_arrives_in_telegram_and_by_mail_and_its_mail_link_stops_the_mails()
    {
        await app.CollectedSellerAsync(TelegramUser, Email, 71, 72, ["wb-orders", "wb-sales", "wb-stocks", "wb-feedbacks"]);
        using var browser = Browser.Start();
        app.SignInWithTelegram(browser, TelegramUser);
        browser.WaitFor(d => d.FindElement(By.Id("seller-email")).Displayed, "the seller page");

        browser.Driver.FindElement(By.Id("open-digest")).Click();
        browser.WaitFor(d => d.FindElement(By.Id("digest-form")).Displayed, "the digest settings");
        Assert.False(browser.Driver.FindElement(By.Id("digest-telegram")).Selected, "the digest is off until the person turns it on");
        browser.Driver.FindElement(By.Id("digest-telegram")).Click();
        browser.Driver.FindElement(By.Id("digest-email")).Click();
        browser.Driver.FindElement(By.Id("digest-save")).Click();
        browser.WaitFor(d => d.FindElement(By.Id("digest-message")).Displayed, "saved");
        Assert.True(browser.Driver.FindElement(By.Id("digest-telegram")).Selected && browser.Driver.FindElement(By.Id("digest-email")).Selected, "both channels kept");
        browser.Screenshot("seller-digest-settings");

        await RunAsync("marketplace.digest"); // RunningApp.Today is 12:00 Moscow, past the 09:00 send hour

        var message = (await app.Telegram.NextMessageToAsync(TelegramUser)).Text;
        while (!message.StartsWith("Сводка за", StringComparison.Ordinal))
        {
            message = (await app.Telegram.NextMessageToAsync(TelegramUser)).Text; // past the notice that the data are ready
        }

        Assert.StartsWith("Сводка за 15.11.2026", message, StringComparison.Ordinal);
        Assert.Contains("Заказы: ", message, StringComparison.Ordinal);
        Assert.Contains("/digest off", message, StringComparison.Ordinal);
        await app.Host.Mail.MessagesToAsync(Email, 1, Ct);
        var mail = app.Host.Mail.To(Email).Select(m => MimeKit.MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(m.Data)), Ct))
            .Single(m => m.Subject?.StartsWith("Сводка за", StringComparison.Ordinal) == true);
        Assert.StartsWith("Сводка за 15.11.2026", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("Выручка: ", mail.TextBody, StringComparison.Ordinal);

        browser.Driver.Navigate().GoToUrl(browser.LinkIn(app.Host.Mail, Email, "/seller/digest/off/"));
        browser.WaitFor(d => d.FindElement(By.Id("digest-off-button")), "the one-click page").Click();
        browser.WaitFor(d => d.FindElement(By.Id("digest-off")).Displayed, "the mails stopped");
        browser.Driver.Navigate().GoToUrl(app.Url("/seller/digest"));
        browser.WaitFor(d => d.FindElement(By.Id("digest-form")).Displayed, "the digest settings");
        Assert.True(browser.Driver.FindElement(By.Id("digest-telegram")).Selected, "the bot's digest stays on");
        Assert.False(browser.Driver.FindElement(By.Id("digest-email")).Selected, "the mails are off");
        Assert.Empty(browser.ConsoleErrors());
    }

    private async Task RunAsync(string work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await app.Services.GetServices<IScheduledWork>().Single(w => w.Name == work).RunAsync(scope.ServiceProvider, Ct);
    }
}
