using OpenQA.Selenium;

namespace Custodian.Browser.Tests;

/// <summary>
/// A seller shares a dashboard: the link opens in a fresh browser without sign-in, read-only, and after the seller
/// revokes it the same address shows the "no longer works" page with no data.
/// </summary>
public sealed class SellerShareLinkTests(RunningAppWithMarketplace app) : IClassFixture<RunningAppWithMarketplace>
{
    private const long TelegramUser = 626_262;

    [Fact]
    public async Task A_shared_link_opens_without_sign_in_and_shows_the_gone_page_once_revoked()
    {
        await app.CollectedSellerAsync(TelegramUser, "sharing@example.ru", 63, 64);
        using var seller = Browser.Start();
        app.SignInWithTelegram(seller, TelegramUser);
        seller.WaitFor(d => d.FindElement(By.Id("seller-email")).Displayed, "the seller page");
        seller.Driver.Navigate().GoToUrl(app.Url("/seller/dashboards/overview?period=7d"));
        seller.WaitFor(d => d.FindElement(By.Id("share-dashboard")), "the share button").Click();
        seller.WaitFor(d => d.FindElement(By.Id("share-fixed")).Selected ? true : (bool?)null, "the 7 days carried over as fixed days");
        seller.Driver.FindElement(By.Id("share-rolling")).Click();
        seller.Driver.FindElement(By.CssSelector("#share-expires option[value='7d']")).Click();
        seller.Driver.FindElement(By.Id("share-create")).Click();
        var address = seller.WaitFor(d => d.FindElement(By.Id("new-share-address")), "the new link's address").GetAttribute("value")!;
        seller.Screenshot("share-link-created");
        var path = new Uri(address).PathAndQuery;
        Assert.StartsWith("/share/", path, StringComparison.Ordinal);
        Assert.InRange(path.Length, "/share/".Length + 43, 200); // 256 random bits, base64url

        using (var visitor = Browser.Start())
        {
            visitor.Driver.Navigate().GoToUrl(app.Url(path));
            visitor.WaitFor(d => d.FindElements(By.CssSelector(".chart[data-drawn=true]")).Count >= 2 ? true : (bool?)null, "the shared overview's charts");
            Assert.Contains("shared-scope", visitor.Driver.PageSource, StringComparison.Ordinal);
            Assert.Empty(visitor.Driver.FindElements(By.Id("dashboard-filters")));
            Assert.Empty(visitor.Driver.FindElements(By.CssSelector(".export-csv")));
            Assert.Empty(visitor.Driver.FindElements(By.Id("sign-out")));
            visitor.Screenshot("share-link-open");
            Assert.Empty(visitor.ConsoleErrors());
        }

        seller.Driver.Navigate().GoToUrl(app.Url("/seller/share-links"));
        var row = seller.WaitFor(d => d.FindElement(By.CssSelector("#share-links-table tbody tr")), "the link in the list");
        Assert.Equal("1", row.FindElement(By.CssSelector(".link-views")).Text);
        row.FindElement(By.CssSelector(".revoke-link")).Click();
        seller.WaitFor(d => d.FindElement(By.Id("share-done")), "the revocation");
        seller.Screenshot("share-links-list");

        using var late = Browser.Start();
        late.Driver.Navigate().GoToUrl(app.Url(path));
        late.WaitFor(d => d.FindElement(By.Id("share-gone")), "the no-longer-works page");
        Assert.Empty(late.Driver.FindElements(By.CssSelector(".widget")));
        late.Screenshot("share-link-revoked");
    }
}
