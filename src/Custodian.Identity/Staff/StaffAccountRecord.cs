using Custodian.Privacy.Abstractions.Protection;

namespace Custodian.Identity.Staff;

/// <summary>How a staff account proves who it is.</summary>
internal enum StaffSignIn
{
    /// <summary>A password and a TOTP code from an authenticator app.</summary>
    Password,

    /// <summary>The organisation's OpenID Connect provider (which does the second factor).</summary>
    OpenIdConnect,
}

/// <summary>
/// A staff, operator or administrator account (<c>identity_staff_accounts</c>). The handle (e.g. <c>ops.anna</c>) is
/// what the audit log names, never a person's name or e-mail. The TOTP secret is encrypted; the password is an Argon2id hash.
/// </summary>
internal sealed class StaffAccountRecord
{
    public Guid Id { get; set; }

    public string Handle { get; set; } = string.Empty;

    /// <summary>Roles, comma-separated (<see cref="Custodian.Privacy.Abstractions.Access.Roles"/>).</summary>
    public string Roles { get; set; } = string.Empty;

    public StaffSignIn SignInMethod { get; set; }

    /// <summary>
    /// For an OpenID Connect account: the provider's issuer and the person's subject there (<c>iss sub</c>), bound when
    /// the person first signs in through their enrolment link; later sign-ins must carry the same pair.
    /// </summary>
    public string? OidcSubject { get; set; }

    /// <summary>Null until the person enrols through their link (or after an administrator reset everything).</summary>
    public string? PasswordHash { get; set; }

    /// <summary>Null until the person enrols an authenticator, and again after an administrator resets the second factor.</summary>
    public Encrypted<byte[]>? TotpSecret { get; set; }

    /// <summary>A secret shown for enrolment, kept until the first code from it is confirmed.</summary>
    public Encrypted<byte[]>? PendingTotpSecret { get; set; }

    /// <summary>The last time step a code was accepted for: no code of it or an earlier step is accepted again.</summary>
    public long? TotpLastStep { get; set; }

    public int FailedAttempts { get; set; }

    public DateTime? LockedUntilUtc { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? DisabledAtUtc { get; set; }

    public IReadOnlyList<string> RoleList => Roles.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public const string AccountPrefix = "staff-";

    public string AccountId => AccountPrefix + Handle;
}

/// <summary>One recovery code (<c>identity_recovery_codes</c>): only its keyed hash, shown once at enrolment.</summary>
internal sealed class RecoveryCodeRecord
{
    public byte[] CodeIndex { get; set; } = [];

    public Guid AccountId { get; set; }

    public DateTime? UsedAtUtc { get; set; }
}

/// <summary>A first-time enrolment link (<c>identity_enrolment_links</c>): only the token's hash, valid once, for a while.</summary>
internal sealed class EnrolmentLinkRecord
{
    public byte[] TokenHash { get; set; } = [];

    public Guid AccountId { get; set; }

    public DateTime ExpiresAtUtc { get; set; }

    public DateTime? UsedAtUtc { get; set; }
}

/// <summary>A failed staff sign-in from an address (<c>identity_sign_in_failures</c>), for the per-address limit; the address only as a keyed hash.</summary>
internal sealed class SignInFailureRecord
{
    public Guid Id { get; set; }

    public byte[] AddressIndex { get; set; } = [];

    public DateTime AtUtc { get; set; }
}
