using System.Globalization;
using Custodian.Modules.Marketplace;
using Custodian.Modules.Marketplace.Sellers;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Simulators.Wildberries;
using Custodian.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;

namespace Custodian.Browser.Tests;

/// <summary>The app with Wildberries, Ozon and Telegram Bot API stand-ins, so sellers can sign in with Telegram and connect keys.</summary>
public sealed class RunningAppWithMarketplace : RunningApp
{
    public const string BotToken = "5151:browser-tests-bot-token";

    public WildberriesSimulator Wildberries => Host.Wildberries;

    public Custodian.Simulators.Telegram.TelegramBotApiSimulator Telegram => Host.Telegram;

    public Custodian.Simulators.Ozon.OzonSimulator Ozon => Host.Ozon;

    protected override CustodianHostBuilder Compose(CustodianHostBuilder builder) =>
        (builder ?? throw new ArgumentNullException(nameof(builder)))
            .WithWildberries(new WildberriesSimulatorOptions { RequestsPerWindow = 1000 })
            .WithOzon(new Custodian.Simulators.Ozon.OzonSimulatorOptions())
            .WithTelegramBot(BotToken);

    private static int _logins;

    /// <summary>
    /// A seller signed up through Telegram with one Wildberries and one Ozon account from the stand-ins' sellers
    /// <paramref name="wildberriesSeed"/> and <paramref name="ozonSeed"/>, collected once (all datasets, or the ones
    /// named); the fixture keeps them for the next test of the class.
    /// </summary>
    public async Task<(Guid SellerId, IReadOnlyList<Guid> Accounts)> CollectedSellerAsync(long telegramUser, string email, int wildberriesSeed, int ozonSeed, IReadOnlyList<string>? datasets = null)
    {
        var ct = TestContext.Current.CancellationToken;
        await ActiveSellerWithTelegramAsync(telegramUser, email);
        await using var scope = Services.CreateAsyncScope();
        var sellers = scope.ServiceProvider.GetRequiredService<SellerAccounts>();
        var sellerId = (await sellers.FindByTelegramAsync(telegramUser, ct))!.Value.SellerId;
        var accounts = await sellers.AccountsAsync(sellerId, ct);
        if (accounts.Count == 0)
        {
            await sellers.ConnectWildberriesAsync(sellerId, Wildberries.Tokens.Issue(wildberriesSeed, WildberriesCategories.All, Today.AddDays(90)), ct);
            var (clientId, apiKey) = Ozon.Keys.Issue(ozonSeed);
            await sellers.ConnectOzonAsync(sellerId, clientId, apiKey, ct);
            accounts = await sellers.AccountsAsync(sellerId, ct);
            var sync = scope.ServiceProvider.GetRequiredService<Custodian.Modules.Marketplace.Collection.SyncMarketplace>();
            foreach (var account in accounts)
            {
                var prefix = account.Marketplace == Custodian.Modules.Marketplace.Accounts.MarketplaceKind.Wildberries ? "wb-" : "ozon-";
                foreach (var dataset in datasets is null ? [null] : datasets.Where(d => d.StartsWith(prefix, StringComparison.Ordinal)).Cast<string?>())
                {
                    Assert.All(await sync.RunAsync(account.Id, dataset, null, null, onlyDue: false, ct), o => Assert.Null(o.Problem));
                }
            }
        }

        return (sellerId, [.. accounts.Select(a => a.Id)]);
    }

    /// <summary>The Overview of everything the seller sees, straight from the query the page uses.</summary>
    internal async Task<Custodian.Modules.Marketplace.Dashboards.Overview> OverviewAsync(Guid sellerId, Custodian.Modules.Marketplace.Dashboards.DashboardFilter filter)
    {
        await using var scope = Services.CreateAsyncScope();
        var accounts = await scope.ServiceProvider.GetRequiredService<Custodian.Modules.Marketplace.Dashboards.DashboardScope>().VisibleAsync(sellerId, TestContext.Current.CancellationToken);
        return await scope.ServiceProvider.GetRequiredService<Custodian.Modules.Marketplace.Dashboards.OverviewQuery>().RunAsync(accounts, filter, TestContext.Current.CancellationToken);
    }

    public async Task ActiveSellerWithTelegramAsync(long user, string email)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDb>();
        var index = SellerRecord.TelegramIndexOf(scope.ServiceProvider.GetRequiredService<IPersonalDataVault>(), user);
        if (await db.Sellers.AnyAsync(s => s.TelegramIndex == index, TestContext.Current.CancellationToken))
        {
            return;
        }

        var seller = await scope.ServiceProvider.GetRequiredService<AddSeller>().AddAsync(email, "Анна", "telegram", confirmed: true, TestContext.Current.CancellationToken);
        var stored = await db.Sellers.SingleAsync(s => s.Id == seller.Id, TestContext.Current.CancellationToken);
        stored.TelegramIndex = index;
        stored.TelegramChatId = await scope.ServiceProvider.GetRequiredService<IPersonalDataVault>().SealAsync(
            KeyScope.Subject(new SubjectId(stored.SubjectId)), SellerRecord.Field(stored.Id, "telegram_chat_id"), user.ToString(CultureInfo.InvariantCulture), TestContext.Current.CancellationToken);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>The Telegram login as a person completes it: the widget's redirect, then the button on that page.</summary>
    public void SignInWithTelegram(Browser browser, long userId)
    {
        browser.Driver.Navigate().GoToUrl(Url(LoginUrl(userId, tamper: false)));
        browser.WaitFor(d => d.FindElement(By.Id("telegram-continue")), "the Telegram sign-in button").Click();
    }

    /// <summary>
    /// The redirect the Telegram Login Widget makes after the person confirms in Telegram. Each one is signed a second
    /// apart (the test clock stands still), as two logins in Telegram would be: a payload signs in once.
    /// </summary>
    public string LoginUrl(long userId, bool tamper)
    {
        var fields = new Dictionary<string, string>
        {
            ["id"] = userId.ToString(CultureInfo.InvariantCulture),
            ["first_name"] = "Anna",
            ["username"] = "anna_sells",
            ["auth_date"] = Clock.GetUtcNow().AddSeconds(-Interlocked.Increment(ref _logins)).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        };
        fields["hash"] = Convert.ToHexStringLower(TelegramLogin.Sign(fields, RunningAppWithMarketplace.BotToken));
        if (tamper)
        {
            fields["id"] = (userId + 1).ToString(CultureInfo.InvariantCulture);
        }

        return "/account/telegram?" + string.Join('&', fields.Select(f => f.Key + "=" + Uri.EscapeDataString(f.Value)));
    }
}

/// <summary>A seller signs in with Telegram (login widget data checked on the server), connects a Wildberries token and revokes it.</summary>
public sealed class SellerAccountTests(RunningAppWithMarketplace app) : IClassFixture<RunningAppWithMarketplace>
{
    private const long TelegramUser = 424_242;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_seller_signs_in_with_telegram_connects_a_wildberries_token_and_revokes_it()
    {
        await ActiveSellerWithTelegramAsync();
        using var browser = Browser.Start();

        browser.Driver.Navigate().GoToUrl(app.Url(LoginUrl(TelegramUser, tamper: true)));
        browser.WaitFor(d => d.FindElement(By.Id("telegram-refused")).Displayed, "a forged login refused");
        Assert.All(browser.ConsoleErrors(), e => Assert.Contains("status of 400", e, StringComparison.Ordinal)); // the refusal is a 400, nothing else
        SignInWithTelegram(browser, TelegramUser);
        browser.WaitFor(d => d.FindElement(By.Id("no-accounts")).Displayed, "the seller page");

        browser.Driver.FindElement(By.Id("token")).SendKeys("not-a-wildberries-token-at-all");
        browser.Driver.FindElement(By.Id("connect-button")).Click();
        browser.WaitFor(d => d.FindElement(By.Id("token-error")).Displayed, "the refused token explained");
        Assert.All(browser.ConsoleErrors(), e => Assert.Contains("status of 400", e, StringComparison.Ordinal));

        var token = app.Wildberries.Tokens.Issue(31, WildberriesCategories.Statistics | WildberriesCategories.Content, app.Clock.GetUtcNow().AddDays(120));
        browser.Driver.FindElement(By.Id("token")).SendKeys(token);
        browser.Driver.FindElement(By.Id("connect-button")).Click();
        browser.WaitFor(d => d.FindElement(By.Id("accounts")).Displayed, "the connected account");
        var row = browser.Driver.FindElement(By.CssSelector("#accounts tbody tr")).Text;
        Assert.Contains("…" + token[^4..], row, StringComparison.Ordinal);
        Assert.Contains("analytics", row, StringComparison.Ordinal); // categories the token lacks are named
        Assert.DoesNotContain(token[..30], browser.Driver.PageSource, StringComparison.Ordinal);
        browser.Screenshot("seller-account-connected");

        browser.Driver.FindElement(By.CssSelector("button.revoke")).Click();
        browser.WaitFor(d => d.FindElement(By.Id("no-accounts")).Displayed, "the revoked account gone");
        Assert.Empty(browser.ConsoleErrors());
    }

    [Fact]
    public async Task A_telegram_login_completes_with_the_button_on_its_page_and_the_same_link_is_refused_afterwards()
    {
        const long user = 323_232;
        await ActiveSellerWithTelegramAsync(user, "seller.telegram@example.ru");
        var login = app.Url(LoginUrl(user, tamper: false));
        using var browser = Browser.Start();

        browser.Driver.Navigate().GoToUrl(login);
        var account = browser.WaitFor(d => d.FindElement(By.Id("telegram-account")), "the question which Telegram account");
        Assert.Contains("Anna", account.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("anna_sells", account.Text, StringComparison.Ordinal);
        browser.Screenshot("telegram-login-continue");
        browser.Driver.FindElement(By.Id("telegram-continue")).Click();
        browser.WaitFor(d => d.FindElement(By.Id("seller-email")).Text.Contains("seller.telegram@example.ru", StringComparison.Ordinal), "the seller page");
        Assert.Empty(browser.ConsoleErrors());

        browser.Driver.FindElement(By.CssSelector("#sign-out button")).Click();
        browser.WaitFor(d => d.FindElement(By.Id("signed-out")).Displayed, "signed out");
        browser.Driver.Navigate().GoToUrl(login);
        browser.WaitFor(d => d.FindElement(By.Id("telegram-used")).Displayed, "the used login refused");
        Assert.Empty(browser.Driver.FindElements(By.Id("telegram-continue")));
        Assert.All(browser.ConsoleErrors(), e => Assert.Contains("status of 400", e, StringComparison.Ordinal));
        browser.Driver.Navigate().GoToUrl(app.Url("/seller"));
        browser.WaitFor(d => d.Url.Contains("/account/sign-in", StringComparison.Ordinal), "still signed out");
    }

    [Fact]
    public async Task A_seller_connects_an_ozon_account_with_client_id_and_api_key_after_a_refused_key()
    {
        const long user = 515_151;
        await ActiveSellerWithTelegramAsync(user, "seller.ozon@example.ru");
        using var browser = Browser.Start();
        SignInWithTelegram(browser, user);
        browser.WaitFor(d => d.FindElement(By.Id("no-accounts")).Displayed, "the seller page");
        var (clientId, apiKey) = app.Ozon.Keys.Issue(51);

        browser.Driver.FindElement(By.Id("ozon-client-id")).SendKeys(clientId);
        browser.Driver.FindElement(By.Id("ozon-api-key")).SendKeys(Guid.NewGuid().ToString());
        browser.Driver.FindElement(By.Id("connect-ozon-button")).Click();
        browser.WaitFor(d => d.FindElement(By.Id("ozon-error")).Text.Contains("refused", StringComparison.Ordinal), "the refused key explained");
        Assert.All(browser.ConsoleErrors(), e => Assert.Contains("status of 400", e, StringComparison.Ordinal));

        browser.Driver.FindElement(By.Id("ozon-client-id")).SendKeys(clientId);
        browser.Driver.FindElement(By.Id("ozon-api-key")).SendKeys(apiKey);
        browser.Driver.FindElement(By.Id("connect-ozon-button")).Click();
        browser.WaitFor(d => d.FindElement(By.Id("accounts")).Displayed, "the connected account");
        var row = browser.Driver.FindElement(By.CssSelector("#accounts tbody tr")).Text;
        Assert.Contains("Ozon", row, StringComparison.Ordinal);
        Assert.Contains("…" + apiKey[^4..], row, StringComparison.Ordinal);
        Assert.DoesNotContain(apiKey, browser.Driver.PageSource, StringComparison.Ordinal);
        Assert.DoesNotContain(clientId, browser.Driver.PageSource, StringComparison.Ordinal);

        browser.Driver.FindElement(By.CssSelector("button.revoke")).Click();
        browser.WaitFor(d => d.FindElement(By.Id("no-accounts")).Displayed, "the revoked account gone");
        Assert.Empty(browser.ConsoleErrors());
    }

    [Fact]
    public async Task A_seller_sees_the_trial_and_the_plans_and_then_the_paid_plan_that_follows_it()
    {
        const long user = 616_161;
        await ActiveSellerWithTelegramAsync(user, "seller.plan@example.ru");
        using var browser = Browser.Start();
        SignInWithTelegram(browser, user);
        browser.WaitFor(d => d.FindElement(By.Id("plan-state")).Displayed, "the plan on the seller page");

        var trialEnd = Custodian.Modules.Marketplace.Subscriptions.SellerPlan.DayOf(app.Clock.GetUtcNow().UtcDateTime.AddDays(14)).ToString("d", CultureInfo.GetCultureInfo("en"));
        var state = browser.Driver.FindElement(By.Id("plan-state"));
        Assert.Equal("trial", state.GetAttribute("data-plan"));
        Assert.Contains($"Free trial until {trialEnd}.", state.Text, StringComparison.Ordinal);
        Assert.Contains("Accounts collecting: 0 of 3.", state.Text, StringComparison.Ordinal);
        var plans = browser.Driver.FindElements(By.CssSelector("#plan-list tbody tr")).Select(r => r.Text).ToList();
        Assert.Equal(["Start 1", "Business 5"], plans);
        Assert.EndsWith("/billing/plans", browser.Driver.FindElement(By.Id("choose-plan")).GetAttribute("href"), StringComparison.Ordinal); // prices are billing's

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var index = SellerRecord.TelegramIndexOf(scope.ServiceProvider.GetRequiredService<IPersonalDataVault>(), user);
            var seller = await scope.ServiceProvider.GetRequiredService<MarketplaceDb>().Sellers.Where(s => s.TelegramIndex == index).Select(s => s.Id).SingleAsync(Ct);
            await scope.ServiceProvider.GetRequiredService<Custodian.Modules.Marketplace.Subscriptions.ISellerSubscriptions>().RecordPaidPeriodAsync(seller, "business", 1, Ct);
        }

        browser.Driver.Navigate().Refresh();
        browser.WaitFor(d => d.FindElement(By.Id("plan-state")).Text.Contains("Then plan Business until", StringComparison.Ordinal), "the paid plan after the trial");
        browser.Screenshot("seller-plan");
        Assert.Empty(browser.ConsoleErrors());
    }

    [Fact]
    public async Task A_seller_downloads_their_data_then_deletes_the_account_and_is_signed_out()
    {
        const long user = 616_161;
        await ActiveSellerWithTelegramAsync(user, "seller.leaving@example.ru");
        using var browser = Browser.Start();
        SignInWithTelegram(browser, user);
        browser.WaitFor(d => d.FindElement(By.Id("no-accounts")).Displayed, "the seller page");
        var (clientId, apiKey) = app.Ozon.Keys.Issue(61);
        browser.Driver.FindElement(By.Id("ozon-client-id")).SendKeys(clientId);
        browser.Driver.FindElement(By.Id("ozon-api-key")).SendKeys(apiKey);
        browser.Driver.FindElement(By.Id("connect-ozon-button")).Click();
        browser.WaitFor(d => d.FindElement(By.Id("accounts")).Displayed, "the connected account");

        browser.Driver.FindElement(By.Id("download-button")).Click();
        browser.WaitFor(d => d.Url.Contains("/privacy/requests/download/", StringComparison.Ordinal), "the one-time download page");
        Assert.DoesNotContain(apiKey, browser.Driver.PageSource, StringComparison.Ordinal);

        browser.Driver.Navigate().GoToUrl(app.Url("/seller"));
        browser.Driver.FindElement(By.Id("delete-button")).Click(); // not confirmed
        browser.WaitFor(d => d.FindElement(By.Id("data-error")).Displayed, "the missing confirmation explained");
        Assert.Single(browser.Driver.FindElements(By.CssSelector("#accounts tbody tr")));
        browser.Driver.FindElement(By.Id("delete-confirm")).Click();
        browser.Driver.FindElement(By.Id("delete-button")).Click();
        browser.WaitFor(d => d.FindElement(By.Id("account-deleted")).Displayed, "the deletion confirmed");

        browser.Driver.Navigate().GoToUrl(app.Url("/seller"));
        browser.WaitFor(d => d.Url.Contains("/account/sign-in", StringComparison.Ordinal), "signed out");
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<ISellerAccounts>().FindByTelegramAsync(user, Ct));
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDb>();
        Assert.DoesNotContain(await db.Accounts.ToListAsync(Ct), a => a.KeyTail == "…" + apiKey[^4..] && a.Status != Custodian.Modules.Marketplace.Accounts.AccountStatus.Revoked);
        Assert.All(browser.ConsoleErrors(), e => Assert.Contains("status of 400", e, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_owner_invites_a_team_member_by_e_mail_who_joins_and_sees_the_accounts_without_managing_keys()
    {
        const long owner = 818_181;
        await ActiveSellerWithTelegramAsync(owner, "team.owner@example.ru");
        using var browser = Browser.Start();
        SignInWithTelegram(browser, owner);
        browser.WaitFor(d => d.FindElement(By.Id("no-accounts")).Displayed, "the owner's page");
        var (clientId, apiKey) = app.Ozon.Keys.Issue(81);
        browser.Driver.FindElement(By.Id("ozon-client-id")).SendKeys(clientId);
        browser.Driver.FindElement(By.Id("ozon-api-key")).SendKeys(apiKey);
        browser.Driver.FindElement(By.Id("connect-ozon-button")).Click();
        browser.WaitFor(d => d.FindElement(By.Id("accounts")).Displayed, "the connected account");

        browser.Driver.FindElement(By.Id("invite-email")).SendKeys("team.owner@example.ru");
        browser.Driver.FindElement(By.Id("invite-button")).Click();
        browser.WaitFor(d => d.FindElement(By.Id("team-error")).Displayed, "inviting oneself refused");
        browser.Driver.FindElement(By.Id("invite-email")).SendKeys("Analyst@Example.ru");
        browser.Driver.FindElement(By.Id("invite-button")).Click();
        browser.WaitFor(d => d.FindElement(By.CssSelector("#team-members tr.invitation")).Text.Contains("analyst@example.ru", StringComparison.Ordinal), "the open invitation");
        var link = browser.LinkIn(app.Services.GetRequiredService<Custodian.Simulators.Smtp.SmtpSimulator>(), "analyst@example.ru", "/seller/team/join/");
        browser.Driver.FindElement(By.CssSelector("#sign-out button")).Click();
        browser.WaitFor(d => d.FindElement(By.Id("signed-out")).Displayed, "the owner signed out");

        browser.Driver.Navigate().GoToUrl(link);
        browser.Driver.FindElement(By.Id("join-button")).Click();
        var team = browser.WaitFor(d => d.FindElement(By.CssSelector("section.team")), "the team on the member's page");
        Assert.Contains("team.owner@example.ru", team.Text, StringComparison.Ordinal);
        Assert.Contains("…" + apiKey[^4..], team.FindElement(By.Id("team-accounts")).Text, StringComparison.Ordinal);
        Assert.Empty(team.FindElements(By.CssSelector("button.revoke"))); // a member sees, does not manage keys
        Assert.Contains("analyst@example.ru", browser.Driver.FindElement(By.Id("seller-email")).Text, StringComparison.Ordinal);
        Assert.All(browser.ConsoleErrors(), e => Assert.Contains("status of 400", e, StringComparison.Ordinal));

        browser.Driver.Navigate().GoToUrl(link);
        browser.WaitFor(d => d.FindElement(By.Id("invitation-invalid")).Displayed, "the used link refused");
    }

    [Fact]
    public async Task A_seller_agrees_to_news_on_the_page_and_withdraws_again_in_the_consent_ledger()
    {
        const long user = 919_191;
        await ActiveSellerWithTelegramAsync(user, "seller.news@example.ru");
        using var browser = Browser.Start();
        SignInWithTelegram(browser, user);
        browser.WaitFor(d => d.FindElement(By.Id("marketing-state")).Displayed, "the consent section");

        browser.Driver.FindElement(By.Id("marketing-button")).Click();
        browser.WaitFor(d => d.FindElement(By.Id("seller-message")).Displayed, "the agreement recorded");
        Assert.True(await MarketingAsync(user));
        browser.Driver.FindElement(By.Id("marketing-button")).Click();
        browser.WaitFor(d => d.FindElement(By.Id("marketing-button")).Text.Length > 0 && !d.PageSource.Contains("Withdraw consent", StringComparison.Ordinal), "the withdrawal recorded");
        Assert.False(await MarketingAsync(user));
        Assert.Empty(browser.ConsoleErrors());
    }

    private async Task<bool> MarketingAsync(long telegramUser)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var sellers = scope.ServiceProvider.GetRequiredService<ISellerAccounts>();
        var seller = await sellers.FindByTelegramAsync(telegramUser, Ct);
        return await sellers.MarketingConsentAsync(seller!.Value.SellerId, Ct);
    }

    [Fact]
    public async Task A_signed_in_seller_signs_out_from_the_header()
    {
        const long user = 717_171;
        await ActiveSellerWithTelegramAsync(user, "seller.out@example.ru");
        using var browser = Browser.Start();
        SignInWithTelegram(browser, user);
        browser.WaitFor(d => d.FindElement(By.Id("seller-email")).Displayed, "the seller page");

        browser.Driver.FindElement(By.CssSelector("#sign-out button")).Click();

        browser.WaitFor(d => d.FindElement(By.Id("signed-out")).Displayed, "signed out");
        browser.Driver.Navigate().GoToUrl(app.Url("/seller"));
        browser.WaitFor(d => d.Url.Contains("/account/sign-in", StringComparison.Ordinal), "the sign-in page again");
        Assert.Empty(browser.ConsoleErrors());
    }

    [Fact]
    public async Task The_sellers_sign_in_page_shows_the_telegram_login_widget_for_the_bot_with_a_policy_that_allows_it()
    {
        var configuration = app.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>();
        configuration["Telegram:LoginWidget"] = "true";
        try
        {
            using var browser = Browser.Start();
            browser.Driver.Navigate().GoToUrl(app.Url("/account/sign-in"));
            browser.Driver.FindElement(By.Id("seller-link")).Click();
            var widget = browser.WaitFor(d => d.FindElement(By.CssSelector("#telegram-login script")), "the widget");
            Assert.Equal("custodian_demo_bot", widget.GetAttribute("data-telegram-login"));
            Assert.EndsWith("/account/telegram", widget.GetAttribute("data-auth-url"), StringComparison.Ordinal);
            browser.ConsoleErrors(); // telegram.org cannot be reached from tests: its script fails to load here, nothing else

            using var http = new HttpClient();
            using var response = await http.GetAsync(app.Url("/account/seller-link"), Ct);
            var policy = response.Headers.GetValues("Content-Security-Policy").Single();
            Assert.Contains("script-src 'self' https://telegram.org", policy, StringComparison.Ordinal);
            Assert.Contains("frame-src https://oauth.telegram.org", policy, StringComparison.Ordinal);
            using var other = await http.GetAsync(app.Url("/privacy"), Ct);
            Assert.DoesNotContain("telegram.org", other.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        }
        finally
        {
            configuration["Telegram:LoginWidget"] = "false";
        }
    }

    [Fact]
    public async Task A_seller_signs_in_with_a_link_sent_to_the_confirmed_address_once()
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AddSeller>().AddAsync("seller.link@example.ru", null, "operator", confirmed: true, Ct);
        }

        using var browser = Browser.Start();
        browser.Driver.Navigate().GoToUrl(app.Url("/account/sign-in"));
        browser.Driver.FindElement(By.Id("seller-link")).Click();
        browser.Driver.FindElement(By.Id("email")).SendKeys("Seller.Link@example.ru");
        browser.Driver.FindElement(By.Id("send-link")).Click();
        browser.WaitFor(d => d.FindElement(By.Id("link-sent")).Displayed, "the neutral notice");
        var link = browser.LinkIn(app.Services.GetRequiredService<Custodian.Simulators.Smtp.SmtpSimulator>(), "seller.link@example.ru", "/account/seller-link/");

        browser.Driver.Navigate().GoToUrl(link);
        browser.Driver.FindElement(By.Id("sign-in-button")).Click();
        browser.WaitFor(d => d.FindElement(By.Id("seller-email")).Text.Contains("seller.link@example.ru", StringComparison.Ordinal), "the seller page");
        Assert.Empty(browser.ConsoleErrors());

        browser.Driver.Navigate().GoToUrl(link);
        browser.WaitFor(d => d.FindElement(By.Id("link-invalid")).Displayed, "the used link refused");
    }

    [Fact]
    public void The_seller_page_needs_a_signed_in_seller()
    {
        using var browser = Browser.Start();
        browser.Driver.Navigate().GoToUrl(app.Url("/seller"));
        browser.WaitFor(d => d.Url.Contains("/account/sign-in", StringComparison.Ordinal), "the sign-in page");
    }

    [Fact]
    public async Task An_operator_answers_a_sellers_support_message_in_telegram()
    {
        await ActiveSellerWithTelegramAsync();
        app.Telegram.UserSays(TelegramUser, "Почему нет продаж за вчера?");
        Assert.Contains("передано в поддержку", (await app.Telegram.NextMessageToAsync(TelegramUser)).Text, StringComparison.Ordinal);

        using var browser = await OperatorSession.SignInAsync(app);
        browser.Driver.Navigate().GoToUrl(app.Url("/operator/support"));
        var thread = browser.WaitFor(d => d.FindElement(By.CssSelector("section.thread.unanswered")), "the unanswered thread");
        Assert.Contains("Почему нет продаж за вчера?", thread.Text, StringComparison.Ordinal);
        thread.FindElement(By.TagName("textarea")).SendKeys("Данные за вчера придут после 03:00 МСК.");
        thread.FindElement(By.CssSelector("button.reply")).Click();

        browser.WaitFor(d => d.FindElement(By.Id("support-notice")).Displayed, "the answer sent");
        Assert.Contains("Данные за вчера придут после 03:00 МСК.", (await app.Telegram.NextMessageToAsync(TelegramUser)).Text, StringComparison.Ordinal);
        Assert.Empty(browser.Driver.FindElements(By.CssSelector("section.thread.unanswered")));
        Assert.Empty(browser.ConsoleErrors());
    }

    private Task ActiveSellerWithTelegramAsync(long user = TelegramUser, string email = "seller.web@example.ru") => app.ActiveSellerWithTelegramAsync(user, email);

    private void SignInWithTelegram(Browser browser, long userId) => app.SignInWithTelegram(browser, userId);

    private string LoginUrl(long userId, bool tamper) => app.LoginUrl(userId, tamper);
}
