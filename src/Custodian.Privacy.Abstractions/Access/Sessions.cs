namespace Custodian.Privacy.Abstractions.Access;

/// <summary>
/// Server-side sessions. Every cookie sign-in (<c>HttpContext.SignInAsync</c> with the cookie scheme) opens one, and
/// every request checks it, so signing out, a revocation or an erasure ends the cookie on the server too.
/// </summary>
public interface ISessions
{
    /// <summary>Ends every open session of the account (its cookies stop working); returns how many were open.</summary>
    Task<int> EndAllAsync(string account, string reason, CancellationToken cancellationToken);

    /// <summary>The account's sign-in records (its access log), newest first, for a copy of the person's data.</summary>
    Task<IReadOnlyList<SessionEntry>> ListAsync(string account, CancellationToken cancellationToken);

    /// <summary>Ends the account's sessions and deletes their records (erasure); returns how many records were deleted.</summary>
    Task<int> ForgetAsync(string account, CancellationToken cancellationToken);

    /// <summary>
    /// Sessions of accounts whose id starts with <paramref name="accountPrefix"/> that began at or before
    /// <paramref name="cutoffUtc"/>, in id order after <paramref name="after"/>: what a module's retention rule for its
    /// access log finds due.
    /// </summary>
    Task<IReadOnlyList<SessionEntry>> BeganBeforeAsync(string accountPrefix, DateTime cutoffUtc, Guid? after, int batchSize, CancellationToken cancellationToken);

    /// <summary>Ends and deletes these session records (retention); returns how many were deleted.</summary>
    Task<int> DeleteAsync(IReadOnlyCollection<Guid> sessions, CancellationToken cancellationToken);
}

/// <summary>One sign-in as the access log keeps it: when, how, from which address and device, and when it ended.</summary>
public sealed record SessionEntry(Guid Id, string Account, DateTime SignedInAtUtc, string Method, DateTime LastSeenAtUtc, DateTime? EndedAtUtc, string? EndReason, DateTime ExpiresAtUtc, string? IpAddress, string? Device);

/// <summary>Claims of the session cookie every module's sign-in may set or read.</summary>
public static class SessionClaims
{
    /// <summary>How the person signed in (<see cref="SignInMethods"/>); the session records it.</summary>
    public const string Method = "amr";

    /// <summary>The session's token (only its hash is stored): set by the session machinery, not by sign-in code.</summary>
    public const string Token = "custodian:session";
}

/// <summary>The ways people sign in, as sessions and the audit log record them.</summary>
public static class SignInMethods
{
    public const string Telegram = "telegram";
    public const string EmailLink = "email-link";
    public const string TeamInvitation = "team-invitation";
    public const string PasswordAndTotp = "password+totp";
    public const string PasswordAndRecoveryCode = "password+recovery-code";
    public const string OpenIdConnect = "oidc";
}

/// <summary>
/// On a page handler: the action is dangerous (exports of many subjects, erasures, key operations, runbook actions),
/// so the person must have signed in or re-authenticated within <see cref="Window"/>; otherwise they are sent to
/// re-authenticate first and come back to the page.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresRecentSignInAttribute : Attribute
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);
}
