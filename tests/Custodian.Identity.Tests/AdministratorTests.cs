using System.Net;
using Custodian.Privacy.Abstractions.Access;
using Custodian.Testing;
using static Custodian.Identity.Tests.StaffHost;

namespace Custodian.Identity.Tests;

/// <summary>Administrators: a lost second factor reset after re-authentication, the member enrolling again; links that expire.</summary>
public sealed class AdministratorTests
{
    [Fact]
    public async Task An_administrator_confirms_it_is_them_then_resets_a_lost_second_factor_and_the_member_enrols_again()
    {
        await using var host = await StartAsync(RecordsProvider.Sqlite);
        using var adminClient = host.CreateClient();
        var admin = await StaffSignIns.EnrolAsync(host, adminClient, "admin.aino", [Roles.Administrator], Ct);
        using var memberClient = host.CreateClient();
        var member = await StaffSignIns.EnrolAsync(host, memberClient, "ops.lost", [Roles.Operator], Ct);
        host.SettableClock.Advance(TimeSpan.FromMinutes(11)); // the administrator's sign-in is no longer recent

        using var first = await adminClient.PostFormAsync("/operator/staff?handler=ResetSecondFactor", [new("handle", "ops.lost")], tokenFrom: "/operator/staff", cancellationToken: Ct);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal("/account/reauthenticate?returnUrl=%2Foperator%2Fstaff", first.Headers.Location?.OriginalString); // back to the page, not to the form's handler
        using var wrong = await adminClient.PostFormAsync("/account/reauthenticate", [new("returnUrl", "/operator/staff"), new("password", admin.Password), new("code", "000000")], cancellationToken: Ct);
        Assert.Contains("The password or the code is wrong.", await BodyAsync(wrong), StringComparison.Ordinal);
        using var confirmed = await adminClient.PostFormAsync("/account/reauthenticate", [new("returnUrl", "/operator/staff"), new("password", admin.Password), new("code", admin.NextCode(host.Clock))], cancellationToken: Ct);
        Assert.Equal("/operator/staff", confirmed.Headers.Location?.OriginalString);
        using var reset = await adminClient.PostFormAsync("/operator/staff?handler=ResetSecondFactor", [new("handle", "ops.lost")], tokenFrom: "/operator/staff", cancellationToken: Ct);
        Assert.Contains("The second factor is reset", await BodyAsync(reset), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, await OpenWithCookieAsync(host, memberClient.CookieHeader, "/operator/requests")); // their sessions ended
        using var again = host.CreateClient();
        using var password = await again.PostFormAsync("/account/staff", [new("handle", member.Handle), new("password", member.Password)], cancellationToken: Ct);
        Assert.Equal("/account/staff/authenticator", password.Headers.Location?.OriginalString); // enrol a new authenticator
        await StaffSignIns.SignInAsync(host, host.CreateClient(), member, cancellationToken: Ct);
        var audit = await AuditActionsAsync(host);
        Assert.Contains("account:staff-admin.aino staff.reauthenticated", audit);
        Assert.Contains("account:staff-admin.aino staff.2fa-reset:ops.lost", audit);
    }

    [Fact]
    public async Task Only_administrators_open_the_staff_page_and_an_enrolment_link_expires_after_a_day()
    {
        await using var host = await StartAsync(RecordsProvider.Sqlite);
        using var operatorClient = await host.CreateClientForAsync(Roles.Operator, Ct);
        using var denied = await operatorClient.GetAsync(new Uri("/operator/staff", UriKind.Relative), Ct);
        Assert.Equal("/account/denied", denied.Headers.Location?.AbsolutePath);

        var link = await StaffSignIns.AddAsync(host, "ops.late", [Roles.Operator], Ct);
        host.SettableClock.Advance(TimeSpan.FromHours(25));
        using var client = host.CreateClient();
        using var expired = await client.GetAsync(new Uri(link, UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, expired.StatusCode);
        Assert.Contains("This enrolment link is not valid", await BodyAsync(expired), StringComparison.Ordinal);
    }
}
