using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Custodian.Modules.Marketplace.Digest;
using Custodian.Modules.Marketplace.Sellers;
using Custodian.Modules.Marketplace.Teams;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Abstractions.Requests;
using Custodian.Privacy.Abstractions.Time;
using Custodian.Simulators.Wildberries;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Custodian.Modules.Marketplace.Tests;

/// <summary>The daily digest: its figures, once per person and day, its channels and the ways to switch it off.</summary>
public sealed partial class DigestTests
{
    private const long Chat = 770_101;

    private static readonly WildberriesSimulatorOptions WildberriesFast = new() { RequestsPerWindow = 10_000, Products = 12, Days = 40 };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_digest_of_yesterday_carries_the_days_orders_and_revenue_against_the_day_before_in_telegram_and_by_mail()
    {
        await using var world = await WorldAtSendHourAsync();
        var (account, seller, email) = await CollectedSellerAsync(world, 31, Chat);
        await world.InScopeAsync(async sp => { await sp.GetRequiredService<DigestPreferences>().SetAsync(seller, new DigestChoice(true, true), Ct); return 0; });

        await SendAsync(world);

        var day = LocalDays.Moscow(world.Clock.GetUtcNow()).AddDays(-1);
        var (orders, revenue) = Expected(world, 31, day);
        var (ordersBefore, revenueBefore) = Expected(world, 31, day.AddDays(-1));
        Assert.True(orders > 0 && ordersBefore > 0, "the stand-in has orders on both days");
        var text = await DigestMessageAsync(world, Chat);
        var ru = CultureInfo.GetCultureInfo("ru");
        Assert.StartsWith($"Сводка за {day:dd.MM.yyyy} · Wildberries", text, StringComparison.Ordinal);
        Assert.Contains($"Заказы: {orders.ToString("N0", ru)} {DigestReport.Change(orders, ordersBefore, SellerLanguage.Russian)} ({day.AddDays(-1):dd.MM}: {ordersBefore.ToString("N0", ru)})", text, StringComparison.Ordinal);
        Assert.Contains($"Выручка: {DigestReport.Money(revenue, SellerLanguage.Russian)} {DigestReport.Change(revenue, revenueBefore, SellerLanguage.Russian)}", text, StringComparison.Ordinal);
        Assert.Matches(@"Выручка: \d{1,3}( \d{3})* ₽ [▲▼=] [+−]?\d", text.Replace('\u00a0', ' '));
        Assert.Contains("Маржа появится, когда вы загрузите себестоимость.", text, StringComparison.Ordinal);
        Assert.Contains("Дашборд: https://custodian.test/seller/dashboards", text, StringComparison.Ordinal);
        Assert.EndsWith("Отключить сводку: /digest off", text, StringComparison.Ordinal);

        var mail = Assert.Single(await DigestMailsAsync(world, email));
        Assert.Equal($"Сводка за {day:dd.MM.yyyy}: заказов {orders.ToString("N0", ru)}, выручка {DigestReport.Money(revenue, SellerLanguage.Russian)}", mail.Subject);
        Assert.Contains($"Заказы: {orders.ToString("N0", ru)}", mail.TextBody, StringComparison.Ordinal);
        var link = UnsubscribeLink().Match(mail.TextBody ?? string.Empty).Value;
        Assert.Equal($"<{link}>", mail.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", mail.Headers["List-Unsubscribe-Post"]);
        Assert.DoesNotContain(link.Split('/')[^1], await world.InScopeAsync(async sp => string.Join(",", (await sp.GetRequiredService<MarketplaceDb>().DigestsSent.AsNoTracking().ToListAsync(Ct)).Select(s => Convert.ToBase64String(s.UnsubscribeTokenHash ?? [])))), StringComparison.Ordinal);
        Assert.NotEqual(Guid.Empty, account);
    }

    [Fact]
    public async Task Two_instances_running_at_once_and_a_rerun_after_a_restart_send_each_person_one_digest()
    {
        await using var world = await WorldAtSendHourAsync();
        var (_, seller, email) = await CollectedSellerAsync(world, 32, Chat);
        await world.InScopeAsync(async sp => { await sp.GetRequiredService<DigestPreferences>().SetAsync(seller, new DigestChoice(true, true), Ct); return 0; });

        await Task.WhenAll(SendAsync(world), SendAsync(world));
        await SendAsync(world);
        world.Clock.Advance(TimeSpan.FromHours(2)); // later the same day: still yesterday's digest, sent already
        await SendAsync(world);

        await DigestMessageAsync(world, Chat);
        await AssertNoMoreMessagesAsync(world, Chat);
        Assert.Single(await DigestMailsAsync(world, email));
        Assert.Equal(1, await world.InScopeAsync(sp => sp.GetRequiredService<MarketplaceDb>().DigestsSent.CountAsync(s => s.SellerId == seller, Ct)));

        world.Clock.Advance(TimeSpan.FromDays(1)); // the next morning brings the next day's digest
        await SendAsync(world);
        Assert.Contains($"Сводка за {LocalDays.Moscow(world.Clock.GetUtcNow()).AddDays(-1):dd.MM.yyyy}", await DigestMessageAsync(world, Chat), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Before_the_send_hour_nothing_is_sent_and_without_a_choice_nobody_gets_a_digest()
    {
        await using var world = await WorldAtSendHourAsync();
        var (_, seller, email) = await CollectedSellerAsync(world, 33, Chat);
        await SendAsync(world);
        await AssertNoMoreMessagesAsync(world, Chat);

        await world.InScopeAsync(async sp => { await sp.GetRequiredService<DigestPreferences>().SetAsync(seller, new DigestChoice(false, true), Ct); return 0; });
        world.Clock.Advance(TimeSpan.FromHours(22)); // 07:05 Moscow the next day
        await SendAsync(world);

        Assert.Empty(await DigestMailsAsync(world, email));
        Assert.Equal(0, await world.InScopeAsync(sp => sp.GetRequiredService<MarketplaceDb>().DigestsSent.CountAsync(Ct)));
    }

    [Fact]
    public async Task Turning_the_digest_off_in_settings_in_the_bot_and_with_the_mail_link_stops_that_channel()
    {
        await using var world = await WorldAtSendHourAsync();
        var (_, seller, email) = await CollectedSellerAsync(world, 34, Chat, telegramUser: Chat);
        world.Telegram!.UserSays(Chat, "/digest on");
        Assert.Contains("/digest off", (await world.Telegram.NextMessageToAsync(Chat)).Text, StringComparison.Ordinal);
        await world.InScopeAsync(async sp => { var p = sp.GetRequiredService<DigestPreferences>(); await p.SetAsync(seller, await p.OfAsync(seller, Ct) with { Email = true }, Ct); return 0; });
        Assert.Equal(new DigestChoice(true, true), await PreferencesAsync(world, seller));
        await SendAsync(world);
        await DigestMessageAsync(world, Chat);
        var link = new Uri(UnsubscribeLink().Match(Assert.Single(await DigestMailsAsync(world, email)).TextBody ?? string.Empty).Value);

        world.Telegram.UserSays(Chat, "/digest off");
        Assert.Contains("по почте продолжит", (await world.Telegram.NextMessageToAsync(Chat)).Text, StringComparison.Ordinal);
        Assert.Equal(new DigestChoice(false, true), await PreferencesAsync(world, seller));

        using var http = world.CreateRawClient();
        var unknown = await http.GetAsync(new Uri(link.AbsolutePath[..^5] + "xxxxx", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.DoesNotContain(email, await unknown.Content.ReadAsStringAsync(Ct), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync(new Uri("/seller/digest/off/not-a-token", UriKind.Relative), null, Ct)).StatusCode);
        var page = await http.GetAsync(new Uri(link.AbsolutePath, UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(new DigestChoice(false, true), await PreferencesAsync(world, seller)); // opening the link (a mail scanner) changes nothing
        var oneClick = await http.PostAsync(new Uri(link.AbsolutePath, UriKind.Relative), new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]), Ct);
        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
        Assert.Equal(DigestChoice.None, await PreferencesAsync(world, seller));

        world.Clock.Advance(TimeSpan.FromDays(1));
        await SendAsync(world);
        await AssertNoMoreMessagesAsync(world, Chat);
        Assert.Single(await DigestMailsAsync(world, email));
    }

    [Fact]
    public async Task A_team_member_gets_a_digest_of_their_own_over_the_teams_accounts()
    {
        await using var world = await WorldAtSendHourAsync();
        var (account, owner, ownerEmail) = await CollectedSellerAsync(world, 35, Chat);
        var memberEmail = $"member.{Guid.NewGuid():N}@example.ru";
        var member = await world.InScopeAsync(async sp =>
        {
            var added = await sp.GetRequiredService<AddSeller>().AddAsync(memberEmail, null, "team-invitation", true, Ct);
            var db = sp.GetRequiredService<MarketplaceDb>();
            db.TeamMembers.Add(new TeamMemberRecord { TeamSellerId = owner, MemberSellerId = added.Id, Role = TeamRole.Member, AddedAtUtc = world.Clock.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync(Ct);
            await sp.GetRequiredService<DigestPreferences>().SetAsync(added.Id, new DigestChoice(false, true), Ct);
            return added.Id;
        });

        await SendAsync(world);

        var day = LocalDays.Moscow(world.Clock.GetUtcNow()).AddDays(-1);
        var mail = Assert.Single(await DigestMailsAsync(world, memberEmail));
        Assert.Contains($"Заказы: {Expected(world, 35, day).Orders.ToString("N0", CultureInfo.GetCultureInfo("ru"))}", mail.TextBody, StringComparison.Ordinal);
        Assert.Empty(await DigestMailsAsync(world, ownerEmail)); // the owner chose nothing
        await AssertNoMoreMessagesAsync(world, Chat);
        Assert.NotEqual(Guid.Empty, account);
        Assert.NotEqual(owner, member);
    }

    [Fact]
    public async Task Erasing_the_person_deletes_their_digest_choice_and_sent_log_and_export_shows_the_choice()
    {
        await using var world = await WorldAtSendHourAsync();
        var (_, seller, _) = await CollectedSellerAsync(world, 36, Chat);
        await world.InScopeAsync(async sp => { await sp.GetRequiredService<DigestPreferences>().SetAsync(seller, new DigestChoice(true, false), Ct); return 0; });
        await SendAsync(world);
        await DigestMessageAsync(world, Chat);
        var subject = await world.InScopeAsync(async sp => new SubjectId((await sp.GetRequiredService<MarketplaceDb>().Sellers.SingleAsync(s => s.Id == seller, Ct)).SubjectId));
        var provider = world.Services.GetServices<IPersonalDataProvider>().OfType<SellerDataProvider>().Single();

        var exported = await world.InScopeAsync(sp => sp.GetServices<IPersonalDataProvider>().OfType<SellerDataProvider>().Single().ExportAsync(subject, SellerDataProvider.Register, Ct));
        var choice = Assert.Single(exported, r => r.Record.RecordType == "digest-preference");
        Assert.Contains(choice.Fields, f => f.Name == "digest_in_telegram" && f.Value == "yes");
        Assert.Contains(exported, r => r.Record.RecordType == "digest-sent");

        await world.InScopeAsync(sp => sp.GetServices<IPersonalDataProvider>().OfType<SellerDataProvider>().Single().EraseAsync(subject, SellerDataProvider.Register, Ct));

        Assert.False(await world.InScopeAsync(sp => sp.GetRequiredService<MarketplaceDb>().DigestPreferences.AnyAsync(p => p.SellerId == seller, Ct)));
        Assert.False(await world.InScopeAsync(sp => sp.GetRequiredService<MarketplaceDb>().DigestsSent.AnyAsync(p => p.SellerId == seller, Ct)));
        Assert.NotNull(provider);
    }

    /// <summary>A world whose clock stands at 06:05 Moscow (before the send hour), the bot running; tests move it to 09:05.</summary>
    private static async Task<MarketplaceWorld> WorldAtSendHourAsync()
    {
        var world = await MarketplaceWorld.StartAsync(AnalyticsEngineUnderTest.DuckDb, WildberriesFast, null, withBot: true);
        var now = world.Clock.GetUtcNow();
        var moscowMidnight = new DateTimeOffset(LocalDays.Moscow(now).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) - LocalDays.MoscowOffset;
        world.Clock.Set(moscowMidnight.AddDays(1).AddHours(6).AddMinutes(5));
        return world;
    }

    /// <summary>A seller with a Wildberries account collected (orders, sales, stocks, reviews) and a chat with the bot; the clock then moves to 09:05 Moscow.</summary>
    private static async Task<(Guid Account, Guid Seller, string Email)> CollectedSellerAsync(MarketplaceWorld world, int seed, long chat, long? telegramUser = null)
    {
        var account = await world.ConnectSellerAsync(seed);
        foreach (var dataset in (string[])["wb-orders", "wb-sales", "wb-stocks", "wb-feedbacks", "wb-cards"])
        {
            Assert.All(await world.SyncAsync(account, dataset), o => Assert.True(o.Problem is null, $"{o.Dataset}: {o.Problem}"));
        }

        await AccountKeyTests.GiveTheSellerAChatAsync(world, account, chat);
        var (seller, email) = await world.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<MarketplaceDb>();
            var vault = sp.GetRequiredService<IPersonalDataVault>();
            var sellerId = await db.Accounts.Where(a => a.Id == account).Select(a => a.SellerId).SingleAsync(Ct);
            var record = await db.Sellers.SingleAsync(s => s.Id == sellerId, Ct);
            if (telegramUser is { } user)
            {
                record.TelegramIndex = SellerRecord.TelegramIndexOf(vault, user);
                await db.SaveChangesAsync(Ct);
            }

            return (sellerId, (await vault.OpenAsync(record.Email, SellerRecord.EmailField(sellerId), Ct)).Value!);
        });
        world.Clock.Advance(TimeSpan.FromHours(3));
        return (account, seller, email);
    }

    private static Task<int> SendAsync(MarketplaceWorld world) => world.InScopeAsync(sp => sp.GetRequiredService<DailyDigests>().SendAsync(Ct));

    private static Task<DigestChoice> PreferencesAsync(MarketplaceWorld world, Guid seller) => world.InScopeAsync(sp => sp.GetRequiredService<DigestPreferences>().OfAsync(seller, Ct));

    /// <summary>Orders of the Moscow day and the revenue of its sales minus returns, from the stand-in's own data.</summary>
    private static (long Orders, decimal Revenue) Expected(MarketplaceWorld world, int seed, DateOnly day)
    {
        var seller = world.Simulator.Seller(seed);
        var now = world.Simulator.NowMoscow;
        var orders = seller.OrdersAt(now).LongCount(o => DateOnly.FromDateTime(o.OrderedAt) == day);
        var revenue = seller.SalesAt(now).Where(s => DateOnly.FromDateTime(s.SoldAt) == day).Sum(s => s.SaleId[0] == 'S' ? Math.Abs(s.PriceWithDisc) : s.SaleId[0] == 'R' ? -Math.Abs(s.PriceWithDisc) : 0m);
        return (orders, revenue);
    }

    /// <summary>The next digest in the chat (skipping other notices such as "your data is ready").</summary>
    private static async Task<string> DigestMessageAsync(MarketplaceWorld world, long chat)
    {
        while (true)
        {
            var text = (await world.Telegram!.NextMessageToAsync(chat)).Text;
            if (text.StartsWith("Сводка за", StringComparison.Ordinal))
            {
                return text;
            }
        }
    }

    private static async Task AssertNoMoreMessagesAsync(MarketplaceWorld world, long chat)
    {
        while (true)
        {
            try
            {
                var text = (await world.Telegram!.NextMessageToAsync(chat, TimeSpan.FromSeconds(1))).Text;
                Assert.DoesNotContain("Сводка за", text, StringComparison.Ordinal);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static async Task<IReadOnlyList<MimeMessage>> DigestMailsAsync(MarketplaceWorld world, string email)
    {
        var mails = new List<MimeMessage>();
        foreach (var received in world.Smtp.To(email))
        {
            var mail = await MimeMessage.LoadAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(received.Data)), Ct);
            if (mail.Subject is { } subject && subject.StartsWith("Сводка за", StringComparison.Ordinal))
            {
                mails.Add(mail);
            }
        }

        return mails;
    }

    [GeneratedRegex(@"https://custodian\.test/seller/digest/off/[A-Za-z0-9_-]+")]
    private static partial Regex UnsubscribeLink();
}
