using System.Text.RegularExpressions;
using Custodian.Privacy.Abstractions.Access;
using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Identity.Staff;

/// <summary>
/// <c>custodian staff add HANDLE --role R</c>: a staff account and its first-time enrolment link (valid
/// <see cref="LinkLifetime"/>, once), printed on the server for the person. A password account sets its password and
/// enrols an authenticator through the link; an OpenID Connect account signs in through it once with the organisation's
/// provider, which binds that provider account to it.
/// </summary>
internal sealed partial class AddStaffAccount(IdentityDb db, IAuditLog audit, TimeProvider clock)
{
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromHours(24);

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{1,39}$")]
    private static partial Regex HandlePattern();

    public static bool IsHandle(string? handle) => HandlePattern().IsMatch(handle ?? string.Empty);

    /// <summary>Adds the account; returns the enrolment link's token.</summary>
    /// <exception cref="StaffInputException">A bad handle or role, or the handle is taken.</exception>
    public async Task<string> AddAsync(string handle, IReadOnlyList<string> roles, StaffSignIn signIn, string actor, CancellationToken cancellationToken)
    {
        if (!IsHandle(handle))
        {
            throw new StaffInputException($"'{handle}' is not a handle: use 2-40 lower-case letters, digits, dots, dashes or underscores (e.g. ops.anna), not a name or an e-mail.");
        }

        if (roles.Count == 0)
        {
            throw new StaffInputException("Give at least one role (--role).");
        }

        if (roles.FirstOrDefault(r => !Roles.Staff.Contains(r)) is { } unknown)
        {
            throw new StaffInputException($"'{unknown}' is not a staff role; use one of: {string.Join(", ", Roles.Staff)}.");
        }

        if (await db.StaffAccounts.AnyAsync(a => a.Handle == handle, cancellationToken))
        {
            throw new StaffInputException($"The handle '{handle}' is taken.");
        }

        var account = new StaffAccountRecord
        {
            Id = Guid.NewGuid(),
            Handle = handle,
            Roles = string.Join(',', roles.Distinct()),
            SignInMethod = signIn,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.StaffAccounts.Add(account);
        var token = NewLink(account.Id);
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(new AuditEvent(actor, "staff.added:" + account.Handle), cancellationToken);
        return token;
    }

    /// <summary>
    /// A new enrolment link for an account that has not enrolled yet (or whose password an administrator reset).
    /// Earlier links stay valid until one is used or they expire.
    /// </summary>
    /// <exception cref="StaffInputException">No such account, or it has enrolled.</exception>
    public async Task<string> LinkAsync(string handle, string actor, CancellationToken cancellationToken)
    {
        var account = await db.StaffAccounts.FirstOrDefaultAsync(a => a.Handle == handle, cancellationToken)
            ?? throw new StaffInputException(StaffInputException.NoSuchAccount);
        if (account.PasswordHash is not null || account.OidcSubject is not null)
        {
            throw new StaffInputException(StaffInputException.Enrolled);
        }

        var token = NewLink(account.Id);
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(new AuditEvent(actor, "staff.enrolment-link:" + account.Handle), cancellationToken);
        return token;
    }

    private string NewLink(Guid accountId)
    {
        var (token, hash) = OneTimeTokens.New();
        db.EnrolmentLinks.Add(new EnrolmentLinkRecord { TokenHash = hash, AccountId = accountId, ExpiresAtUtc = clock.GetUtcNow().UtcDateTime + LinkLifetime });
        return token;
    }
}

/// <summary>Input a staff use case refuses, with the reason to show (CLI message, or the key of a page text).</summary>
internal sealed class StaffInputException(string message) : Exception(message)
{
    public const string NoSuchAccount = "No staff account has this handle.";
    public const string Enrolled = "This account has enrolled already: an enrolment link is for the first sign-in only. If the password is lost, run custodian staff reset HANDLE --confirm.";
    public const string SignsInElsewhere = "This account signs in with the organisation's account: its second factor is the organisation's.";
}
