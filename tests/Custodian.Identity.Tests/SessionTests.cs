using System.Net;
using Custodian.Privacy.Abstractions.Access;
using Custodian.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Custodian.Identity.Tests.StaffHost;

namespace Custodian.Identity.Tests;

/// <summary>Server-side sessions: sign-out, a person's own list, administrators, expiry, on both records engines.</summary>
public sealed class SessionTests
{
    [Theory]
    [InlineData(RecordsProvider.Sqlite, Roles.SellerOwner, "/seller")]
    [InlineData(RecordsProvider.Postgres, Roles.SellerOwner, "/seller")]
    [InlineData(RecordsProvider.Sqlite, Roles.Operator, "/operator/requests")]
    [InlineData(RecordsProvider.Postgres, Roles.Operator, "/operator/requests")]
    public async Task A_cookie_saved_before_sign_out_opens_nothing_after_it(RecordsProvider records, string role, string page)
    {
        await using var host = await StartAsync(records);
        using var client = await host.CreateClientForAsync(role, Ct);
        var saved = client.CookieHeader;
        Assert.Equal(HttpStatusCode.OK, await OpenWithCookieAsync(host, saved, page));

        using var signOut = await client.PostFormAsync("/account/sign-out", [], tokenFrom: page, cancellationToken: Ct);

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, await OpenWithCookieAsync(host, saved, page)); // to the sign-in page
        Assert.Contains(await AuditActionsAsync(host), a => a.EndsWith(" session.ended:signed-out", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_a_check_cache_every_request_reads_the_session_and_sign_out_still_ends_it()
    {
        await using var host = await CustodianHost.Builder().WithClock(Start).WithSetting("Identity:Sessions:CheckCache", "00:00:00").Started().BuildAsync(Ct);
        using var seller = await host.CreateClientForAsync(Roles.SellerOwner, Ct);
        var saved = seller.CookieHeader;

        Assert.Equal(HttpStatusCode.OK, await OpenWithCookieAsync(host, saved, "/seller"));
        using (await seller.PostFormAsync("/account/sign-out", [], tokenFrom: "/seller", cancellationToken: Ct))
        {
        }

        Assert.Equal(HttpStatusCode.Redirect, await OpenWithCookieAsync(host, saved, "/seller"));
    }

    [Fact]
    public async Task A_person_sees_their_sessions_and_ends_one_of_them()
    {
        await using var host = await StartAsync(RecordsProvider.Sqlite);
        using var laptop = host.CreateClient();
        var member = await StaffSignIns.EnrolAsync(host, laptop, "ops.lena", [Roles.Operator], Ct);
        using var phone = host.CreateClient();
        phone.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36");
        await StaffSignIns.SignInAsync(host, phone, member, cancellationToken: Ct);

        using var list = await laptop.GetAsync(new Uri("/account/sessions", UriKind.Relative), Ct);
        var html = await BodyAsync(list);
        Assert.Contains("Chrome · Android", html, StringComparison.Ordinal);
        Assert.Contains("id=\"this-device\"", html, StringComparison.Ordinal);
        var phoneSession = System.Text.RegularExpressions.Regex.Matches(html, "id=\"end-([0-9a-f]{32})\"").Single().Groups[1].Value;

        using var ended = await laptop.PostFormAsync("/account/sessions?handler=End", [new("id", Guid.ParseExact(phoneSession, "N").ToString())], tokenFrom: "/account/sessions", cancellationToken: Ct);

        Assert.Contains("The session has ended", await BodyAsync(ended), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, await OpenWithCookieAsync(host, phone.CookieHeader, "/operator/requests"));
        Assert.Equal(HttpStatusCode.OK, await OpenWithCookieAsync(host, laptop.CookieHeader, "/operator/requests"));
    }

    [Fact]
    public async Task Someone_else_cannot_end_a_session_that_is_not_theirs()
    {
        await using var host = await StartAsync(RecordsProvider.Sqlite);
        using var victim = await host.CreateClientForAsync(Roles.SellerOwner, Ct);
        using var other = await host.CreateClientForAsync(Roles.SellerOwner, Ct);
        Guid victimSession;
        await using (var scope = host.Scope())
        {
            var sessions = await scope.ServiceProvider.GetRequiredService<IdentityDb>().Sessions.OrderBy(s => s.CreatedAtUtc).ToListAsync(Ct);
            victimSession = sessions.First().Id; // the victim signed in first
        }

        using var attempt = await other.PostFormAsync("/account/sessions?handler=End", [new("id", victimSession.ToString())], tokenFrom: "/account/sessions", cancellationToken: Ct);

        Assert.Contains("That session had ended already.", await BodyAsync(attempt), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await OpenWithCookieAsync(host, victim.CookieHeader, "/seller"));
    }

    [Fact]
    public async Task An_idle_session_ends_and_a_staff_session_ends_after_its_lifetime_in_use()
    {
        await using var host = await StartAsync(RecordsProvider.Sqlite);
        using var seller = await host.CreateClientForAsync(Roles.SellerOwner, Ct);
        using var staff = await host.CreateClientForAsync(Roles.Operator, Ct);
        for (var hour = 0; hour < 11; hour++)
        {
            host.SettableClock.Advance(TimeSpan.FromHours(1));
            Assert.Equal(HttpStatusCode.OK, await OpenWithCookieAsync(host, staff.CookieHeader, "/operator/requests"));
        }

        Assert.Equal(HttpStatusCode.Redirect, await OpenWithCookieAsync(host, seller.CookieHeader, "/seller")); // unused for 11 hours: idle
        host.SettableClock.Advance(TimeSpan.FromHours(1.5));
        Assert.Equal(HttpStatusCode.Redirect, await OpenWithCookieAsync(host, staff.CookieHeader, "/operator/requests")); // 12.5 hours: past the staff lifetime
    }

    [Fact]
    public async Task A_session_ended_while_requests_run_in_parallel_is_refused_from_then_on_without_a_server_error()
    {
        await using var host = await StartAsync(RecordsProvider.Sqlite);
        using var seller = await host.CreateClientForAsync(Roles.SellerOwner, Ct);
        var cookie = seller.CookieHeader;
        var account = (await ListAccountsAsync(host)).Single();

        var running = Enumerable.Range(0, 20).Select(_ => OpenWithCookieAsync(host, cookie, "/seller")).ToList();
        await using (var scope = host.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<ISessions>().EndAllAsync(account, "ended-by-administrator", Ct);
        }

        var during = await Task.WhenAll(running);
        Assert.All(during, status => Assert.Contains(status, new[] { HttpStatusCode.OK, HttpStatusCode.Redirect }));
        Assert.Equal(HttpStatusCode.Redirect, await OpenWithCookieAsync(host, cookie, "/seller"));
    }

    [Fact]
    public async Task A_cookie_re_minted_with_more_roles_than_its_session_was_opened_with_is_refused()
    {
        await using var host = await StartAsync(RecordsProvider.Sqlite);
        using var seller = await host.CreateClientForAsync(Roles.SellerOwner, Ct);
        var tickets = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>>()
            .Get(Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationDefaults.AuthenticationScheme).TicketDataFormat;
        var ticket = tickets.Unprotect(seller.Cookies.GetCookies(host.BaseAddress)["custodian.session"]!.Value)!;
        ((System.Security.Claims.ClaimsIdentity)ticket.Principal.Identity!).AddClaim(new(System.Security.Claims.ClaimTypes.Role, Roles.Operator));

        var elevated = "custodian.session=" + tickets.Protect(ticket);

        Assert.Equal(HttpStatusCode.Redirect, await OpenWithCookieAsync(host, elevated, "/operator/requests"));
        Assert.Equal(HttpStatusCode.OK, await OpenWithCookieAsync(host, seller.CookieHeader, "/seller"));
    }

    private static async Task<IReadOnlyList<string>> ListAccountsAsync(CustodianHost host)
    {
        await using var scope = host.Scope();
        return await scope.ServiceProvider.GetRequiredService<IdentityDb>().Sessions.Select(s => s.Account).Distinct().ToListAsync(Ct);
    }
}
