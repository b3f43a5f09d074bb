using System.Net;
using System.Text.RegularExpressions;
using Custodian.Identity.Staff;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Testing;

/// <summary>
/// A staff member as the tests know them: handle, password, the authenticator key they typed into their app and the
/// recovery codes they were shown. <see cref="NextCode"/> is what their app shows, never a code used before.
/// </summary>
public sealed class StaffMember(string handle, string password, string secret, IReadOnlyList<string> recoveryCodes)
{
    private long _lastStep;

    public string Handle { get; } = handle;

    public string Password { get; } = password;

    public string Secret { get; set; } = secret;

    public IReadOnlyList<string> RecoveryCodes { get; set; } = recoveryCodes;

    /// <summary>
    /// A code the server has not seen yet: the current step's, or the next step's (accepted for clock drift). A test
    /// that needs more codes than that moves its clock on (SettableClock).
    /// </summary>
    public string NextCode(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.GetUtcNow();
        var step = Math.Max(TotpCodes.StepAt(now), _lastStep + 1);
        if (step > TotpCodes.StepAt(now) + 1)
        {
            throw new InvalidOperationException("Two codes were used in this 30-second window already: advance the test's clock by 30 seconds.");
        }

        _lastStep = step;
        return TotpCodes.CodeAt(Secret, DateTimeOffset.FromUnixTimeSeconds(step * 30));
    }
}

/// <summary>
/// Staff sign-in the way a person does it: the account is added as <c>custodian staff add</c> adds it, the
/// enrolment link is opened, a password chosen, the authenticator key typed into "the app" and a code confirmed.
/// </summary>
public static partial class StaffSignIns
{
    public const string Password = "amber lantern quietly folds 42";

    /// <summary>Adds a password account; returns the path of its enrolment link (as the CLI prints it).</summary>
    public static async Task<string> AddAsync(CustodianHost host, string handle, IReadOnlyList<string> roles, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        await using var scope = host.Scope();
        var token = await scope.ServiceProvider.GetRequiredService<AddStaffAccount>().AddAsync(handle, roles, StaffSignIn.Password, "cli:test", cancellationToken);
        return "/account/enrol/" + token;
    }

    /// <summary>Adds the account and enrols it through <paramref name="client"/>, which ends up signed in.</summary>
    public static async Task<StaffMember> EnrolAsync(CustodianHost host, CustodianClient client, string handle, IReadOnlyList<string> roles, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var link = await AddAsync(host, handle, roles, cancellationToken);
        using (var chosen = await client.PostFormAsync(link, [new("password", Password), new("repeated", Password)], cancellationToken: cancellationToken))
        {
            Expect(chosen, HttpStatusCode.Redirect, "choosing the password");
        }

        var member = new StaffMember(handle, Password, await SecretAsync(client, cancellationToken), []);
        await ConfirmAuthenticatorAsync(host, client, member, cancellationToken);
        return member;
    }

    /// <summary>Signs in with handle, password and the next code (or a recovery code).</summary>
    public static async Task SignInAsync(CustodianHost host, CustodianClient client, StaffMember member, string? code = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(member);
        using (var password = await client.PostFormAsync("/account/staff", [new("handle", member.Handle), new("password", member.Password)], cancellationToken: cancellationToken))
        {
            Expect(password, HttpStatusCode.Redirect, "the password step");
            if (password.Headers.Location?.OriginalString == "/account/staff/authenticator")
            {
                member.Secret = await SecretAsync(client, cancellationToken);
                await ConfirmAuthenticatorAsync(host, client, member, cancellationToken);
                return;
            }
        }

        using var second = await client.PostFormAsync("/account/staff/code", [new("code", code ?? member.NextCode(host.Clock))], cancellationToken: cancellationToken);
        Expect(second, HttpStatusCode.Redirect, "the code step");
    }

    private static async Task ConfirmAuthenticatorAsync(CustodianHost host, CustodianClient client, StaffMember member, CancellationToken cancellationToken)
    {
        using var confirmed = await client.PostFormAsync("/account/staff/authenticator", [new("code", member.NextCode(host.Clock))], cancellationToken: cancellationToken);
        var html = await confirmed.Content.ReadAsStringAsync(cancellationToken);
        Expect(confirmed, HttpStatusCode.OK, "confirming the authenticator", html);
        member.RecoveryCodes = RecoveryCode().Matches(html).Select(m => m.Groups[1].Value).ToList();
        if (member.RecoveryCodes.Count == 0 || !client.CookieHeader.Contains("custodian.session=", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("Confirming the authenticator showed no recovery codes or set no session: " + html);
        }
    }

    private static async Task<string> SecretAsync(CustodianClient client, CancellationToken cancellationToken)
    {
        using var page = await client.GetAsync(new Uri("/account/staff/authenticator", UriKind.Relative), cancellationToken);
        var html = await page.Content.ReadAsStringAsync(cancellationToken);
        return SecretText().Match(html) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException("The authenticator page showed no key: " + html);
    }

    private static void Expect(HttpResponseMessage response, HttpStatusCode status, string step, string? body = null)
    {
        if (response.StatusCode != status)
        {
            throw new InvalidOperationException($"Staff sign-in, {step}: {(int)response.StatusCode} instead of {(int)status}. {body ?? response.Content.ReadAsStringAsync().GetAwaiter().GetResult()}");
        }
    }

    [GeneratedRegex("id=\"totp-secret\">([A-Z2-7]+)<")]
    private static partial Regex SecretText();

    [GeneratedRegex("<li><code>([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})</code></li>")]
    private static partial Regex RecoveryCode();
}
