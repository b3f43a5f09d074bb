using System.Security.Claims;
using Custodian.Privacy.Abstractions.Access;
using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Custodian.Identity.Staff;

/// <summary>Where a staff sign-in stands after a step: signed in, a step to do next, or refused with the reason.</summary>
internal enum StaffStep
{
    SignedIn,
    SecondFactor,
    EnrolAuthenticator,
    Refused,
}

internal sealed record StaffStepResult(StaffStep Step, string? Problem = null)
{
    public static StaffStepResult Refused(string problem) => new(StaffStep.Refused, problem);
}

/// <summary><c>Identity:Staff</c>: the limits on guessing.</summary>
internal sealed class StaffSignInOptions
{
    public const string Section = "Identity:Staff";

    /// <summary>Failed passwords or codes in a row that lock an account for <see cref="LockFor"/>.</summary>
    public int AttemptsBeforeLock { get; set; } = 5;

    public TimeSpan LockFor { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Failed staff sign-ins from one address within <see cref="AddressWindow"/> before that address must wait.</summary>
    public int FailuresPerAddress { get; set; } = 20;

    public TimeSpan AddressWindow { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>
/// A staff member's sign-in, step by step: password, then a TOTP or recovery code (or enrolment of an authenticator
/// when there is none yet). Between the steps the browser holds only a short-lived "step" cookie
/// (<see cref="StepScheme"/>) that opens no page but the next step. Every failure counts towards a lock of the account
/// and towards the limit of its address; every outcome is audited.
/// </summary>
internal sealed class StaffSignInFlow(IdentityDb db, IPersonalDataVault vault, IAuditLog audit, IOptions<StaffSignInOptions> options, TimeProvider clock)
{
    public const string StepScheme = "staff-step";
    private const string StepClaim = "custodian:staff-step";
    private const string AddressIndexKind = "staff-sign-in-address";

    // Verifying against this when the handle is unknown keeps the answer time the same as for a known one.
    private static readonly Lazy<string> DummyHash = new(() => PasswordHashing.Hash("not a password of anyone"));

    /// <summary>Step 1: handle and password.</summary>
    public async Task<StaffStepResult> PasswordAsync(HttpContext http, string? handle, string? password, CancellationToken cancellationToken)
    {
        if (await AddressBlockedAsync(http, cancellationToken))
        {
            return StaffStepResult.Refused("Too many failed sign-ins from your network. Wait 15 minutes and try again.");
        }

        var wanted = (handle ?? string.Empty).Trim().ToLowerInvariant(); // handles are lower case
        var account = await db.StaffAccounts.FirstOrDefaultAsync(a => a.Handle == wanted, cancellationToken);
        if (account is { SignInMethod: StaffSignIn.OpenIdConnect })
        {
            return StaffStepResult.Refused("This account signs in with your organisation's account. Use the button below.");
        }

        var matches = PasswordHashing.Verify(password ?? string.Empty, account?.PasswordHash ?? DummyHash.Value);
        if (account?.LockedUntilUtc is { } until && until > Now)
        {
            await audit.AppendAsync(new AuditEvent(StaffAudit.Account(account), "staff.sign-in.refused:locked"), cancellationToken);
            return StaffStepResult.Refused(LockedProblem);
        }

        if (account is null || account.DisabledAtUtc is not null || account.PasswordHash is null || !matches)
        {
            await FailAsync(http, account, "password", cancellationToken);
            return StaffStepResult.Refused("The handle or the password is wrong.");
        }

        await ClearFailuresAsync(account, cancellationToken);
        var next = account.TotpSecret is null ? StaffStep.EnrolAuthenticator : StaffStep.SecondFactor;
        await StartStepAsync(http, account, next);
        return new StaffStepResult(next);
    }

    /// <summary>Step 2: a code from the authenticator app, or one of the recovery codes.</summary>
    public async Task<StaffStepResult> SecondFactorAsync(HttpContext http, string? code, CancellationToken cancellationToken)
    {
        if (await StepAccountAsync(http, StaffStep.SecondFactor, cancellationToken) is not { } account)
        {
            return StaffStepResult.Refused(StepExpired);
        }

        if (account.LockedUntilUtc is { } until && until > Now)
        {
            return StaffStepResult.Refused(LockedProblem);
        }

        var secret = (await vault.OpenAsync(account.TotpSecret!, SecretField(account), cancellationToken)).ValueOr([]);
        if (TotpCodes.Match(secret, code, clock.GetUtcNow(), account.TotpLastStep) is { } step)
        {
            // Only one request can move the step forward: a code raced in parallel is used once.
            var moved = await db.StaffAccounts.Where(a => a.Id == account.Id && (a.TotpLastStep == null || a.TotpLastStep < step))
                .ExecuteUpdateAsync(u => u.SetProperty(a => a.TotpLastStep, step), cancellationToken);
            if (moved == 1)
            {
                await CompleteAsync(http, account, SignInMethods.PasswordAndTotp, cancellationToken);
                return new StaffStepResult(StaffStep.SignedIn);
            }
        }
        else if (TotpCodes.IsReplay(secret, code, clock.GetUtcNow(), account.TotpLastStep))
        {
            await audit.AppendAsync(new AuditEvent(StaffAudit.Account(account), "staff.sign-in.refused:code-replayed"), cancellationToken);
            return StaffStepResult.Refused("This code was used already. Wait for the next code in your app.");
        }
        else if (RecoveryCodes.Normalise(code) is { Length: 12 } recovery)
        {
            var index = vault.BlindIndex(RecoveryCodes.IndexKind, recovery);
            var used = await db.RecoveryCodes.Where(c => c.CodeIndex == index && c.AccountId == account.Id && c.UsedAtUtc == null)
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.UsedAtUtc, Now), cancellationToken);
            if (used == 1)
            {
                await CompleteAsync(http, account, SignInMethods.PasswordAndRecoveryCode, cancellationToken);
                return new StaffStepResult(StaffStep.SignedIn);
            }
        }

        await FailAsync(http, account, "code", cancellationToken);
        return StaffStepResult.Refused(account.LockedUntilUtc > Now ? LockedProblem : "The code is wrong. Type the 6 digits your app shows now, or a recovery code.");
    }

    /// <summary>
    /// Re-authentication of a signed-in staff member before a dangerous action: password and a fresh code again. On
    /// success the session counts as authenticated now; failures count towards the lock like at sign-in.
    /// </summary>
    public async Task<string?> ReauthenticateAsync(HttpContext http, string? password, string? code, Sessions.ServerSessions sessions, CancellationToken cancellationToken)
    {
        var accountId = http.User.FindFirst(ClaimTypes.NameIdentifier)?.Value;
        var account = await db.StaffAccounts.FirstOrDefaultAsync(a => "staff-" + a.Handle == accountId && a.DisabledAtUtc == null, cancellationToken);
        if (account is not { SignInMethod: StaffSignIn.Password, PasswordHash: { } hash, TotpSecret: { } sealedSecret })
        {
            return "Sign in again to continue.";
        }

        if (account.LockedUntilUtc is { } until && until > Now)
        {
            return LockedProblem;
        }

        var secret = (await vault.OpenAsync(sealedSecret, SecretField(account), cancellationToken)).ValueOr([]);
        if (!PasswordHashing.Verify(password ?? string.Empty, hash)
            || TotpCodes.Match(secret, code, clock.GetUtcNow(), account.TotpLastStep) is not { } step
            || await db.StaffAccounts.Where(a => a.Id == account.Id && (a.TotpLastStep == null || a.TotpLastStep < step)).ExecuteUpdateAsync(u => u.SetProperty(a => a.TotpLastStep, step), cancellationToken) != 1)
        {
            await FailAsync(http, account, "reauthentication", cancellationToken);
            return "The password or the code is wrong.";
        }

        await ClearFailuresAsync(account, cancellationToken);
        await sessions.ReauthenticatedAsync(http.User, cancellationToken);
        await audit.AppendAsync(new AuditEvent(StaffAudit.Account(account), "staff.reauthenticated"), cancellationToken);
        return null;
    }

    /// <summary>The account of the step cookie, if it is at <paramref name="step"/> (else null: start again).</summary>
    public async Task<StaffAccountRecord?> StepAccountAsync(HttpContext http, StaffStep step, CancellationToken cancellationToken)
    {
        var result = await http.AuthenticateAsync(StepScheme);
        if (result.Principal?.FindFirst(StepClaim)?.Value is not { } value || value.Split(':') is not [var at, var id] || at != step.ToString() || !Guid.TryParse(id, out var accountId))
        {
            return null;
        }

        return await db.StaffAccounts.FirstOrDefaultAsync(a => a.Id == accountId && a.DisabledAtUtc == null, cancellationToken);
    }

    public static async Task StartStepAsync(HttpContext http, StaffAccountRecord account, StaffStep step)
    {
        var identity = new ClaimsIdentity([new Claim(StepClaim, step + ":" + account.Id.ToString("N"))], StepScheme);
        await http.SignInAsync(StepScheme, new ClaimsPrincipal(identity));
    }

    /// <summary>Signs the person in with a full session (and ends the step and any session this browser had).</summary>
    public async Task CompleteAsync(HttpContext http, StaffAccountRecord account, string method, CancellationToken cancellationToken)
    {
        await ClearFailuresAsync(account, cancellationToken);
        await http.SignOutAsync(StepScheme);
        if (http.User.Identity?.IsAuthenticated == true)
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme); // the earlier session of this browser ends
        }

        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, Principal(account, method));
        await audit.AppendAsync(new AuditEvent(StaffAudit.Account(account), "staff.signed-in:" + method), cancellationToken);
    }

    public static ClaimsPrincipal Principal(StaffAccountRecord account, string method)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, account.AccountId),
            new(ClaimTypes.Name, account.Handle),
            new(SessionClaims.Method, method),
        };
        claims.AddRange(account.RoleList.Select(r => new Claim(ClaimTypes.Role, r)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
    }

    public static Custodian.Privacy.Abstractions.Protection.FieldAddress SecretField(StaffAccountRecord account) =>
        new("identity_staff_accounts", "totp_secret", account.Id.ToString("N"));

    private const string StepExpired = "The sign-in took too long. Start again with your handle and password.";

    private const string LockedProblem = "This account is locked for a while after too many wrong attempts. Try again in 15 minutes, or ask an administrator.";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private async Task<bool> AddressBlockedAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var index = AddressIndex(http);
        var since = Now - options.Value.AddressWindow;
        return await db.SignInFailures.CountAsync(f => f.AddressIndex == index && f.AtUtc > since, cancellationToken) >= options.Value.FailuresPerAddress;
    }

    private async Task FailAsync(HttpContext http, StaffAccountRecord? account, string what, CancellationToken cancellationToken)
    {
        db.SignInFailures.Add(new SignInFailureRecord { Id = Guid.NewGuid(), AddressIndex = AddressIndex(http), AtUtc = Now });
        if (account is not null)
        {
            account.FailedAttempts++;
            if (account.FailedAttempts >= options.Value.AttemptsBeforeLock)
            {
                account.LockedUntilUtc = Now + options.Value.LockFor;
                account.FailedAttempts = 0;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(new AuditEvent(account is null ? "anonymous" : StaffAudit.Account(account),
            "staff.sign-in.failed:" + what + (account?.LockedUntilUtc > Now ? ":locked" : string.Empty)), cancellationToken);
    }

    private async Task ClearFailuresAsync(StaffAccountRecord account, CancellationToken cancellationToken)
    {
        if (account.FailedAttempts != 0 || account.LockedUntilUtc is not null)
        {
            account.FailedAttempts = 0;
            account.LockedUntilUtc = null;
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private byte[] AddressIndex(HttpContext http) => vault.BlindIndex(AddressIndexKind, http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
}
