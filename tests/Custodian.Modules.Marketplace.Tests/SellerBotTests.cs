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

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_seller_signs_up_in_telegram_confirms_the_address_and_talks_to_support()
    {
        await using var world = await MarketplaceWorld.StartAsync(withBot: true);
        var telegram = world.Telegram!;

        telegram.UserSays(Anna, "/start", "Anna", "anna_sells");
        Assert.Contains("пришлите адрес электронной почты", (await telegram.NextMessageToAsync(Anna)).Text, StringComparison.Ordinal);
        telegram.UserSays(Anna, "hello");
        Assert.Contains("пришлите адрес", (await telegram.NextMessageToAsync(Anna)).Text, StringComparison.Ordinal);
        telegram.UserSays(Anna, "anna@@example");
        Assert.Contains("не похоже на адрес", (await telegram.NextMessageToAsync(Anna)).Text, StringComparison.Ordinal);
        telegram.UserSays(Anna, "Anna@Example.RU");
        Assert.Contains("Отправили ссылку", (await telegram.NextMessageToAsync(Anna)).Text, StringComparison.Ordinal);

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
    public async Task An_address_another_seller_uses_is_refused_and_the_start_of_a_known_seller_is_a_welcome_back()
    {
        await using var world = await MarketplaceWorld.StartAsync(withBot: true);
        var telegram = world.Telegram!;
        await world.ConnectSellerAsync(1); // a seller onboarded by an operator
        var taken = await world.InScopeAsync(async sp =>
            (await sp.GetRequiredService<AddSeller>().AddAsync("taken@example.ru", null, "operator", true, Ct)).Id);

        telegram.UserSays(Anna, "taken@example.ru");

        Assert.Contains("уже используется", (await telegram.NextMessageToAsync(Anna)).Text, StringComparison.Ordinal);
        Assert.Empty(world.Smtp!.To("taken@example.ru"));
        Assert.NotEqual(Guid.Empty, taken);
    }

    [GeneratedRegex(@"https://custodian\.test/marketplace/confirm/([A-Za-z0-9_-]+)")]
    private static partial Regex ConfirmationLink();
}
