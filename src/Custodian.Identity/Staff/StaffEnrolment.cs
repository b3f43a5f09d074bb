using Custodian.Privacy.Abstractions.Access;
using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Identity.Staff;

/// <summary>What the authenticator enrolment page shows: the secret as a QR code and as text to type.</summary>
internal sealed record AuthenticatorSetup(string Handle, string Secret, string QrSvg);

/// <summary>Who an enrolment link is for.</summary>
internal sealed record EnrolmentFor(string Handle, StaffSignIn SignIn);

/// <summary>
/// First sign-in of a staff account through its enrolment link (from <c>custodian staff add</c>). A password account
/// chooses a password, then enrols an authenticator app (scan, confirm one code) and receives its recovery codes, shown
/// once; the same authenticator step follows a password sign-in after an administrator reset the second factor. An
/// OpenID Connect account signs in once through the link with the organisation's provider, which binds that provider
/// account (<see cref="OpenIdConnect.OrganisationSignIn"/>). Using a link uses up every link of the account.
/// </summary>
internal sealed class StaffEnrolment(IdentityDb db, StaffSignInFlow flow, IPersonalDataVault vault, ISessions sessions, IAuditLog audit, TimeProvider clock)
{
    public const string LinkInvalid = "This enrolment link is not valid: it was used already or has expired. Ask an administrator for a new one.";

    private static readonly KeyScope SecretScope = KeyScope.Purpose("staff", "second-factor");

    /// <summary>Who the link is for, if it is valid and unused and the account still needs it (opening it uses nothing).</summary>
    public async Task<EnrolmentFor?> PeekAsync(string token, CancellationToken cancellationToken) =>
        await AccountOfAsync(token, cancellationToken) is { } account ? new EnrolmentFor(account.Handle, account.SignInMethod) : null;

    /// <summary>Sets the password through the link and moves on to the authenticator; the reason when it cannot.</summary>
    public async Task<string?> SetPasswordAsync(HttpContext http, string token, string? password, string? repeated, CancellationToken cancellationToken)
    {
        if (await AccountOfAsync(token, cancellationToken) is not { SignInMethod: StaffSignIn.Password } account)
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

        if (!await UseLinksAsync(account, cancellationToken))
        {
            return LinkInvalid; // used by a parallel request a moment ago
        }

        account.PasswordHash = PasswordHashing.Hash(password!);
        account.TotpSecret = null;
        account.PendingTotpSecret = null;
        account.TotpLastStep = null;
        await db.SaveChangesAsync(cancellationToken);
        await sessions.EndAllAsync(account.AccountId, "password-set", cancellationToken);
        await audit.AppendAsync(new AuditEvent(AuditActors.Account(account), "staff.password-set"), cancellationToken);
        await StaffSignInFlow.StartStepAsync(http, account, StaffStep.EnrolAuthenticator);
        return null;
    }

    /// <summary>Binds the organisation's provider account (issuer and subject) to the OpenID Connect account the link is for; false when the link is no longer valid.</summary>
    public async Task<StaffAccountRecord?> BindOrganisationAccountAsync(string token, string issuerAndSubject, CancellationToken cancellationToken)
    {
        if (await AccountOfAsync(token, cancellationToken) is not { SignInMethod: StaffSignIn.OpenIdConnect } account
            || await db.StaffAccounts.AnyAsync(a => a.OidcSubject == issuerAndSubject, cancellationToken)
            || !await UseLinksAsync(account, cancellationToken))
        {
            return null;
        }

        account.OidcSubject = issuerAndSubject;
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(new AuditEvent(AuditActors.Account(account), "staff.organisation-account-bound"), cancellationToken);
        return account;
    }

    /// <summary>The secret to enrol (the same one until a code from it is confirmed), or null when the step cookie is gone or no longer fits.</summary>
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

        return new AuthenticatorSetup(account.Handle, TotpCodes.Base32(secret), TotpCodes.QrSvg(TotpCodes.Uri(secret, account.Handle)));
    }

    /// <summary>Confirms the first code: the authenticator is enrolled, the person signed in; returns the new recovery codes (else the problem).</summary>
    public async Task<(IReadOnlyList<string>? Codes, string? Problem)> ConfirmAsync(HttpContext http, string? code, CancellationToken cancellationToken)
    {
        if (await flow.StepAccountAsync(http, StaffStep.EnrolAuthenticator, cancellationToken) is not { PendingTotpSecret: { } pending } account)
        {
            return (null, "The enrolment took too long. Sign in again with your handle and password.");
        }

        var secret = (await vault.OpenAsync(pending, PendingField(account), cancellationToken)).ValueOr([]);
        if (TotpCodes.Check(secret, code, clock.GetUtcNow(), lastStep: null, out var step) != CodeCheck.Accepted)
        {
            await audit.AppendAsync(new AuditEvent(AuditActors.Account(account), "staff.authenticator.refused:wrong-code"), cancellationToken);
            return (null, "The code is wrong. Check that the app shows Custodian and your handle, and type the 6 digits it shows now.");
        }

        // Only while the account has no authenticator: a second confirmation racing this one changes nothing.
        var secretNow = await vault.SealAsync(SecretScope, StaffSignInFlow.SecretField(account), secret, cancellationToken);
        if (await db.StaffAccounts.Where(a => a.Id == account.Id && a.TotpSecret == null)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.TotpSecret, secretNow).SetProperty(a => a.PendingTotpSecret, (Encrypted<byte[]>?)null).SetProperty(a => a.TotpLastStep, step), cancellationToken) != 1)
        {
            return (null, "The enrolment took too long. Sign in again with your handle and password.");
        }

        var codes = RecoveryCodes.New();
        await db.RecoveryCodes.Where(c => c.AccountId == account.Id).ExecuteDeleteAsync(cancellationToken);
        db.RecoveryCodes.AddRange(codes.Select(c => new RecoveryCodeRecord { AccountId = account.Id, CodeIndex = vault.BlindIndex(RecoveryCodes.IndexKind, RecoveryCodes.Normalise(c)) }));
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(new AuditEvent(AuditActors.Account(account), "staff.authenticator-enrolled"), cancellationToken);
        await flow.CompleteAsync(http, account, SignInMethods.PasswordAndTotp, cancellationToken);
        return (codes, null);
    }

    private static FieldAddress PendingField(StaffAccountRecord account) => new("identity_staff_accounts", "pending_totp_secret", account.Id.ToString("N"));

    /// <summary>The account of a valid, unused link, if it still needs enrolling (no password, no bound provider account, not disabled).</summary>
    private async Task<StaffAccountRecord?> AccountOfAsync(string token, CancellationToken cancellationToken)
    {
        var hash = OneTimeTokens.Hash(token);
        var now = clock.GetUtcNow().UtcDateTime;
        var link = await db.EnrolmentLinks.AsNoTracking().FirstOrDefaultAsync(l => l.TokenHash == hash && l.UsedAtUtc == null && l.ExpiresAtUtc > now, cancellationToken);
        return link is null
            ? null
            : await db.StaffAccounts.FirstOrDefaultAsync(a => a.Id == link.AccountId && a.DisabledAtUtc == null && a.PasswordHash == null && a.OidcSubject == null, cancellationToken);
    }

    /// <summary>Uses up every open link of the account at once; false when a parallel request did so first.</summary>
    private async Task<bool> UseLinksAsync(StaffAccountRecord account, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.EnrolmentLinks.Where(l => l.AccountId == account.Id && l.UsedAtUtc == null && l.ExpiresAtUtc > now)
            .ExecuteUpdateAsync(u => u.SetProperty(l => l.UsedAtUtc, now), cancellationToken) > 0;
    }
}
