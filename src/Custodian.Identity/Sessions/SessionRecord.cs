using Custodian.Privacy.Abstractions.Protection;

namespace Custodian.Identity.Sessions;

/// <summary>
/// One signed-in session (<c>identity_sessions</c>). The cookie carries a random token; only its hash is stored, so a
/// copy of the table opens no session. The IP address (encrypted) and a short device label are the access log the registers declare.
/// </summary>
internal sealed class SessionRecord
{
    public Guid Id { get; set; }

    public byte[] TokenHash { get; set; } = [];

    /// <summary>The account's pseudonymous id as the cookie names it (<c>seller-…</c>, <c>staff-…</c>).</summary>
    public string Account { get; set; } = string.Empty;

    /// <summary>SHA-256 of the claims the session was opened with (account, roles, seller…): a cookie claiming others is refused.</summary>
    public byte[] ClaimsHash { get; set; } = [];

    /// <summary>How the person signed in (<see cref="Custodian.Privacy.Abstractions.Access.SignInMethods"/>).</summary>
    public string Method { get; set; } = string.Empty;

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>When the person last proved who they are (sign-in or re-authentication).</summary>
    public DateTime AuthenticatedAtUtc { get; set; }

    public DateTime LastSeenAtUtc { get; set; }

    public DateTime ExpiresAtUtc { get; set; }

    public DateTime? EndedAtUtc { get; set; }

    public string? EndReason { get; set; }

    /// <summary>The address last seen, encrypted (a declared personal field of the access log).</summary>
    public Encrypted<string>? IpAddress { get; set; }

    public string? Device { get; set; }
}
