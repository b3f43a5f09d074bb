using System.Net;
using System.Text.RegularExpressions;
using Custodian.Modules.Marketplace.Sellers;
using Custodian.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Marketplace.Tests;

/// <summary>
/// The sellers' e-mail sign-in links: limited per target address whoever asks, mailed off the request path so the form
/// answers the same and at once for any address, and each link valid until used or expired. Both records engines.
/// </summary>
public sealed partial class SellerSignInLinkTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 16, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<RecordsProvider> Engines => [RecordsProvider.Sqlite, RecordsProvider.Postgres];

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_hundred_client_addresses_asking_for_one_sellers_address_get_it_three_links_at_most(RecordsProvider records)
    {
        await using var host = await CustodianHost.Builder().WithRecords(records).WithClock(Start).Started().BuildAsync(Ct);
        var target = await ActiveSellerAsync(host);
        var other = await ActiveSellerAsync(host);
        using var guard = Guard();

        for (var i = 1; i <= 100; i++)
        {
            using var client = host.CreateClientFrom(IPAddress.Parse($"10.0.{i / 250}.{(i % 250) + 1}"));
            using var answer = await client.PostFormAsync("/account/seller-link", [new("email", target)], cancellationToken: Ct);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode); // the per-client limit is not what stops them
        }

        using (var last = host.CreateClientFrom(IPAddress.Parse("10.1.0.1")))
        using (var answer = await last.PostFormAsync("/account/seller-link", [new("email", other)], cancellationToken: Ct))
        {
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        }

        // The mailer takes requests in order: once the last one's mail is there, every earlier one was dealt with.
        await host.Mail.MessagesToAsync(other, 1, guard.Token);
        Assert.Equal(3, host.Mail.To(target).Count);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task The_form_answers_at_once_and_alike_for_sellers_and_strangers_while_the_mail_server_hangs(RecordsProvider records)
    {
        await using var host = await CustodianHost.Builder().WithRecords(records).WithClock(Start).Started().BuildAsync(Ct);
        var first = await ActiveSellerAsync(host);
        var second = await ActiveSellerAsync(host);
        using var guard = Guard();
        host.Mail.Hang();
        try
        {
            var firstAnswer = await AskAsync(host, first, guard.Token);
            await host.Mail.Hanging.WaitAsync(guard.Token); // the mailer is stuck in the mail server with the first link

            var secondAnswer = await AskAsync(host, second, guard.Token);
            var strangerAnswer = await AskAsync(host, $"stranger.{Guid.NewGuid():N}@example.ru", guard.Token);

            Assert.Contains("id=\"link-sent\"", firstAnswer, StringComparison.Ordinal);
            Assert.Equal(firstAnswer, secondAnswer);
            Assert.Equal(firstAnswer, strangerAnswer);
            Assert.Empty(host.Mail.To(first));
        }
        finally
        {
            host.Mail.Release();
        }

        await host.Mail.MessagesToAsync(first, 1, guard.Token);
        await host.Mail.MessagesToAsync(second, 1, guard.Token);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Two_links_asked_for_in_a_row_both_sign_in_and_each_only_once(RecordsProvider records)
    {
        await using var host = await CustodianHost.Builder().WithRecords(records).WithClock(Start).Started().BuildAsync(Ct);
        var email = await ActiveSellerAsync(host);
        await SendDirectlyAsync(host, email);
        await SendDirectlyAsync(host, email);
        var links = LinksIn(host, email);
        Assert.Equal(2, links.Distinct(StringComparer.Ordinal).Count());

        foreach (var link in links)
        {
            using var browser = host.CreateClient();
            using var signedIn = await browser.PostFormAsync(link, [], cancellationToken: Ct);
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            Assert.Contains("custodian.session=", browser.CookieHeader, StringComparison.Ordinal);
        }

        using var again = host.CreateClient();
        using var refused = await again.PostFormAsync(links[0], [], cancellationToken: Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Past_the_limit_no_link_is_mailed_until_the_window_is_over_and_an_expired_link_is_refused(RecordsProvider records)
    {
        await using var host = await CustodianHost.Builder().WithRecords(records).WithClock(Start).Started().BuildAsync(Ct);
        var email = await ActiveSellerAsync(host);
        for (var i = 0; i < 4; i++)
        {
            await SendDirectlyAsync(host, email);
        }

        Assert.Equal(3, host.Mail.To(email).Count);
        host.SettableClock.Advance(TimeSpan.FromMinutes(15));
        await SendDirectlyAsync(host, email);
        Assert.Equal(4, host.Mail.To(email).Count);

        host.SettableClock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        using var browser = host.CreateClient();
        using var opened = await browser.GetAsync(new Uri(LinksIn(host, email)[^1], UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, opened.StatusCode);
    }

    private static async Task<string> ActiveSellerAsync(CustodianHost host)
    {
        var email = $"seller.{Guid.NewGuid():N}@example.ru";
        await using var scope = host.Scope();
        await scope.ServiceProvider.GetRequiredService<AddSeller>().AddAsync(email, null, "operator", confirmed: true, Ct);
        return email;
    }

    private static async Task SendDirectlyAsync(CustodianHost host, string email)
    {
        await using var scope = host.Scope();
        await scope.ServiceProvider.GetRequiredService<ISellerAccounts>().SendSignInLinkAsync(email, "en", Ct);
    }

    /// <summary>The form's answer for <paramref name="email"/>, without the per-response form tokens.</summary>
    private static async Task<string> AskAsync(CustodianHost host, string email, CancellationToken guard)
    {
        using var client = host.CreateClient();
        using var answer = await client.PostFormAsync("/account/seller-link", [new("email", email)], cancellationToken: guard);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        return FormTokenValue().Replace(await answer.Content.ReadAsStringAsync(Ct), "value=\"\"");
    }

    private static List<string> LinksIn(CustodianHost host, string email) =>
        [.. host.Mail.To(email)
            .Select(m => MimeKit.MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(m.Data))).TextBody ?? string.Empty)
            .Select(body => SellerLink().Match(body).Value)];

    /// <summary>A bound on waiting, so a page that awaited the hanging mail server fails the test instead of hanging it.</summary>
    private static CancellationTokenSource Guard()
    {
        var guard = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        guard.CancelAfter(TimeSpan.FromMinutes(1));
        return guard;
    }

    [GeneratedRegex("/account/seller-link/[A-Za-z0-9_-]+")]
    private static partial Regex SellerLink();

    [GeneratedRegex("value=\"CfDJ8[^\"]*\"")]
    private static partial Regex FormTokenValue();
}
