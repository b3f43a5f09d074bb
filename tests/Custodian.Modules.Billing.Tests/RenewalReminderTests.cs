using System.Net;
using System.Text.RegularExpressions;
using Custodian.Modules.Billing.Plans;
using Custodian.Modules.Billing.Renewals;
using Custodian.Simulators.YooKassa;
using Custodian.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Custodian.Modules.Billing.Tests.PlanChoiceTests;

namespace Custodian.Modules.Billing.Tests;

/// <summary>
/// Billing reminds the payer by e-mail before the paid time ends (7 and 1 days before, and on the first day of grace),
/// once per stage, with a renewal link that opens that seller's renewal only and leads to the provider's checkout.
/// </summary>
public sealed partial class RenewalReminderTests
{
    private const string PayerEmail = "buh@romashka.example.ru";

    private static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The paid month bought during the trial: it follows the 14 trial days.</summary>
    private static readonly DateTimeOffset PaidEnd = Now.AddDays(14).AddMonths(1);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task A_reminder_goes_once_seven_days_before_the_paid_time_ends_and_once_more_the_day_before(RecordsProvider records)
    {
        await using var yookassa = await YooKassaSimulator.StartAsync("100500", "test_secret", cancellationToken: Ct);
        await using var host = await StartAsync(yookassa, records);
        await PaidSellerAsync(host, yookassa, "start");

        host.SettableClock.Advance(PaidEnd.AddDays(-7).AddHours(1) - host.Clock.GetUtcNow());
        var first = await RemindAsync(host) + await RemindAsync(host);
        host.SettableClock.Advance(TimeSpan.FromDays(5));
        var between = await RemindAsync(host);
        host.SettableClock.Advance(TimeSpan.FromDays(1));
        var second = await RemindAsync(host) + await RemindAsync(host);

        Assert.Equal((1, 0, 1), (first, between, second));
        var mails = Mails(host);
        Assert.Equal(2, mails.Count);
        Assert.Equal("Тариф «Старт»: оплаченный срок заканчивается 21.01.2027", mails[0].Subject);
        Assert.Contains("Оплаченный срок тарифа «Старт» заканчивается 21.01.2027.", mails[0].TextBody, StringComparison.Ordinal);
        Assert.Contains("Следующий период (месяц) стоит 1 490,00 ₽.", mails[0].TextBody.Replace('\u00a0', ' '), StringComparison.Ordinal);
        Assert.NotEqual(TokenIn(mails[0].TextBody), TokenIn(mails[1].TextBody));
    }

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task Two_rounds_at_once_as_on_two_instances_send_the_reminder_once(RecordsProvider records)
    {
        await using var yookassa = await YooKassaSimulator.StartAsync("100500", "test_secret", cancellationToken: Ct);
        await using var host = await StartAsync(yookassa, records);
        await PaidSellerAsync(host, yookassa, "start");
        host.SettableClock.Advance(PaidEnd.AddDays(-1).AddHours(1) - host.Clock.GetUtcNow());

        var sent = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => RemindAsync(host), Ct)));

        Assert.Equal(1, sent.Sum());
        Assert.Single(Mails(host));
        await using var scope = host.Scope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<BillingDb>().RenewalReminders.CountAsync(Ct));
    }

    [Fact]
    public async Task On_the_first_day_of_grace_one_more_reminder_says_the_paid_time_has_ended()
    {
        await using var yookassa = await YooKassaSimulator.StartAsync("100500", "test_secret", cancellationToken: Ct);
        await using var host = await StartAsync(yookassa, RecordsProvider.Sqlite);
        await PaidSellerAsync(host, yookassa, "start");

        host.SettableClock.Advance(PaidEnd.AddHours(2) - host.Clock.GetUtcNow());
        var onFirstDay = await RemindAsync(host) + await RemindAsync(host);
        host.SettableClock.Advance(TimeSpan.FromDays(1));
        var later = await RemindAsync(host);

        Assert.Equal((1, 0), (onFirstDay, later));
        var mail = Assert.Single(Mails(host));
        Assert.Equal("Тариф «Старт»: оплаченный срок закончился", mail.Subject);
    }

    [Fact]
    public async Task A_seller_who_reads_english_gets_the_reminder_in_english()
    {
        await using var yookassa = await YooKassaSimulator.StartAsync("100500", "test_secret", cancellationToken: Ct);
        await using var host = await StartAsync(yookassa, RecordsProvider.Sqlite);
        await PaidSellerAsync(host, yookassa, "business", "annual");
        await using (var scope = host.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<BillingDb>().Database.ExecuteSqlRawAsync("UPDATE marketplace_sellers SET language = 'en'", Ct);
        }

        host.SettableClock.Advance(Now.AddDays(14).AddMonths(12).AddDays(-7).AddHours(1) - host.Clock.GetUtcNow());
        await RemindAsync(host);

        var mail = Assert.Single(Mails(host));
        Assert.StartsWith("Plan Business: the paid time ends on ", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("The next period (a year) costs 39,900.00", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reminder_the_mail_server_refused_goes_out_in_the_next_round()
    {
        await using var yookassa = await YooKassaSimulator.StartAsync("100500", "test_secret", cancellationToken: Ct);
        await using var host = await StartAsync(yookassa, RecordsProvider.Sqlite);
        await PaidSellerAsync(host, yookassa, "start");
        host.SettableClock.Advance(PaidEnd.AddDays(-7).AddHours(1) - host.Clock.GetUtcNow());

        host.Mail.RefuseNext(1);
        var refused = await RemindAsync(host);
        var retried = await RemindAsync(host);

        Assert.Equal((0, 1), (refused, retried));
        Assert.Single(Mails(host));
    }

    [Fact]
    public async Task Neither_a_trial_nor_a_paid_time_far_from_its_end_is_reminded()
    {
        await using var yookassa = await YooKassaSimulator.StartAsync("100500", "test_secret", cancellationToken: Ct);
        await using var host = await StartAsync(yookassa, RecordsProvider.Sqlite);
        await SellerWithPayerAsync(host);
        host.SettableClock.Advance(TimeSpan.FromDays(13)); // the trial ends tomorrow: the marketplace's Telegram tells that

        Assert.Equal(0, await RemindAsync(host));
        Assert.Empty(Mails(host));
    }

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task The_link_opens_the_renewal_of_its_own_seller_and_issues_that_sellers_invoice_once(RecordsProvider records)
    {
        await using var yookassa = await YooKassaSimulator.StartAsync("100500", "test_secret", cancellationToken: Ct);
        await using var host = await StartAsync(yookassa, records);
        var starter = await PaidSellerAsync(host, yookassa, "start");
        var other = await PaidSellerAsync(host, yookassa, "business");
        host.SettableClock.Advance(PaidEnd.AddDays(-1).AddHours(1) - host.Clock.GetUtcNow());
        await RemindAsync(host);
        var tokens = Mails(host).Select(m => TokenIn(m.TextBody)).ToList();
        Assert.Equal(2, tokens.Count);
        var (links, ids) = await LinksAsync(host, tokens);
        var starterToken = tokens[ids.IndexOf(starter)];

        using var browser = host.CreateRawClient();
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ru");
        var page = WebUtility.HtmlDecode(await browser.GetStringAsync(new Uri("/billing/renew/" + starterToken, UriKind.Relative), Ct));
        var (issued, problem) = await InScopeAsync(host, sp => sp.GetRequiredService<RenewalLinks>().InvoiceAsync(links[ids.IndexOf(starter)], Ct));
        var again = await InScopeAsync(host, async sp => (await sp.GetRequiredService<RenewalLinks>().FindAsync(starterToken, Ct))!);
        var (reused, _) = await InScopeAsync(host, sp => sp.GetRequiredService<RenewalLinks>().InvoiceAsync(again, Ct));

        Assert.Contains("Тариф «Старт»: оплаченный срок заканчивается 21.01.2027.", page, StringComparison.Ordinal);
        Assert.Contains("1 490,00", page.Replace('\u00a0', ' '), StringComparison.Ordinal);
        Assert.DoesNotContain("Бизнес»: оплаченный", page, StringComparison.Ordinal);
        Assert.Null(problem);
        Assert.Equal(issued, reused);
        await using var scope = host.Scope();
        var db = scope.ServiceProvider.GetRequiredService<BillingDb>();
        var order = await db.PlanOrders.AsNoTracking().SingleAsync(o => o.InvoiceId == issued, Ct);
        Assert.Equal((starter, "start", 1_490m), (order.Account, order.PlanId, order.Amount));
        Assert.NotEqual(other, order.Account);
    }

    [Fact]
    public async Task An_unknown_or_expired_link_answers_404_without_any_of_the_sellers_data()
    {
        await using var yookassa = await YooKassaSimulator.StartAsync("100500", "test_secret", cancellationToken: Ct);
        await using var host = await StartAsync(yookassa, RecordsProvider.Sqlite);
        await PaidSellerAsync(host, yookassa, "start");
        host.SettableClock.Advance(PaidEnd.AddDays(-7).AddHours(1) - host.Clock.GetUtcNow());
        await RemindAsync(host);
        var token = TokenIn(Assert.Single(Mails(host)).TextBody);
        using var browser = host.CreateRawClient();

        using var working = await browser.GetAsync(new Uri("/billing/renew/" + token, UriKind.Relative), Ct);
        using var unknown = await browser.GetAsync(new Uri("/billing/renew/" + token[..^2] + "xy", UriKind.Relative), Ct);
        host.SettableClock.Advance(TimeSpan.FromDays(14));
        using var expired = await browser.GetAsync(new Uri("/billing/renew/" + token, UriKind.Relative), Ct);
        using var payExpired = await browser.GetAsync(new Uri("/billing/renew/" + token + "?handler=Pay", UriKind.Relative), Ct);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound), (working.StatusCode, unknown.StatusCode, expired.StatusCode, payExpired.StatusCode));
        foreach (var answer in new[] { unknown, expired, payExpired })
        {
            var body = await answer.Content.ReadAsStringAsync(Ct);
            Assert.DoesNotContain("Plan Start", body, StringComparison.Ordinal);
            Assert.DoesNotContain("1,490", body, StringComparison.Ordinal);
            Assert.DoesNotContain("Ромашка", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Reminder_days_in_the_settings_must_be_whole_days_from_1_to_60()
    {
        Assert.Equal([1, 7], new RenewalReminderOptions { DaysBefore = " 7, 1,7" }.Days());
        Assert.Empty(new RenewalReminderOptions { DaysBefore = string.Empty }.Days()!);
        Assert.Null(new RenewalReminderOptions { DaysBefore = "7,0" }.Days());
        Assert.Null(new RenewalReminderOptions { DaysBefore = "seven" }.Days());
        Assert.Null(new RenewalReminderOptions { DaysBefore = "1.5" }.Days());
    }

    internal static Task<CustodianHost> StartAsync(YooKassaSimulator yookassa, RecordsProvider records) =>
        CustodianHost.Builder().WithRecords(records).WithClock(Now).OnKestrel()
            .WithSetting("Billing:YooKassa:BaseUrl", yookassa.BaseAddress.ToString())
            .WithSetting("Billing:YooKassa:ShopId", "100500")
            .WithSetting("Billing:YooKassa:SecretKey", "test_secret")
            .WithSetting("Events:DeliveryInterval", "01:00:00")
            .WithSetting("Billing:Reminders:Every", "00:00:00") // the tests run the rounds themselves
            .BuildAsync(Ct);

    /// <summary>A seller with billing details who paid one period of <paramref name="plan"/> during the trial.</summary>
    internal static async Task<string> PaidSellerAsync(CustodianHost host, YooKassaSimulator yookassa, string plan, string cycle = "monthly")
    {
        var account = await SellerWithPayerAsync(host);
        var (invoice, _, problem) = await InScopeAsync(host, sp => sp.GetRequiredService<ChoosePlan>().OrderAsync(account, plan, cycle, Ct));
        Assert.Null(problem);
        await PayAsync(host, yookassa, account, invoice!.Id);
        await DeliverEventsAsync(host);
        return account;
    }

    /// <summary>One round of the reminders, as the scheduler runs it; returns how many went out.</summary>
    internal static async Task<int> RemindAsync(CustodianHost host)
    {
        await using var scope = host.Scope();
        return await scope.ServiceProvider.GetRequiredService<SendRenewalReminders>().RemindAsync(Ct);
    }

    internal static IReadOnlyList<Mail> Mails(CustodianHost host) =>
        [.. host.Mail.To(PayerEmail).OrderBy(m => m.ReceivedAt).Select(m => MimeKit.MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(m.Data))))
            .Select(m => new Mail(m.Subject ?? string.Empty, m.TextBody ?? string.Empty))];

    internal sealed record Mail(string Subject, string TextBody);

    internal static string TokenIn(string body) => RenewalLink().Match(body) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("No renewal link in the mail.");

    private static async Task<(List<RenewalReminderRecord> Links, List<string> Accounts)> LinksAsync(CustodianHost host, IEnumerable<string> tokens)
    {
        var links = new List<RenewalReminderRecord>();
        foreach (var token in tokens)
        {
            links.Add((await InScopeAsync(host, sp => sp.GetRequiredService<RenewalLinks>().FindAsync(token, Ct)))!);
        }

        return (links, [.. links.Select(l => l.Account)]);
    }

    [GeneratedRegex("/billing/renew/([A-Za-z0-9_-]{43})")]
    private static partial Regex RenewalLink();
}
