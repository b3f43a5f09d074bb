using System.Net;
using Custodian.Privacy.Abstractions.Access;
using Custodian.Testing;
using static Custodian.Identity.Tests.StaffHost;

namespace Custodian.Identity.Tests;

/// <summary>Staff sign-in end to end over HTTP: enrolment link, password, TOTP, recovery codes, locks, on both records engines.</summary>
public sealed class StaffSignInTests
{
    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task An_operator_enrols_through_the_link_and_reaches_no_operator_page_before_the_second_factor(RecordsProvider records)
    {
        await using var host = await StartAsync(records);
        using var client = host.CreateClient();
        var link = await StaffSignIns.AddAsync(host, "ops.anna", [Roles.Operator], Ct);

        using var weak = await client.PostFormAsync(link, [new("password", "password1234"), new("repeated", "password1234")], cancellationToken: Ct);
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Contains("most commonly used", await BodyAsync(weak), StringComparison.Ordinal);
        using var chosen = await client.PostFormAsync(link, [new("password", StaffSignIns.Password), new("repeated", StaffSignIns.Password)], cancellationToken: Ct);
        Assert.Equal("/account/staff/authenticator", chosen.Headers.Location?.OriginalString);

        using (var console = await client.GetAsync(new Uri("/operator/requests", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, console.StatusCode); // the password alone opens nothing
            Assert.StartsWith("/account/sign-in", console.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
        }

        using var setup = await client.GetAsync(new Uri("/account/staff/authenticator", UriKind.Relative), Ct);
        var page = await BodyAsync(setup);
        Assert.Contains("<svg", page, StringComparison.Ordinal); // the QR code, inline
        var secret = System.Text.RegularExpressions.Regex.Match(page, "id=\"totp-secret\">([A-Z2-7]+)<").Groups[1].Value;
        var member = new StaffMember("ops.anna", StaffSignIns.Password, secret, []);
        using var wrong = await client.PostFormAsync("/account/staff/authenticator", [new("code", "000000")], cancellationToken: Ct);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        using var confirmed = await client.PostFormAsync("/account/staff/authenticator", [new("code", member.NextCode(host.Clock))], cancellationToken: Ct);
        var codes = System.Text.RegularExpressions.Regex.Matches(await BodyAsync(confirmed), "<li><code>([0-9A-Z-]{14})</code></li>");

        Assert.Equal(10, codes.Count);
        using var opened = await client.GetAsync(new Uri("/operator/requests", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        using var again = host.CreateClient();
        using var reused = await again.PostFormAsync(link, [new("password", StaffSignIns.Password), new("repeated", StaffSignIns.Password)], cancellationToken: Ct);
        Assert.Equal(HttpStatusCode.BadRequest, reused.StatusCode); // the link worked once
        var audit = await AuditActionsAsync(host);
        Assert.Contains("account:staff-ops.anna staff.authenticator-enrolled", audit);
        Assert.Contains("account:staff-ops.anna session.opened:password+totp", audit);
    }

    [Fact]
    public async Task A_code_works_once_the_previous_window_once_and_a_wrong_or_replayed_code_says_why()
    {
        await using var host = await StartAsync(RecordsProvider.Sqlite);
        using var enrolling = host.CreateClient();
        var member = await StaffSignIns.EnrolAsync(host, enrolling, "ops.boris", [Roles.Operator], Ct);
        host.SettableClock.Advance(TimeSpan.FromSeconds(30));
        using var client = host.CreateClient();

        using var badPassword = await client.PostFormAsync("/account/staff", [new("handle", "ops.boris"), new("password", "not the password at all")], cancellationToken: Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badPassword.StatusCode);
        Assert.Contains("The handle or the password is wrong.", await BodyAsync(badPassword), StringComparison.Ordinal);
        using var unknown = await client.PostFormAsync("/account/staff", [new("handle", "ops.nobody"), new("password", StaffSignIns.Password)], cancellationToken: Ct);
        Assert.Contains("The handle or the password is wrong.", await BodyAsync(unknown), StringComparison.Ordinal); // no hint that a handle exists

        using var password = await client.PostFormAsync("/account/staff", [new("handle", "ops.boris"), new("password", StaffSignIns.Password)], cancellationToken: Ct);
        Assert.Equal("/account/staff/code", password.Headers.Location?.OriginalString);
        var previousWindow = Identity.Staff.TotpCodes.CodeAt(member.Secret, host.Clock.GetUtcNow().AddSeconds(-30));
        using var replayed = await client.PostFormAsync("/account/staff/code", [new("code", previousWindow)], cancellationToken: Ct);
        Assert.Equal(HttpStatusCode.BadRequest, replayed.StatusCode); // it was the enrolment code: used already
        Assert.Contains("This code was used already", await BodyAsync(replayed), StringComparison.Ordinal);

        host.SettableClock.Advance(TimeSpan.FromSeconds(30));
        var late = Identity.Staff.TotpCodes.CodeAt(member.Secret, host.Clock.GetUtcNow().AddSeconds(-30));
        using var lateButFresh = await client.PostFormAsync("/account/staff/code", [new("code", late)], cancellationToken: Ct);
        Assert.Equal(HttpStatusCode.Redirect, lateButFresh.StatusCode); // the previous window's code, once

        using var other = host.CreateClient();
        using var secondPassword = await other.PostFormAsync("/account/staff", [new("handle", "ops.boris"), new("password", StaffSignIns.Password)], cancellationToken: Ct);
        using var sameCodeAgain = await other.PostFormAsync("/account/staff/code", [new("code", late)], cancellationToken: Ct);
        Assert.Equal(HttpStatusCode.BadRequest, sameCodeAgain.StatusCode);
    }

    [Fact]
    public async Task A_recovery_code_replaces_a_lost_phone_once()
    {
        await using var host = await StartAsync(RecordsProvider.Sqlite);
        using var enrolling = host.CreateClient();
        var member = await StaffSignIns.EnrolAsync(host, enrolling, "ops.vera", [Roles.Operator], Ct);
        var recovery = member.RecoveryCodes[3].ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal); // as a person types it

        using var first = host.CreateClient();
        await StaffSignIns.SignInAsync(host, first, member, recovery, Ct);
        using var console = await first.GetAsync(new Uri("/operator/requests", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, console.StatusCode);
        using var second = host.CreateClient();
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => StaffSignIns.SignInAsync(host, second, member, recovery, Ct));
        Assert.Contains("400", refused.Message, StringComparison.Ordinal);
        Assert.Contains("account:staff-ops.vera staff.signed-in:password+recovery-code", await AuditActionsAsync(host));
    }

    [Fact]
    public async Task Wrong_codes_lock_the_account_for_a_while_even_for_the_right_code()
    {
        await using var host = await StartAsync(RecordsProvider.Sqlite);
        using var enrolling = host.CreateClient();
        var member = await StaffSignIns.EnrolAsync(host, enrolling, "ops.gleb", [Roles.Operator], Ct);
        host.SettableClock.Advance(TimeSpan.FromMinutes(1));
        using var client = host.CreateClient();
        using (await client.PostFormAsync("/account/staff", [new("handle", "ops.gleb"), new("password", StaffSignIns.Password)], cancellationToken: Ct))
        {
        }

        for (var i = 0; i < 5; i++)
        {
            using var wrong = await client.PostFormAsync("/account/staff/code", [new("code", "12345" + i)], cancellationToken: Ct);
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        }

        using var right = await client.PostFormAsync("/account/staff/code", [new("code", member.NextCode(host.Clock))], cancellationToken: Ct);
        Assert.Contains("This account is locked", await BodyAsync(right), StringComparison.Ordinal);
        host.SettableClock.Advance(TimeSpan.FromMinutes(16));
        using var later = host.CreateClient();
        await StaffSignIns.SignInAsync(host, later, member, cancellationToken: Ct);
        Assert.Contains("account:staff-ops.gleb staff.sign-in.failed:code:locked", await AuditActionsAsync(host));
    }

    [Fact]
    public async Task Many_failures_from_one_address_stop_that_address_whatever_the_handle()
    {
        await using var host = await CustodianHost.Builder().WithClock(Start).WithSetting("Identity:Staff:FailuresPerAddress", "5").Started().BuildAsync(Ct);
        using var enrolling = host.CreateClient();
        var member = await StaffSignIns.EnrolAsync(host, enrolling, "ops.dina", [Roles.Operator], Ct);
        using var client = host.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            using var guess = await client.PostFormAsync("/account/staff", [new("handle", "ops.guess" + i), new("password", "some guessed password " + i)], cancellationToken: Ct);
        }

        using var blocked = await client.PostFormAsync("/account/staff", [new("handle", member.Handle), new("password", member.Password)], cancellationToken: Ct);

        Assert.Equal(HttpStatusCode.BadRequest, blocked.StatusCode);
        Assert.Contains("Too many failed sign-ins from your network", await BodyAsync(blocked), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Twenty_parallel_wrong_passwords_are_at_most_five_guesses_and_lock_the_account()
    {
        await using var host = await CustodianHost.Builder().WithClock(Start).WithSetting("Identity:Staff:FailuresPerAddress", "100").Started().BuildAsync(Ct);
        using var enrolling = host.CreateClient();
        var member = await StaffSignIns.EnrolAsync(host, enrolling, "ops.race", [Roles.Operator], Ct);
        var clients = Enumerable.Range(0, 20).Select(_ => host.CreateClient()).ToList();
        var tokens = await Task.WhenAll(clients.Select(c => c.AntiforgeryTokenAsync("/account/staff", Ct)));

        await Task.WhenAll(clients.Select(async (client, i) =>
        {
            using var form = new FormUrlEncodedContent([new("handle", "ops.race"), new("password", "a wrong guess number " + i), new("__RequestVerificationToken", tokens[i])]);
            using var response = await client.PostAsync(new Uri("/account/staff", UriKind.Relative), form, Ct);
        }));
        using var right = host.CreateClient();
        using var locked = await right.PostFormAsync("/account/staff", [new("handle", member.Handle), new("password", member.Password)], cancellationToken: Ct);

        Assert.Contains("This account is locked", await BodyAsync(locked), StringComparison.Ordinal);
        Assert.InRange((await AuditActionsAsync(host)).Count(a => a.StartsWith("account:staff-ops.race staff.sign-in.failed:password", StringComparison.Ordinal)), 1, 5);
        clients.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task A_second_enrolment_link_stops_working_once_the_account_enrolled_with_the_first()
    {
        await using var host = await StartAsync(RecordsProvider.Sqlite);
        var first = await StaffSignIns.AddAsync(host, "ops.twice", [Roles.Operator], Ct);
        string second;
        await using (var scope = host.Scope())
        {
            second = "/account/enrol/" + await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Staff.AddStaffAccount>(scope.ServiceProvider).LinkAsync("ops.twice", "cli:test", Ct);
        }

        using var client = host.CreateClient();
        using var chosen = await client.PostFormAsync(first, [new("password", StaffSignIns.Password), new("repeated", StaffSignIns.Password)], cancellationToken: Ct);
        using var attacker = host.CreateClient();
        using var takeover = await attacker.GetAsync(new Uri(second, UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, takeover.StatusCode);
    }
}
