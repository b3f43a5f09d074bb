using System.Text.RegularExpressions;
using Custodian.Modules.Marketplace.Sellers;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Custodian.Modules.Marketplace.Tests;

/// <summary>Sign-up and conversation through the bot, over the Bot API stand-in, with the confirmation mail over SMTP.</summary>
public sealed partial class SellerBotTests
{
    private const long Anna = 700_100;
    private const long Carl = 700_300;
    private const long Dana = 700_400;
    private const long Eve = 700_500;
    private const long Fred = 700_600;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_seller_signs_up_in_telegram_confirms_the_address_and_talks_to_support()
    {
        await using var world = await MarketplaceWorld.StartAsync(withBot: true);
        var telegram = world.Telegram!;

        telegram.UserSays(Anna, "/start", "Anna", "anna_sells");
        var welcome = (await telegram.NextMessageToAsync(Anna)).Text;
        Assert.Contains("пришлите адрес электронной почты", welcome, StringComparison.Ordinal);
        Assert.Contains("политикой обработки персональных данных: https://custodian.test/privacy/policy", welcome, StringComparison.Ordinal);
        telegram.UserSays(Anna, "hello");
        Assert.Contains("пришлите адрес", (await telegram.NextMessageToAsync(Anna)).Text, StringComparison.Ordinal);
        telegram.UserSays(Anna, "anna@@example");
        Assert.Contains("не похоже на адрес", (await telegram.NextMessageToAsync(Anna)).Text, StringComparison.Ordinal);
        telegram.UserSays(Anna, "Anna@Example.RU");
        Assert.Contains("мы отправили на него письмо", (await telegram.NextMessageToAsync(Anna)).Text, StringComparison.Ordinal);

        var mail = Assert.Single(world.Smtp!.To("anna@example.ru"));
        var body = (await MimeMessage.LoadAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(mail.Data)), Ct)).TextBody;
        var token = ConfirmationLink().Match(body ?? string.Empty).Groups[1].Value;
        Assert.NotEmpty(token);
        var confirmed = await world.InScopeAsync(sp => sp.GetRequiredService<ConfirmSellerEmail>().ConfirmAsync(token, Ct));
        Assert.Equal(ConfirmationOutcome.Confirmed, confirmed);
        Assert.Contains("учётная запись активна", (await telegram.NextMessageToAsync(Anna)).Text, StringComparison.Ordinal);
        Assert.Equal(ConfirmationOutcome.UnknownOrExpired, await world.InScopeAsync(sp => sp.GetRequiredService<ConfirmSellerEmail>().ConfirmAsync(token, Ct)));

        telegram.UserSays(Anna, "/status");
        var status = (await telegram.NextMessageToAsync(Anna)).Text;
        Assert.Contains("не подключены", status, StringComparison.Ordinal);
        Assert.Contains($"Тариф: Пробный период до {Subscriptions.SellerPlan.DayOf(world.Clock.GetUtcNow().UtcDateTime + Subscriptions.SellerPlan.TrialLength):dd.MM.yyyy} (осталось дней: 14), кабинетов: 0 из 3.", status, StringComparison.Ordinal);
        telegram.UserSays(Anna, "Не вижу продажи за вчера");
        Assert.Contains("передано в поддержку", (await telegram.NextMessageToAsync(Anna)).Text, StringComparison.Ordinal);
        telegram.UserSays(Anna, "/stop");
        Assert.Contains("рассылок больше не будет", (await telegram.NextMessageToAsync(Anna)).Text, StringComparison.Ordinal);

        var (seller, message) = await world.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<MarketplaceDb>();
            var vault = sp.GetRequiredService<IPersonalDataVault>();
            var s = await db.Sellers.AsNoTracking().SingleAsync(Ct);
            var m = await db.SupportMessages.AsNoTracking().SingleAsync(Ct);
            return (s, (await vault.OpenAsync(m.Text, Support.SupportMessageRecord.Field(m.Id), Ct)).Value);
        });
        Assert.Equal(SellerStatus.Active, seller.Status);
        Assert.Equal("telegram", seller.Source);
        Assert.Equal("Не вижу продажи за вчера", message);
    }

    [Fact]
    public async Task The_bot_answers_alike_for_a_registered_a_pending_and_a_free_address_and_only_the_mail_differs()
    {
        await using var world = await MarketplaceWorld.StartAsync(withBot: true);
        var telegram = world.Telegram!;
        await world.InScopeAsync(sp => sp.GetRequiredService<AddSeller>().AddAsync("taken@example.ru", null, "operator", true, Ct));
        telegram.UserSays(Carl, "pending@example.ru"); // Carl signs up and does not confirm (yet)
        await telegram.NextMessageToAsync(Carl);
        string[] conversation = ["/start", "/status", "/name Anna Ivanova", "/stop", "hello", "/help"];

        var registered = await ConversationAsync(telegram, Dana, "taken@example.ru", conversation);
        var pending = await ConversationAsync(telegram, Eve, "pending@example.ru", conversation);
        var free = await ConversationAsync(telegram, Fred, "free@example.ru", conversation);

        Assert.Equal(free, registered);
        Assert.Equal(free, pending);
        Assert.Matches(ConfirmationLink(), await BodyAsync(Assert.Single(world.Smtp.To("free@example.ru"))));
        var notice = await BodyAsync(Assert.Single(world.Smtp.To("taken@example.ru")));
        Assert.DoesNotMatch(ConfirmationLink(), notice);
        Assert.Contains("https://custodian.test/account/seller-link", notice, StringComparison.Ordinal);
        var toCarl = world.Smtp.To("pending@example.ru");
        Assert.Equal(2, toCarl.Count); // his confirmation, then the notice of Eve's try
        Assert.DoesNotMatch(ConfirmationLink(), await BodyAsync(toCarl[^1]));
        var owners = await world.InScopeAsync(sp => sp.GetRequiredService<MarketplaceDb>().Sellers.AsNoTracking().CountAsync(s => s.TelegramIndex != null, Ct));
        Assert.Equal(2, owners); // Carl and Fred; Dana and Eve took nobody's address
    }

    [Fact]
    public async Task A_stranger_cannot_flood_a_registered_address_with_mail_through_the_bot()
    {
        await using var world = await MarketplaceWorld.StartAsync(withBot: true);
        var telegram = world.Telegram!;
        await world.InScopeAsync(sp => sp.GetRequiredService<AddSeller>().AddAsync("taken@example.ru", null, "operator", true, Ct));

        var replies = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            telegram.UserSays(Dana, "taken@example.ru");
            replies.Add((await telegram.NextMessageToAsync(Dana)).Text);
        }

        Assert.Single(replies.Distinct());
        Assert.Equal(3, world.Smtp.To("taken@example.ru").Count); // as many as sign-in links (Marketplace:SignInLinks:PerAddress)
    }

    [Theory]
    [InlineData("ru", "Это не похоже на адрес электронной почты (в адресе должен быть ровно один символ @). Пришлите адрес ещё раз.")]
    [InlineData("ru-RU", "Это не похоже на адрес электронной почты (в адресе должен быть ровно один символ @). Пришлите адрес ещё раз.")]
    [InlineData(null, "Это не похоже на адрес электронной почты (в адресе должен быть ровно один символ @). Пришлите адрес ещё раз.")]
    [InlineData("en", "This does not look like an e-mail address (the address must contain exactly one @). Send the address again.")]
    [InlineData("fi", "Tämä ei näytä sähköpostiosoitteelta (osoitteessa on oltava täsmälleen yksi @). Lähetä osoite uudelleen.")]
    public async Task The_bot_says_why_an_address_is_not_valid_in_the_language_of_the_telegram_app(string? language, string expected)
    {
        await using var world = await MarketplaceWorld.StartAsync(withBot: true);

        world.Telegram!.UserSays(Anna, "anna@@example", languageCode: language);

        Assert.Equal(expected, (await world.Telegram.NextMessageToAsync(Anna)).Text);
    }

    [Fact]
    public async Task An_english_speaking_seller_is_answered_mailed_and_told_in_english()
    {
        await using var world = await MarketplaceWorld.StartAsync(withBot: true);
        var telegram = world.Telegram!;

        telegram.UserSays(Anna, "/start", languageCode: "en");
        Assert.Equal(
            "Hello! This is an analytics service for Wildberries and Ozon sellers.\nTo sign up, send your e-mail address: we will send a link to confirm it. Sent it already? Open the link in the message, or send the address again."
            + "\nBefore you sign up, read how we process personal data: https://custodian.test/privacy/policy?lang=en",
            (await telegram.NextMessageToAsync(Anna)).Text);
        telegram.UserSays(Anna, "anna@example.com", languageCode: "en-GB");
        Assert.Equal("If anna@example.com can be used, we have sent a message to it. Open the link in it within 24 hours and your account is active.", (await telegram.NextMessageToAsync(Anna)).Text);
        var mail = await MimeMessage.LoadAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Assert.Single(world.Smtp.To("anna@example.com")).Data)), Ct);
        Assert.Equal("Confirm your address — marketplace analytics", mail.Subject);

        await world.InScopeAsync(sp => sp.GetRequiredService<ConfirmSellerEmail>().ConfirmAsync(ConfirmationLink().Match(mail.TextBody ?? string.Empty).Groups[1].Value, Ct));
        Assert.StartsWith("Address confirmed: your account is active!", (await telegram.NextMessageToAsync(Anna)).Text, StringComparison.Ordinal);
        telegram.UserSays(Anna, "/status", languageCode: "en");
        Assert.Contains("No marketplace account is connected yet.", (await telegram.NextMessageToAsync(Anna)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_names_a_paid_plan_and_its_end_without_the_marketplaces_old_list_price()
    {
        await using var world = await MarketplaceWorld.StartAsync(withBot: true);
        var telegram = world.Telegram!;
        telegram.UserSays(Fred, "/start", "Fred", "fred_sells");
        await telegram.NextMessageToAsync(Fred);
        telegram.UserSays(Fred, "fred@example.ru");
        await telegram.NextMessageToAsync(Fred);
        var body = await BodyAsync(Assert.Single(world.Smtp!.To("fred@example.ru")));
        await world.InScopeAsync(sp => sp.GetRequiredService<ConfirmSellerEmail>().ConfirmAsync(ConfirmationLink().Match(body).Groups[1].Value, Ct));
        await telegram.NextMessageToAsync(Fred);
        var seller = await world.InScopeAsync(sp => sp.GetRequiredService<MarketplaceDb>().Sellers.AsNoTracking().SingleAsync(Ct));
        var state = await world.InScopeAsync(sp => sp.GetRequiredService<Subscriptions.ISellerSubscriptions>().RecordPaidPeriodAsync(seller.Id, "business", 1, Ct));
        world.Clock.Advance(Subscriptions.SellerPlan.TrialLength + TimeSpan.FromDays(1));

        telegram.UserSays(Fred, "/status");
        var status = (await telegram.NextMessageToAsync(Fred)).Text;

        Assert.Contains($"Тариф «Бизнес» оплачен до {Subscriptions.SellerPlan.DayOf(state.Next!.Value.EndsAtUtc):dd.MM.yyyy}, кабинетов: 0 из 5.", status, StringComparison.Ordinal);
        Assert.DoesNotContain("в месяц", status, StringComparison.Ordinal); // prices are billing's (ADR 0026)
    }

    /// <summary>What the bot answers <paramref name="person"/> to an address and then to each message, the address written as "ADDRESS".</summary>
    private static async Task<List<string>> ConversationAsync(Simulators.Telegram.TelegramBotApiSimulator telegram, long person, string address, IEnumerable<string> messages)
    {
        var replies = new List<string>();
        foreach (var text in messages.Prepend(address))
        {
            telegram.UserSays(person, text);
            replies.Add((await telegram.NextMessageToAsync(person)).Text.Replace(address, "ADDRESS", StringComparison.Ordinal));
        }

        return replies;
    }

    private static async Task<string> BodyAsync(Simulators.Smtp.ReceivedMail mail) =>
        (await MimeMessage.LoadAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(mail.Data)), Ct)).TextBody ?? string.Empty;

    [GeneratedRegex(@"https://custodian\.test/marketplace/confirm/([A-Za-z0-9_-]+)")]
    private static partial Regex ConfirmationLink();
}
