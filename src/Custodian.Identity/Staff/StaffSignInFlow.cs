using System.Security.Claims;
using Custodian.Identity.Sessions;
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

/// <param name="Problem">An English text, the key of its translations; <paramref name="Minutes"/> fills its <c>{0}</c>.</param>
internal sealed record StaffStepResult(StaffStep Step, string? Problem = null, int? Minutes = null)
{
    public static StaffStepResult Refused(string problem, int? minutes = null) => new(StaffStep.Refused, problem, minutes);
}

/// <summary><c>Identity:Staff</c>: the limits on guessing.</summary>
internal sealed class StaffSignInOptions
{
    public const string Section = "Identity:Staff";

    /// <summary>Wrong passwords or codes in a row that lock an account for <see cref="LockFor"/>.</summary>
    public int AttemptsBeforeLock { get; set; } = 5;

    public TimeSpan LockFor { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Staff sign-in attempts from one address within <see cref="AddressWindow"/> (successful ones excepted) before that address must wait.</summary>
    public int FailuresPerAddress { get; set; } = 20;

    public TimeSpan AddressWindow { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>
/// A staff member's sign-in, step by step: password, then a TOTP or recovery code (or enrolment of an authenticator
/// when there is none). Between the steps the browser holds only a short-lived "step" cookie (<see cref="StepScheme"/>)
/// that opens no page but the next step. Every attempt is counted before it is checked, so parallel guesses cannot
/// outrun the limits: per account (a reserved attempt; a right answer gives it back) and per address (a row removed
/// when the attempt succeeds). Every outcome is audited.
/// </summary>
internal sealed class StaffSignInFlow(IdentityDb db, IPersonalDataVault vault, ServerSessions sessions, IAuditLog audit, IOptions<StaffSignInOptions> options, TimeProvider clock)
{
    public const string StepScheme = "staff-step";
    public const string TooManyFromAddress = "Too many failed sign-ins from your network. Wait {0} minutes and try again.";
    public const string Locked = "This account is locked for a while after too many wrong attempts. Try again in {0} minutes, or ask an administrator.";
    private const string StepClaim = "custodian:staff-step";
    private const string AddressIndexKind = "staff-sign-in-address";
    private const string WrongPassword = "The handle or the password is wrong.";
    private const string StepExpired = "The sign-in took too long. Start again with your handle and password.";

    // Verifying against this when the handle is unknown keeps the answer time the same as for a known one.
    private static readonly Lazy<string> DummyHash = new(() => PasswordHashing.Hash("not a password of anyone"));

    /// <summary>Step 1: handle and password. Whether a handle exists, is locked or signs in elsewhere is told only to someone who knows its password.</summary>
    public async Task<StaffStepResult> PasswordAsync(HttpContext http, string? handle, string? password, CancellationToken cancellationToken)
    {
        var wanted = (handle ?? string.Empty).Trim().ToLowerInvariant(); // handles are lower case
        // No handle holds a control character, and PostgreSQL refuses NUL in a query value: such a handle is simply unknown.
        var account = wanted.Any(char.IsControl) ? null : await db.StaffAccounts.AsNoTracking().FirstOrDefaultAsync(a => a.Handle == wanted && a.DisabledAtUtc == null, cancellationToken);
        return await AttemptAsync(http, account, "password", async () =>
        {
            var matches = PasswordHashing.Verify(password ?? string.Empty, account?.PasswordHash ?? DummyHash.Value) && account?.PasswordHash is not null;
            if (matches && PasswordHashing.NeedsRehash(account!.PasswordHash!))
            {
                await db.StaffAccounts.Where(a => a.Id == account.Id).ExecuteUpdateAsync(u => u.SetProperty(a => a.PasswordHash, PasswordHashing.Hash(password!)), cancellationToken);
            }

            return matches;
        }, async () =>
        {
            var next = account!.TotpSecret is null ? StaffStep.EnrolAuthenticator : StaffStep.SecondFactor;
            await StartStepAsync(http, account, next);
            return new StaffStepResult(next);
        }, WrongPassword, cancellationToken);
    }

    /// <summary>Step 2: a code from the authenticator app, or one of the recovery codes.</summary>
    public async Task<StaffStepResult> SecondFactorAsync(HttpContext http, string? code, CancellationToken cancellationToken)
    {
        if (await StepAccountAsync(http, StaffStep.SecondFactor, cancellationToken) is not { } account)
        {
            return StaffStepResult.Refused(StepExpired);
        }

        var method = SignInMethods.PasswordAndTotp;
        var replayed = false;
        var result = await AttemptAsync(http, account, "code", async () =>
        {
            var secret = (await vault.OpenAsync(account.TotpSecret!, SecretField(account), cancellationToken)).ValueOr([]);
            switch (TotpCodes.Check(secret, code, clock.GetUtcNow(), account.TotpLastStep, out var step))
            {
                case CodeCheck.Accepted:
                    return await UseStepAsync(account, step, cancellationToken);
                case CodeCheck.Replayed:
                    replayed = true;
                    return false;
            }

            method = SignInMethods.PasswordAndRecoveryCode;
            return RecoveryCodes.Normalise(code) is { Length: 12 } recovery
                && await db.RecoveryCodes.Where(c => c.CodeIndex == vault.BlindIndex(RecoveryCodes.IndexKind, recovery) && c.AccountId == account.Id && c.UsedAtUtc == null)
                    .ExecuteUpdateAsync(u => u.SetProperty(c => c.UsedAtUtc, Now), cancellationToken) == 1;
        }, async () =>
        {
            await CompleteAsync(http, account, method, cancellationToken);
            return new StaffStepResult(StaffStep.SignedIn);
        }, "The code is wrong. Type the 6 digits your app shows now, or a recovery code.", cancellationToken);
        return replayed ? StaffStepResult.Refused("This code was used already. Wait for the next code in your app.") : result;
    }

    /// <summary>
    /// Re-authentication of a signed-in staff member before a dangerous action: password and a fresh code again. On
    /// success the session counts as authenticated now; attempts count like at sign-in.
    /// </summary>
    public async Task<StaffStepResult> ReauthenticateAsync(HttpContext http, string? password, string? code, CancellationToken cancellationToken)
    {
        var accountId = http.User.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? string.Empty;
        var handle = accountId.StartsWith(StaffAccountRecord.AccountPrefix, StringComparison.Ordinal) ? accountId[StaffAccountRecord.AccountPrefix.Length..] : string.Empty;
        var account = await db.StaffAccounts.AsNoTracking().FirstOrDefaultAsync(a => a.Handle == handle && a.DisabledAtUtc == null, cancellationToken);
        if (account is not { SignInMethod: StaffSignIn.Password, PasswordHash: { } hash, TotpSecret: { } sealedSecret })
        {
            return StaffStepResult.Refused("Sign in again to continue.");
        }

        return await AttemptAsync(http, account, "reauthentication", async () =>
        {
            var secret = (await vault.OpenAsync(sealedSecret, SecretField(account), cancellationToken)).ValueOr([]);
            return PasswordHashing.Verify(password ?? string.Empty, hash)
                && TotpCodes.Check(secret, code, clock.GetUtcNow(), account.TotpLastStep, out var step) == CodeCheck.Accepted
                && await UseStepAsync(account, step, cancellationToken);
        }, async () =>
        {
            await ClearAttemptsAsync(account.Id, cancellationToken);
            await sessions.ReauthenticatedAsync(http.User, cancellationToken);
            await audit.AppendAsync(new AuditEvent(AuditActors.Account(account), "staff.reauthenticated"), cancellationToken);
            return new StaffStepResult(StaffStep.SignedIn);
        }, "The password or the code is wrong.", cancellationToken);
    }

    /// <summary>The account of the step cookie, if it is at <paramref name="step"/> and still fits it (else null: start again).</summary>
    public async Task<StaffAccountRecord?> StepAccountAsync(HttpContext http, StaffStep step, CancellationToken cancellationToken)
    {
        var result = await http.AuthenticateAsync(StepScheme);
        if (result.Principal?.FindFirst(StepClaim)?.Value is not { } value || value.Split(':') is not [var at, var id] || at != step.ToString() || !Guid.TryParse(id, out var accountId))
        {
            return null;
        }

        var account = await db.StaffAccounts.FirstOrDefaultAsync(a => a.Id == accountId && a.DisabledAtUtc == null, cancellationToken);
        // An authenticator is enrolled only while there is none, and a code is asked only when there is one: a step
        // cookie kept from before an enrolment or a reset fits neither.
        return step switch
        {
            StaffStep.SecondFactor when account?.TotpSecret is not null => account,
            StaffStep.EnrolAuthenticator when account is { TotpSecret: null, PasswordHash: not null } => account,
            _ => null,
        };
    }

    public static async Task StartStepAsync(HttpContext http, StaffAccountRecord account, StaffStep step)
    {
        var identity = new ClaimsIdentity([new Claim(StepClaim, step + ":" + account.Id.ToString("N"))], StepScheme);
        await http.SignInAsync(StepScheme, new ClaimsPrincipal(identity));
    }

    /// <summary>Signs the person in with a full session (the step cookie goes; any earlier session of this browser ends).</summary>
    public async Task CompleteAsync(HttpContext http, StaffAccountRecord account, string method, CancellationToken cancellationToken)
    {
        await ClearAttemptsAsync(account.Id, cancellationToken);
        await http.SignOutAsync(StepScheme);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, Principal(account, method));
        await audit.AppendAsync(new AuditEvent(AuditActors.Account(account), "staff.signed-in:" + method), cancellationToken);
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

    public static FieldAddress SecretField(StaffAccountRecord account) => new("identity_staff_accounts", "totp_secret", account.Id.ToString("N"));

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static int Minutes(TimeSpan span) => (int)Math.Ceiling(span.TotalMinutes);

    /// <summary>
    /// One attempt: counted for the address and the account before <paramref name="check"/> runs; a right answer gives
    /// both back and runs <paramref name="success"/>; a wrong one may lock the account. A locked account's answer is
    /// told only when the check passes (else it reads as <paramref name="wrong"/>).
    /// </summary>
    private async Task<StaffStepResult> AttemptAsync(HttpContext http, StaffAccountRecord? account, string what, Func<Task<bool>> check, Func<Task<StaffStepResult>> success, string wrong, CancellationToken cancellationToken)
    {
        var attempt = new SignInFailureRecord { Id = Guid.NewGuid(), AddressIndex = vault.BlindIndex(AddressIndexKind, http.Connection.RemoteIpAddress?.ToString() ?? "unknown"), AtUtc = Now };
        db.SignInFailures.Add(attempt);
        await db.SaveChangesAsync(cancellationToken);
        var since = Now - options.Value.AddressWindow;
        if (await db.SignInFailures.CountAsync(f => f.AddressIndex == attempt.AddressIndex && f.AtUtc > since, cancellationToken) > options.Value.FailuresPerAddress)
        {
            await audit.AppendAsync(new AuditEvent(account is null ? "anonymous" : AuditActors.Account(account), "staff.sign-in.refused:address-limit"), cancellationToken);
            return StaffStepResult.Refused(TooManyFromAddress, Minutes(options.Value.AddressWindow));
        }

        var reserved = account is not null && await ReserveAttemptAsync(account.Id, cancellationToken);
        var passed = await check();
        if (account is not null && !reserved)
        {
            if (passed)
            {
                await audit.AppendAsync(new AuditEvent(AuditActors.Account(account), "staff.sign-in.refused:locked"), cancellationToken);
                return StaffStepResult.Refused(Locked, Minutes(options.Value.LockFor));
            }

            return StaffStepResult.Refused(wrong);
        }

        if (passed)
        {
            await db.SignInFailures.Where(f => f.Id == attempt.Id).ExecuteDeleteAsync(cancellationToken);
            await db.StaffAccounts.Where(a => a.Id == account!.Id && a.FailedAttempts > 0)
                .ExecuteUpdateAsync(u => u.SetProperty(a => a.FailedAttempts, a => a.FailedAttempts - 1), cancellationToken);
            return await success();
        }

        var lockedNow = account is not null && await SettleFailureAsync(account.Id, cancellationToken);
        await audit.AppendAsync(new AuditEvent(account is null ? "anonymous" : AuditActors.Account(account), "staff.sign-in.failed:" + what + (lockedNow ? ":locked" : string.Empty)), cancellationToken);
        return StaffStepResult.Refused(wrong);
    }

    /// <summary>Counts an attempt on the account in one statement, unless it is locked or the attempts in flight already reach the limit.</summary>
    private async Task<bool> ReserveAttemptAsync(Guid account, CancellationToken cancellationToken)
    {
        var now = Now;
        var limit = options.Value.AttemptsBeforeLock;
        return await db.StaffAccounts.Where(a => a.Id == account && a.FailedAttempts < limit && (a.LockedUntilUtc == null || a.LockedUntilUtc <= now))
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.FailedAttempts, a => a.FailedAttempts + 1).SetProperty(a => a.LockedUntilUtc, (DateTime?)null), cancellationToken) == 1;
    }

    /// <summary>After a wrong answer: the account locks when its counted attempts reached the limit. True when this locked it.</summary>
    private async Task<bool> SettleFailureAsync(Guid account, CancellationToken cancellationToken)
    {
        var limit = options.Value.AttemptsBeforeLock;
        var until = Now + options.Value.LockFor;
        return await db.StaffAccounts.Where(a => a.Id == account && a.FailedAttempts >= limit)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.LockedUntilUtc, until).SetProperty(a => a.FailedAttempts, 0), cancellationToken) == 1;
    }

    private Task<int> ClearAttemptsAsync(Guid account, CancellationToken cancellationToken) =>
        db.StaffAccounts.Where(a => a.Id == account).ExecuteUpdateAsync(u => u.SetProperty(a => a.FailedAttempts, 0).SetProperty(a => a.LockedUntilUtc, (DateTime?)null), cancellationToken);

    /// <summary>Moves the account's last used step forward; only one request can, so a code raced in parallel works once.</summary>
    private async Task<bool> UseStepAsync(StaffAccountRecord account, long step, CancellationToken cancellationToken) =>
        await db.StaffAccounts.Where(a => a.Id == account.Id && (a.TotpLastStep == null || a.TotpLastStep < step))
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.TotpLastStep, step), cancellationToken) == 1;
}
