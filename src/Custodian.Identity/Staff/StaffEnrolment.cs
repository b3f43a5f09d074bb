using Custodian.Privacy.Abstractions.Access;
using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Identity.Staff;

/// <summary>What the authenticator enrolment page shows: the secret as a QR code and as text to type.</summary>
internal sealed record AuthenticatorSetup(string Handle, string Secret, string QrSvg);

/// <summary>
/// First sign-in of a password account: the enrolment link (from <c>custodian staff add</c>) lets the person choose a
/// password, then they enrol an authenticator app (scan, confirm one code) and receive their recovery codes, shown
/// once. The same authenticator step follows a password sign-in after an administrator reset the second factor.
/// </summary>
internal sealed class StaffEnrolment(IdentityDb db, StaffSignInFlow flow, IPersonalDataVault vault, IAuditLog audit, TimeProvider clock)
{
    private static readonly KeyScope SecretScope = KeyScope.Purpose("staff", "second-factor");

    /// <summary>The handle the link is for, if it is valid and unused (opening it does not use it).</summary>
    public async Task<string?> PeekAsync(string token, CancellationToken cancellationToken) =>
        (await FindAsync(token, cancellationToken)) is { } link
            ? await db.StaffAccounts.Where(a => a.Id == link.AccountId).Select(a => a.Handle).FirstOrDefaultAsync(cancellationToken)
            : null;

    /// <summary>Sets the password through the link and moves on to the authenticator; the reason when it cannot.</summary>
    public async Task<string?> SetPasswordAsync(HttpContext http, string token, string? password, string? repeated, CancellationToken cancellationToken)
    {
        if (await FindAsync(token, cancellationToken) is not { } link
            || await db.StaffAccounts.FirstOrDefaultAsync(a => a.Id == link.AccountId && a.DisabledAtUtc == null, cancellationToken) is not { } account)
        {
            return LinkInvalid;
        }

        if (PasswordRules.Problem(password, account.Handle) is { } problem)
        {
            return problem;
        }

        if (!string.Equals(password, repeated, StringComparison.Ordinal))
        {
            return "The two passwords differ.";
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (await db.EnrolmentLinks.Where(l => l.TokenHash == link.TokenHash && l.UsedAtUtc == null).ExecuteUpdateAsync(u => u.SetProperty(l => l.UsedAtUtc, now), cancellationToken) != 1)
        {
            return LinkInvalid; // used by a parallel request a moment ago
        }

        account.PasswordHash = PasswordHashing.Hash(password!);
        account.TotpSecret = null;
        account.PendingTotpSecret = null;
        account.TotpLastStep = null;
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(new AuditEvent(StaffAudit.Account(account), "staff.password-set"), cancellationToken);
        await StaffSignInFlow.StartStepAsync(http, account, StaffStep.EnrolAuthenticator);
        return null;
    }

    /// <summary>The secret to enrol (the same one until a code from it is confirmed), or null when the step cookie is gone.</summary>
    public async Task<AuthenticatorSetup?> SetupAsync(HttpContext http, CancellationToken cancellationToken)
    {
        if (await flow.StepAccountAsync(http, StaffStep.EnrolAuthenticator, cancellationToken) is not { } account)
        {
            return null;
        }

        var secret = account.PendingTotpSecret is { } pending
            ? (await vault.OpenAsync(pending, PendingField(account), cancellationToken)).ValueOr([])
            : [];
        if (secret.Length == 0)
        {
            secret = TotpCodes.NewSecret();
            account.PendingTotpSecret = await vault.SealAsync(SecretScope, PendingField(account), secret, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        var uri = TotpCodes.Uri(secret, account.Handle);
        return new AuthenticatorSetup(account.Handle, TotpCodes.Base32(secret), TotpCodes.QrSvg(uri));
    }

    /// <summary>Confirms the first code: the authenticator is enrolled, the person signed in; returns the new recovery codes (else the problem).</summary>
    public async Task<(IReadOnlyList<string>? Codes, string? Problem)> ConfirmAsync(HttpContext http, string? code, CancellationToken cancellationToken)
    {
        if (await flow.StepAccountAsync(http, StaffStep.EnrolAuthenticator, cancellationToken) is not { PendingTotpSecret: { } pending } account)
        {
            return (null, "The enrolment took too long. Sign in again with your handle and password.");
        }

        var secret = (await vault.OpenAsync(pending, PendingField(account), cancellationToken)).ValueOr([]);
        if (TotpCodes.Match(secret, code, clock.GetUtcNow(), lastStep: null) is not { } step)
        {
            await audit.AppendAsync(new AuditEvent(StaffAudit.Account(account), "staff.authenticator.refused:wrong-code"), cancellationToken);
            return (null, "The code is wrong. Check that the app shows Custodian and your handle, and type the 6 digits it shows now.");
        }

        account.TotpSecret = await vault.SealAsync(SecretScope, StaffSignInFlow.SecretField(account), secret, cancellationToken);
        account.PendingTotpSecret = null;
        account.TotpLastStep = step;
        var codes = RecoveryCodes.New();
        await db.RecoveryCodes.Where(c => c.AccountId == account.Id).ExecuteDeleteAsync(cancellationToken);
        db.RecoveryCodes.AddRange(codes.Select(c => new RecoveryCodeRecord { AccountId = account.Id, CodeIndex = vault.BlindIndex(RecoveryCodes.IndexKind, RecoveryCodes.Normalise(c)) }));
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(new AuditEvent(StaffAudit.Account(account), "staff.authenticator-enrolled"), cancellationToken);
        await flow.CompleteAsync(http, account, SignInMethods.PasswordAndTotp, cancellationToken);
        return (codes, null);
    }

    private const string LinkInvalid = "This enrolment link is not valid: it was used already or has expired. Ask an administrator for a new one.";

    private static FieldAddress PendingField(StaffAccountRecord account) => new("identity_staff_accounts", "pending_totp_secret", account.Id.ToString("N"));

    private async Task<EnrolmentLinkRecord?> FindAsync(string token, CancellationToken cancellationToken)
    {
        var hash = OneTimeTokens.Hash(token);
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.EnrolmentLinks.AsNoTracking().FirstOrDefaultAsync(l => l.TokenHash == hash && l.UsedAtUtc == null && l.ExpiresAtUtc > now, cancellationToken);
    }
}
