using System.Globalization;
using System.Net;
using Custodian.Modules.Marketplace.Sellers;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Marketplace.Tests;

/// <summary>
/// Telegram login: the widget's redirect (a GET) only shows a button; the button's POST with the form token signs the
/// seller in, once per signed payload across parallel requests, and only within minutes of Telegram's signature.
/// Both records engines.
/// </summary>
public sealed class TelegramSignInTests
{
    private const string BotToken = "4343:telegram-sign-in-tests-token";
    private const int Parallel = 20;
    private static readonly DateTimeOffset Start = new(2026, 11, 16, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<RecordsProvider> Engines => [RecordsProvider.Sqlite, RecordsProvider.Postgres];

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task The_redirect_only_shows_a_button_whose_post_signs_in_once_when_twenty_race(RecordsProvider records)
    {
        await using var host = await StartAsync(records);
        await ActiveSellerWithTelegramAsync(host, 5001);
        var fields = Signed(5001, host.Clock.GetUtcNow());
        var url = Url(fields);

        using (var visitor = host.CreateClient())
        using (var shown = await visitor.GetAsync(new Uri(url, UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
            var page = await shown.Content.ReadAsStringAsync(Ct);
            Assert.Contains("id=\"telegram-continue\"", page, StringComparison.Ordinal);
            Assert.Contains("Continue as the Telegram account Anna?", page, StringComparison.Ordinal);
            Assert.DoesNotContain("custodian.session=", visitor.CookieHeader, StringComparison.Ordinal);
        }

        var clients = Enumerable.Range(0, Parallel).Select(_ => host.CreateClient()).ToList();
        try
        {
            var tokens = await Task.WhenAll(clients.Select(c => c.AntiforgeryTokenAsync(url, Ct)));
            using var go = new SemaphoreSlim(0, Parallel);
            var presses = clients.Select(async (client, i) =>
            {
                using var form = new FormUrlEncodedContent([.. fields, new("__RequestVerificationToken", tokens[i])]);
                await go.WaitAsync(Ct);
                using var response = await client.PostAsync(new Uri("/account/telegram", UriKind.Relative), form, Ct);
                return response.StatusCode;
            }).ToList();
            go.Release(Parallel);
            var statuses = await Task.WhenAll(presses);

            Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.Redirect));
            Assert.Equal(Parallel - 1, statuses.Count(s => s == HttpStatusCode.BadRequest));
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }

        using var later = host.CreateClient();
        using var replayed = await later.GetAsync(new Uri(url, UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, replayed.StatusCode);
        Assert.Contains("id=\"telegram-used\"", await replayed.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Old_future_and_forged_payloads_are_refused_with_a_page_in_the_persons_language(RecordsProvider records)
    {
        await using var host = await StartAsync(records);
        await ActiveSellerWithTelegramAsync(host, 5002);
        var now = host.Clock.GetUtcNow();
        var forged = Signed(5002, now);
        forged["id"] = "5003";

        var old = await GetInRussianAsync(host, Url(Signed(5002, now.AddMinutes(-6))));
        var future = await GetInRussianAsync(host, Url(Signed(5002, now.AddMinutes(2))));
        var tampered = await GetInRussianAsync(host, Url(forged));

        Assert.Equal(HttpStatusCode.BadRequest, old.Status);
        Assert.Contains("id=\"telegram-expired\"", old.Page, StringComparison.Ordinal);
        Assert.Contains("Этот вход через Telegram устарел", old.Page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, future.Status);
        Assert.Contains("id=\"telegram-expired\"", future.Page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, tampered.Status);
        Assert.Contains("Не удалось проверить вход через Telegram", tampered.Page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await GetInRussianAsync(host, Url(Signed(5002, now.AddMinutes(-4))))).Status);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_post_without_the_form_token_signs_nobody_in_and_leaves_the_payload_unused(RecordsProvider records)
    {
        await using var host = await StartAsync(records);
        await ActiveSellerWithTelegramAsync(host, 5004);
        var fields = Signed(5004, host.Clock.GetUtcNow());
        using var attacker = host.CreateClient();

        using var form = new FormUrlEncodedContent(fields);
        using var crossSite = await attacker.PostAsync(new Uri("/account/telegram", UriKind.Relative), form, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, crossSite.StatusCode);
        Assert.DoesNotContain("custodian.session=", attacker.CookieHeader, StringComparison.Ordinal);
        using var seller = host.CreateClient();
        using var signedIn = await seller.PostFormAsync("/account/telegram", fields, tokenFrom: Url(fields), cancellationToken: Ct);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Used_payloads_are_forgotten_once_too_old_to_be_accepted_anyway(RecordsProvider records)
    {
        await using var host = await StartAsync(records);
        await ActiveSellerWithTelegramAsync(host, 5005);
        var first = Signed(5005, host.Clock.GetUtcNow());
        Assert.Equal(HttpStatusCode.Redirect, await SignInAsync(host, first));

        host.SettableClock.Advance(TimeSpan.FromMinutes(7));
        Assert.Equal(HttpStatusCode.Redirect, await SignInAsync(host, Signed(5005, host.Clock.GetUtcNow())));

        await using var scope = host.Scope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<MarketplaceDb>().UsedTelegramLogins.CountAsync(Ct));
        using var late = host.CreateClient();
        using var refused = await late.GetAsync(new Uri(Url(first), UriKind.Relative), Ct);
        Assert.Contains("id=\"telegram-expired\"", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_telegram_account_without_an_active_seller_is_told_how_to_sign_up(RecordsProvider records)
    {
        await using var host = await StartAsync(records);
        using var stranger = host.CreateClient();
        var fields = Signed(5006, host.Clock.GetUtcNow());

        using var answer = await stranger.PostFormAsync("/account/telegram", fields, tokenFrom: Url(fields), cancellationToken: Ct);

        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        Assert.Contains("id=\"telegram-unknown\"", await answer.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    private static Task<CustodianHost> StartAsync(RecordsProvider records) =>
        CustodianHost.Builder().WithRecords(records).WithClock(Start).WithTelegramBot(BotToken).WithSetting("Telegram:Mode", "off").Started().BuildAsync(Ct);

    private static Dictionary<string, string> Signed(long user, DateTimeOffset at)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["id"] = user.ToString(CultureInfo.InvariantCulture),
            ["first_name"] = "Anna",
            ["auth_date"] = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        };
        fields["hash"] = Convert.ToHexStringLower(TelegramLogin.Sign(fields, BotToken));
        return fields;
    }

    private static string Url(Dictionary<string, string> fields) =>
        "/account/telegram?" + string.Join('&', fields.Select(f => f.Key + "=" + Uri.EscapeDataString(f.Value)));

    private static async Task<HttpStatusCode> SignInAsync(CustodianHost host, Dictionary<string, string> fields)
    {
        using var client = host.CreateClient();
        using var response = await client.PostFormAsync("/account/telegram", fields, tokenFrom: Url(fields), cancellationToken: Ct);
        return response.StatusCode;
    }

    private static async Task<(HttpStatusCode Status, string Page)> GetInRussianAsync(CustodianHost host, string url)
    {
        using var client = host.CreateRawClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        request.Headers.Add("Cookie", ".AspNetCore.Culture=c%3Dru%7Cuic%3Dru");
        using var response = await client.SendAsync(request, Ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    private static async Task ActiveSellerWithTelegramAsync(CustodianHost host, long user)
    {
        await using var scope = host.Scope();
        var seller = await scope.ServiceProvider.GetRequiredService<AddSeller>().AddAsync($"tg{user}@example.ru", "Анна", "telegram", confirmed: true, Ct);
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDb>();
        var stored = await db.Sellers.SingleAsync(s => s.Id == seller.Id, Ct);
        stored.TelegramIndex = SellerRecord.TelegramIndexOf(scope.ServiceProvider.GetRequiredService<IPersonalDataVault>(), user);
        await db.SaveChangesAsync(Ct);
    }
}
