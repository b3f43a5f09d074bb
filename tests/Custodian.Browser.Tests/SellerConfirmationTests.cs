using System.Security.Cryptography;
using System.Text;
using Custodian.Modules.Marketplace;
using Custodian.Modules.Marketplace.Sellers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;

namespace Custodian.Browser.Tests;

/// <summary>A seller who signed up in Telegram opens the link from the confirmation mail and confirms with the button.</summary>
public sealed class SellerConfirmationTests(RunningApp app) : IClassFixture<RunningApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_link_from_the_mail_activates_the_seller_once()
    {
        const string token = "browser-test-confirmation-token-0123456789";
        Guid sellerId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var seller = await scope.ServiceProvider.GetRequiredService<AddSeller>().AddAsync("seller.confirm@example.ru", null, "telegram", confirmed: false, Ct);
            var db = scope.ServiceProvider.GetRequiredService<MarketplaceDb>();
            var stored = await db.Sellers.SingleAsync(s => s.Id == seller.Id, Ct);
            stored.ConfirmationTokenHash = SHA256.HashData(Encoding.ASCII.GetBytes(token));
            stored.ConfirmationExpiresAtUtc = app.Clock.GetUtcNow().UtcDateTime.AddHours(1);
            await db.SaveChangesAsync(Ct);
            sellerId = seller.Id;
        }

        using var browser = Browser.Start();
        browser.Driver.Navigate().GoToUrl(app.Url("/marketplace/confirm/" + token));
        browser.Driver.FindElement(By.Id("confirm-button")).Click();
        browser.WaitFor(d => d.FindElement(By.Id("email-confirmed")).Displayed, "the confirmation");
        browser.Screenshot("seller-confirmed");

        browser.Driver.Navigate().GoToUrl(app.Url("/marketplace/confirm/" + token));
        browser.Driver.FindElement(By.Id("confirm-button")).Click();
        browser.WaitFor(d => d.FindElement(By.Id("confirm-invalid")).Displayed, "the used link refused");

        await using var check = app.Services.CreateAsyncScope();
        var status = await check.ServiceProvider.GetRequiredService<MarketplaceDb>().Sellers.Where(s => s.Id == sellerId).Select(s => s.Status).SingleAsync(Ct);
        Assert.Equal(SellerStatus.Active, status);
    }
}
