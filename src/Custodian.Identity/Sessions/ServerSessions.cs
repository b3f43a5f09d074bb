using System.Linq.Expressions;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Custodian.Identity.Staff;
using Custodian.Privacy.Abstractions.Access;
using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Custodian.Identity.Sessions;

/// <summary>
/// The server side of the session cookie. Hooked into the cookie's events, so every module's sign-in opens a session
/// and every sign-out ends it without knowing: <see cref="OpenAsync"/> on signing in, <see cref="CheckAsync"/> on each
/// request (a look cached for <see cref="SessionOptions.CheckCache"/>), <see cref="EndCurrentAsync"/> on signing out.
/// </summary>
internal sealed class ServerSessions(IServiceScopeFactory scopes, IPersonalDataVault vault, IMemoryCache cache, IOptions<SessionOptions> options, TimeProvider clock) : ISessions
{
    /// <summary>Marks a sign-out that only clears a refused cookie (its session is already over).</summary>
    internal const string SkipEnd = "custodian:session-over";

    private static readonly KeyScope AccessLogScope = KeyScope.Purpose("identity", "access-log");

    private static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(1);

    private sealed record Look(Guid Id, byte[] ClaimsHash, bool Open, DateTime ExpiresAtUtc, DateTime LastSeenAtUtc);

    /// <summary>Opens the session of a person being signed in, puts its token into their cookie, and ends the session this browser had.</summary>
    public async Task OpenAsync(CookieSigningInContext context)
    {
        var identity = (ClaimsIdentity)context.Principal!.Identity!;
        var account = identity.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? throw new InvalidOperationException("A cookie sign-in without an account id.");
        var method = identity.FindFirst(SessionClaims.Method)?.Value ?? "unknown";
        foreach (var stale in identity.FindAll(SessionClaims.Token).ToList())
        {
            identity.RemoveClaim(stale);
        }

        var cancellationToken = context.HttpContext.RequestAborted;
        // On a remote sign-in's callback (OpenID Connect) the request's user is not read yet: read the cookie itself.
        var previous = context.HttpContext.User.Identity?.IsAuthenticated == true
            ? context.HttpContext.User
            : (await context.HttpContext.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme)).Principal;
        if (previous is not null)
        {
            await EndCurrentAsync(previous, "replaced", cancellationToken);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var (token, hash) = OneTimeTokens.New();
        var lifetime = account.StartsWith(StaffAccountRecord.AccountPrefix, StringComparison.Ordinal) ? options.Value.StaffLifetime : options.Value.PeopleLifetime;
        var id = Guid.NewGuid();
        var session = new SessionRecord
        {
            Id = id,
            TokenHash = hash,
            Account = account,
            ClaimsHash = ClaimsHashOf(identity.Claims),
            Method = method,
            CreatedAtUtc = now,
            AuthenticatedAtUtc = now,
            LastSeenAtUtc = now,
            ExpiresAtUtc = now + lifetime,
            IpAddress = await SealAddressAsync(id, context.HttpContext, cancellationToken),
            Device = DeviceLabel.From(context.HttpContext.Request.Headers.UserAgent),
        };
        await InScopeAsync(async db =>
        {
            db.Sessions.Add(session);
            return await db.SaveChangesAsync(cancellationToken);
        });
        await AuditAsync([new AuditEvent(AuditActors.Account(account), "session.opened:" + method)], cancellationToken);
        identity.AddClaim(new Claim(SessionClaims.Token, token));
    }

    /// <summary>Refuses a cookie whose session ended, expired or went idle, or whose claims are not the session's; keeps "last seen" current.</summary>
    public async Task CheckAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal?.FindFirst(SessionClaims.Token)?.Value is not { Length: > 0 } token)
        {
            await RefuseAsync(context); // a cookie from before sessions existed
            return;
        }

        var hash = OneTimeTokens.Hash(token);
        var key = CacheKey(hash);
        var now = clock.GetUtcNow().UtcDateTime;
        var cancellationToken = context.HttpContext.RequestAborted;
        if (!cache.TryGetValue(key, out Look? look) || look is null)
        {
            look = await InScopeAsync(db => db.Sessions.AsNoTracking().Where(s => s.TokenHash == hash)
                .Select(s => new Look(s.Id, s.ClaimsHash, s.EndedAtUtc == null, s.ExpiresAtUtc, s.LastSeenAtUtc))
                .FirstOrDefaultAsync(cancellationToken));
            if (look is null)
            {
                await RefuseAsync(context);
                return;
            }

            Remember(key, look);
        }

        // The cookie must carry the claims its session was opened with: a cookie re-minted with another account, role
        // or seller (only possible with the data-protection keys) does not ride on a real session.
        if (!CryptographicOperations.FixedTimeEquals(look.ClaimsHash, ClaimsHashOf(context.Principal.Claims)))
        {
            await RefuseAsync(context);
            return;
        }

        if (!look.Open || now >= look.ExpiresAtUtc || now - look.LastSeenAtUtc >= options.Value.IdleTimeout)
        {
            if (look.Open)
            {
                await EndAsync(s => s.Id == look.Id, now >= look.ExpiresAtUtc ? "expired" : "idle", cancellationToken);
            }

            await RefuseAsync(context);
            return;
        }

        if (now - look.LastSeenAtUtc >= TouchEvery)
        {
            var address = await SealAddressAsync(look.Id, context.HttpContext, cancellationToken);
            await InScopeAsync(db => db.Sessions.Where(s => s.Id == look.Id && s.EndedAtUtc == null)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAtUtc, now).SetProperty(s => s.IpAddress, address), cancellationToken));
            Remember(key, look with { LastSeenAtUtc = now });
        }
    }

    /// <summary>Ends the session behind <paramref name="user"/>'s cookie, if it has one (sign-out is POST-only, so a link cannot do it).</summary>
    public async Task EndCurrentAsync(ClaimsPrincipal user, string reason, CancellationToken cancellationToken)
    {
        if (user.FindFirst(SessionClaims.Token)?.Value is { Length: > 0 } token)
        {
            var hash = OneTimeTokens.Hash(token);
            await EndAsync(s => s.TokenHash == hash, reason, cancellationToken);
        }
    }

    /// <summary>The session id behind a signed-in person's cookie (to mark "this device" in their list).</summary>
    public Task<Guid?> CurrentIdAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var hash = TokenHashOf(user);
        return InScopeAsync(db => db.Sessions.Where(s => s.TokenHash == hash).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(cancellationToken));
    }

    /// <summary>When the person behind the cookie last proved who they are (null: no open session).</summary>
    public Task<DateTime?> AuthenticatedAtAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var hash = TokenHashOf(user);
        return InScopeAsync(db => db.Sessions.Where(s => s.TokenHash == hash && s.EndedAtUtc == null).Select(s => (DateTime?)s.AuthenticatedAtUtc).FirstOrDefaultAsync(cancellationToken));
    }

    /// <summary>Marks the current session as re-authenticated now (for actions that need a recent sign-in).</summary>
    public Task<int> ReauthenticatedAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var hash = TokenHashOf(user);
        return InScopeAsync(db => db.Sessions.Where(s => s.TokenHash == hash && s.EndedAtUtc == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.AuthenticatedAtUtc, now), cancellationToken));
    }

    public Task<int> EndAllAsync(string account, string reason, CancellationToken cancellationToken) =>
        EndAsync(s => s.Account == account, reason, cancellationToken);

    public async Task<IReadOnlyList<SessionEntry>> ListAsync(string account, CancellationToken cancellationToken)
    {
        var rows = await InScopeAsync(db => db.Sessions.AsNoTracking().Where(s => s.Account == account).OrderByDescending(s => s.LastSeenAtUtc).ToListAsync(cancellationToken));
        var entries = new List<SessionEntry>(rows.Count);
        foreach (var s in rows)
        {
            var address = s.IpAddress is { } sealedAddress ? (await vault.OpenAsync(sealedAddress, AddressField(s.Id), cancellationToken)).Value : null;
            entries.Add(new SessionEntry(s.Id, s.Account, s.CreatedAtUtc, s.Method, s.LastSeenAtUtc, s.EndedAtUtc, s.EndReason, s.ExpiresAtUtc, address, s.Device));
        }

        return entries;
    }

    public async Task<int> ForgetAsync(string account, CancellationToken cancellationToken)
    {
        await EndAllAsync(account, "erased", cancellationToken);
        return await InScopeAsync(db => db.Sessions.Where(s => s.Account == account).ExecuteDeleteAsync(cancellationToken));
    }

    public async Task<IReadOnlyList<SessionEntry>> BeganBeforeAsync(string accountPrefix, DateTime cutoffUtc, Guid? after, int batchSize, CancellationToken cancellationToken)
    {
        var from = after ?? Guid.Empty;
        var rows = await InScopeAsync(db => db.Sessions.AsNoTracking()
            .Where(s => s.Account.StartsWith(accountPrefix) && s.CreatedAtUtc <= cutoffUtc && s.Id.CompareTo(from) > 0)
            .OrderBy(s => s.Id).Take(batchSize).ToListAsync(cancellationToken));
        return [.. rows.Select(s => new SessionEntry(s.Id, s.Account, s.CreatedAtUtc, s.Method, s.LastSeenAtUtc, s.EndedAtUtc, s.EndReason, s.ExpiresAtUtc, null, s.Device))];
    }

    public async Task<int> DeleteAsync(IReadOnlyCollection<Guid> sessions, CancellationToken cancellationToken)
    {
        await EndAsync(s => sessions.Contains(s.Id), "retention", cancellationToken);
        return await InScopeAsync(db => db.Sessions.Where(s => sessions.Contains(s.Id)).ExecuteDeleteAsync(cancellationToken));
    }

    /// <summary>Ends one session of an account (a person ending a device of theirs).</summary>
    public Task<int> EndOneAsync(string account, Guid id, string reason, CancellationToken cancellationToken) =>
        EndAsync(s => s.Account == account && s.Id == id, reason, cancellationToken);

    /// <summary>Ends every open session of an account but <paramref name="keep"/>.</summary>
    public Task<int> EndOthersAsync(string account, Guid? keep, string reason, CancellationToken cancellationToken) =>
        EndAsync(s => s.Account == account && s.Id != keep, reason, cancellationToken);

    /// <summary>Ends every open session of everyone except <paramref name="keep"/>.</summary>
    public Task<int> EndEveryoneAsync(Guid? keep, string reason, CancellationToken cancellationToken) =>
        EndAsync(s => s.Id != keep, reason, cancellationToken);

    private async Task<int> EndAsync(Expression<Func<SessionRecord, bool>> which, string reason, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var ending = await InScopeAsync(db => db.Sessions.Where(which).Where(s => s.EndedAtUtc == null).Select(s => new { s.Id, s.TokenHash, s.Account }).ToListAsync(cancellationToken));
        if (ending.Count == 0)
        {
            return 0;
        }

        var ids = ending.Select(s => s.Id).ToList();
        var ended = await InScopeAsync(db => db.Sessions.Where(s => ids.Contains(s.Id) && s.EndedAtUtc == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAtUtc, now).SetProperty(s => s.EndReason, reason), cancellationToken));
        foreach (var session in ending)
        {
            cache.Remove(CacheKey(session.TokenHash));
        }

        await AuditAsync([.. ending.Select(s => new AuditEvent(AuditActors.Account(s.Account), "session.ended:" + reason))], cancellationToken);
        return ended;
    }

    private void Remember(string key, Look look)
    {
        if (options.Value.CheckCache > TimeSpan.Zero)
        {
            cache.Set(key, look, options.Value.CheckCache);
        }
    }

    private async Task<T> InScopeAsync<T>(Func<IdentityDb, Task<T>> work)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<IdentityDb>());
    }

    private async Task AuditAsync(IReadOnlyList<AuditEvent> entries, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IAuditLog>().AppendAsync(entries, cancellationToken);
    }

    private async Task<Encrypted<string>?> SealAddressAsync(Guid session, HttpContext http, CancellationToken cancellationToken) =>
        http.Connection.RemoteIpAddress is { } address ? await vault.SealAsync(AccessLogScope, AddressField(session), address.ToString(), cancellationToken) : null;

    private static FieldAddress AddressField(Guid session) => new("identity_sessions", "ip_address", session.ToString("N"));

    private static byte[] TokenHashOf(ClaimsPrincipal user) => OneTimeTokens.Hash(user.FindFirst(SessionClaims.Token)?.Value ?? string.Empty);

    /// <summary>Every claim but the session token, in a stable order: what the cookie said when the session opened.</summary>
    private static byte[] ClaimsHashOf(IEnumerable<Claim> claims) =>
        SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', claims.Where(c => c.Type != SessionClaims.Token)
            .Select(c => c.Type + "=" + c.Value).Order(StringComparer.Ordinal))));

    private static async Task RefuseAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme, new AuthenticationProperties { Items = { [SkipEnd] = "1" } });
    }

    private static string CacheKey(byte[] hash) => "session:" + Convert.ToBase64String(hash);
}
