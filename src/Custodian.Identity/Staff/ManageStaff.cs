using Custodian.Identity.Sessions;
using Custodian.Privacy.Abstractions.Audit;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Identity.Staff;

/// <summary>One staff account as the administrators' list shows it.</summary>
internal sealed record StaffListEntry(string Handle, IReadOnlyList<string> Roles, StaffSignIn SignIn, bool Enrolled, bool SecondFactor, DateTime? LockedUntilUtc, bool Disabled, int OpenSessions, DateTime? LastSeenUtc);

/// <summary>
/// What administrators do with staff accounts (on the web page or with the CLI): list them, reset a lost second
/// factor (the person enrols again at the next sign-in), reset everything (a new enrolment link), unlock, end
/// sessions. Each is audited with who did it.
/// </summary>
internal sealed class ManageStaff(IdentityDb db, ServerSessions sessions, AddStaffAccount links, IAuditLog audit, TimeProvider clock)
{
    public async Task<IReadOnlyList<StaffListEntry>> ListAsync(DateTime nowUtc, CancellationToken cancellationToken)
    {
        var accounts = await db.StaffAccounts.AsNoTracking().OrderBy(a => a.Handle).ToListAsync(cancellationToken);
        var ids = accounts.Select(a => a.AccountId).ToList();
        var open = await db.Sessions.AsNoTracking().Where(s => ids.Contains(s.Account))
            .GroupBy(s => s.Account)
            .Select(g => new { Account = g.Key, Open = g.Count(s => s.EndedAtUtc == null && s.ExpiresAtUtc > nowUtc), Last = g.Max(s => (DateTime?)s.LastSeenAtUtc) })
            .ToDictionaryAsync(g => g.Account, cancellationToken);
        return accounts.Select(a => new StaffListEntry(a.Handle, a.RoleList, a.SignInMethod, a.PasswordHash is not null || a.OidcSubject is not null,
            a.TotpSecret is not null, a.LockedUntilUtc > nowUtc ? a.LockedUntilUtc : null, a.DisabledAtUtc is not null,
            open.TryGetValue(a.AccountId, out var s) ? s.Open : 0, open.TryGetValue(a.AccountId, out var l) ? l.Last : null)).ToList();
    }

    /// <summary>Lost authenticator: the secret and recovery codes go, the sessions end; the password stays.</summary>
    public async Task ResetSecondFactorAsync(string handle, string actor, CancellationToken cancellationToken)
    {
        var account = await FindPasswordAccountAsync(handle, cancellationToken);
        account.TotpSecret = null;
        account.PendingTotpSecret = null;
        account.TotpLastStep = null;
        await db.RecoveryCodes.Where(c => c.AccountId == account.Id).ExecuteDeleteAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await sessions.EndAllAsync(account.AccountId, "second-factor-reset", cancellationToken);
        await audit.AppendAsync(new AuditEvent(actor, "staff.2fa-reset:" + account.Handle), cancellationToken);
    }

    /// <summary>Lost password too: password, secret and codes go, the sessions end; returns a new enrolment link token.</summary>
    public async Task<string> ResetAllAsync(string handle, string actor, CancellationToken cancellationToken)
    {
        var account = await FindPasswordAccountAsync(handle, cancellationToken);
        account.PasswordHash = null;
        await ResetSecondFactorAsync(handle, actor, cancellationToken); // saves, and ends the sessions
        return await links.LinkAsync(handle, actor, cancellationToken);
    }

    /// <summary>Someone who left: the account can no longer sign in, its sessions end and its links stop working.</summary>
    public async Task DisableAsync(string handle, string actor, CancellationToken cancellationToken)
    {
        var account = await FindAsync(handle, cancellationToken);
        account.DisabledAtUtc ??= clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        await db.EnrolmentLinks.Where(l => l.AccountId == account.Id && l.UsedAtUtc == null).ExecuteUpdateAsync(u => u.SetProperty(l => l.UsedAtUtc, account.DisabledAtUtc), cancellationToken);
        await sessions.EndAllAsync(account.AccountId, "account-disabled", cancellationToken);
        await audit.AppendAsync(new AuditEvent(actor, "staff.disabled:" + account.Handle), cancellationToken);
    }

    public async Task UnlockAsync(string handle, string actor, CancellationToken cancellationToken)
    {
        var account = await FindAsync(handle, cancellationToken);
        account.LockedUntilUtc = null;
        account.FailedAttempts = 0;
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(new AuditEvent(actor, "staff.unlocked:" + account.Handle), cancellationToken);
    }

    public async Task<int> EndSessionsAsync(string handle, string actor, CancellationToken cancellationToken)
    {
        var account = await FindAsync(handle, cancellationToken);
        var ended = await sessions.EndAllAsync(account.AccountId, "ended-by-administrator", cancellationToken);
        await audit.AppendAsync(new AuditEvent(actor, "staff.sessions-ended:" + account.Handle), cancellationToken);
        return ended;
    }

    /// <summary>Ends every session of everyone (e.g. after a suspected compromise), except the one given.</summary>
    public async Task<int> EndEveryonesSessionsAsync(Guid? keep, string actor, CancellationToken cancellationToken)
    {
        var ended = await sessions.EndEveryoneAsync(keep, "ended-for-everyone", cancellationToken);
        await audit.AppendAsync(new AuditEvent(actor, "sessions.ended-for-everyone"), cancellationToken);
        return ended;
    }

    // A missing handle or one with a control character names no account (PostgreSQL refuses a NUL in a query parameter).
    private async Task<StaffAccountRecord> FindAsync(string handle, CancellationToken cancellationToken) =>
        (string.IsNullOrEmpty(handle) || handle.Any(char.IsControl) ? null : await db.StaffAccounts.FirstOrDefaultAsync(a => a.Handle == handle, cancellationToken)) ?? throw new StaffInputException(StaffInputException.NoSuchAccount);

    private async Task<StaffAccountRecord> FindPasswordAccountAsync(string handle, CancellationToken cancellationToken)
    {
        var account = await FindAsync(handle, cancellationToken);
        return account.SignInMethod == StaffSignIn.Password
            ? account
            : throw new StaffInputException(StaffInputException.SignsInElsewhere);
    }
}
