using System.Globalization;
using System.Security.Claims;
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
    private static readonly KeyScope AccessLogScope = KeyScope.Purpose("identity", "access-log");

    private static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(1);

    private sealed record Look(Guid Id, string Account, string Roles, bool Open, DateTime ExpiresAtUtc, DateTime LastSeenAtUtc);

    /// <summary>Opens the session of a person being signed in and puts its token into their cookie.</summary>
    public async Task OpenAsync(CookieSigningInContext context)
    {
        var identity = (ClaimsIdentity)context.Principal!.Identity!;
        var account = identity.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? throw new InvalidOperationException("A cookie sign-in without an account id.");
        var method = identity.FindFirst(SessionClaims.Method)?.Value ?? "unknown";
        foreach (var stale in identity.FindAll(c => c.Type is SessionClaims.Token or SessionClaims.AuthenticatedAt).ToList())
        {
            identity.RemoveClaim(stale);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var (token, hash) = OneTimeTokens.New();
        var lifetime = account.StartsWith("staff-", StringComparison.Ordinal) ? options.Value.StaffLifetime : options.Value.PeopleLifetime;
        var id = Guid.NewGuid();
        var session = new SessionRecord
        {
            Id = id,
            TokenHash = hash,
            Account = account,
            Roles = RolesOf(identity),
            Method = method,
            CreatedAtUtc = now,
            AuthenticatedAtUtc = now,
            LastSeenAtUtc = now,
            ExpiresAtUtc = now + lifetime,
            IpAddress = await SealAddressAsync(id, context.HttpContext, context.HttpContext.RequestAborted),
            Device = DeviceLabel.From(context.HttpContext.Request.Headers.UserAgent),
        };
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        db.Sessions.Add(session);
        await db.SaveChangesAsync(context.HttpContext.RequestAborted);
        await scope.ServiceProvider.GetRequiredService<IAuditLog>().AppendAsync(new AuditEvent(Actor(account), "session.opened:" + method), context.HttpContext.RequestAborted);
        identity.AddClaim(new Claim(SessionClaims.Token, token));
        identity.AddClaim(new Claim(SessionClaims.AuthenticatedAt, new DateTimeOffset(now).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
        context.Properties.ExpiresUtc = null; // the cookie itself may live as long as the browser; the server decides
    }

    /// <summary>Refuses a cookie whose session ended, expired or went idle; keeps "last seen" current.</summary>
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
        if (!cache.TryGetValue(key, out Look? look) || look is null)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
            look = await db.Sessions.AsNoTracking().Where(s => s.TokenHash == hash)
                .Select(s => new Look(s.Id, s.Account, s.Roles, s.EndedAtUtc == null, s.ExpiresAtUtc, s.LastSeenAtUtc))
                .FirstOrDefaultAsync(context.HttpContext.RequestAborted);
            if (look is null)
            {
                await RefuseAsync(context);
                return;
            }

            cache.Set(key, look, options.Value.CheckCache);
        }

        // The cookie must name the session's own account and roles: a cookie re-minted with more (only possible with
        // the data-protection keys) does not ride on a real session.
        if (look.Account != context.Principal.FindFirst(ClaimTypes.NameIdentifier)?.Value || look.Roles != RolesOf(context.Principal))
        {
            await RefuseAsync(context);
            return;
        }

        if (!look.Open || now >= look.ExpiresAtUtc || now - look.LastSeenAtUtc >= options.Value.IdleTimeout)
        {
            if (look.Open)
            {
                await EndAsync(s => s.Id == look.Id, now >= look.ExpiresAtUtc ? "expired" : "idle", context.HttpContext.RequestAborted);
            }

            await RefuseAsync(context);
            return;
        }

        if (now - look.LastSeenAtUtc >= TouchEvery)
        {
            await using var scope = scopes.CreateAsyncScope();
            var ip = await SealAddressAsync(look.Id, context.HttpContext, context.HttpContext.RequestAborted);
            await scope.ServiceProvider.GetRequiredService<IdentityDb>().Sessions.Where(s => s.Id == look.Id && s.EndedAtUtc == null)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAtUtc, now).SetProperty(s => s.IpAddress, ip), context.HttpContext.RequestAborted);
            cache.Set(key, look with { LastSeenAtUtc = now }, options.Value.CheckCache);
        }
    }

    /// <summary>Ends the session of the cookie being signed out (sign-out is POST-only, so a link cannot do it).</summary>
    public async Task EndCurrentAsync(ClaimsPrincipal user, string reason, CancellationToken cancellationToken)
    {
        if (user.FindFirst(SessionClaims.Token)?.Value is { Length: > 0 } token)
        {
            var hash = OneTimeTokens.Hash(token);
            await EndAsync(s => s.TokenHash == hash, reason, cancellationToken);
        }
    }

    /// <summary>The session id behind a signed-in person's cookie (to mark "this device" in their list).</summary>
    public async Task<Guid?> CurrentIdAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (user.FindFirst(SessionClaims.Token)?.Value is not { Length: > 0 } token)
        {
            return null;
        }

        var hash = OneTimeTokens.Hash(token);
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IdentityDb>().Sessions.Where(s => s.TokenHash == hash).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>When the person behind the cookie last proved who they are (null: no open session).</summary>
    public async Task<DateTime?> AuthenticatedAtAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var hash = OneTimeTokens.Hash(user.FindFirst(SessionClaims.Token)?.Value ?? string.Empty);
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IdentityDb>().Sessions.Where(s => s.TokenHash == hash && s.EndedAtUtc == null)
            .Select(s => (DateTime?)s.AuthenticatedAtUtc).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Marks the current session as re-authenticated now (for actions that need a recent sign-in).</summary>
    public async Task<DateTime> ReauthenticatedAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var hash = OneTimeTokens.Hash(user.FindFirst(SessionClaims.Token)?.Value ?? string.Empty);
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IdentityDb>().Sessions.Where(s => s.TokenHash == hash && s.EndedAtUtc == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.AuthenticatedAtUtc, now), cancellationToken);
        return now;
    }

    public Task<int> EndAllAsync(string account, string reason, CancellationToken cancellationToken) =>
        EndAsync(s => s.Account == account, reason, cancellationToken);

    public async Task<IReadOnlyList<SessionEntry>> ListAsync(string account, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<IdentityDb>().Sessions.AsNoTracking().Where(s => s.Account == account)
            .OrderByDescending(s => s.CreatedAtUtc).ToListAsync(cancellationToken);
        var entries = new List<SessionEntry>(rows.Count);
        foreach (var s in rows)
        {
            entries.Add(new SessionEntry(s.Id, s.Account, s.CreatedAtUtc, s.Method, s.LastSeenAtUtc, s.EndedAtUtc, await OpenAddressAsync(s, cancellationToken), s.Device));
        }

        return entries;
    }

    public async Task<int> ForgetAsync(string account, CancellationToken cancellationToken)
    {
        await EndAllAsync(account, "erased", cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IdentityDb>().Sessions.Where(s => s.Account == account).ExecuteDeleteAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<SessionEntry>> BeganBeforeAsync(string accountPrefix, DateTime cutoffUtc, Guid? after, int batchSize, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var from = after ?? Guid.Empty;
        var rows = await scope.ServiceProvider.GetRequiredService<IdentityDb>().Sessions.AsNoTracking()
            .Where(s => s.Account.StartsWith(accountPrefix) && s.CreatedAtUtc <= cutoffUtc && s.Id.CompareTo(from) > 0)
            .OrderBy(s => s.Id).Take(batchSize).ToListAsync(cancellationToken);
        return [.. rows.Select(s => new SessionEntry(s.Id, s.Account, s.CreatedAtUtc, s.Method, s.LastSeenAtUtc, s.EndedAtUtc, null, s.Device))];
    }

    public async Task<int> DeleteAsync(IReadOnlyCollection<Guid> sessions, CancellationToken cancellationToken)
    {
        await EndAsync(s => sessions.Contains(s.Id), "retention", cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IdentityDb>().Sessions.Where(s => sessions.Contains(s.Id)).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Ends one session of an account (a person revoking a device of theirs, or an administrator).</summary>
    public Task<int> EndOneAsync(string account, Guid id, string reason, CancellationToken cancellationToken) =>
        EndAsync(s => s.Account == account && s.Id == id, reason, cancellationToken);

    /// <summary>Ends every open session of everyone except <paramref name="keepAccount"/>'s current one.</summary>
    public Task<int> EndEveryoneAsync(Guid? keep, string reason, CancellationToken cancellationToken) =>
        EndAsync(s => s.Id != keep, reason, cancellationToken);

    internal async Task<int> EndAsync(System.Linq.Expressions.Expression<Func<SessionRecord, bool>> which, string reason, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        var ending = await db.Sessions.Where(which).Where(s => s.EndedAtUtc == null).Select(s => new { s.Id, s.TokenHash, s.Account }).ToListAsync(cancellationToken);
        if (ending.Count == 0)
        {
            return 0;
        }

        var ids = ending.Select(s => s.Id).ToList();
        var ended = await db.Sessions.Where(s => ids.Contains(s.Id) && s.EndedAtUtc == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAtUtc, now).SetProperty(s => s.EndReason, reason), cancellationToken);
        foreach (var session in ending)
        {
            cache.Remove(CacheKey(session.TokenHash));
        }

        await scope.ServiceProvider.GetRequiredService<IAuditLog>().AppendAsync(
            ending.Select(s => new AuditEvent(Actor(s.Account), "session.ended:" + reason)).ToList(), cancellationToken);
        return ended;
    }

    /// <summary>The session's address in clear, for its owner's list and their copy of their data.</summary>
    public async Task<string?> OpenAddressAsync(SessionRecord session, CancellationToken cancellationToken) =>
        session.IpAddress is { } sealedAddress ? (await vault.OpenAsync(sealedAddress, AddressField(session.Id), cancellationToken)).Value : null;

    private async Task<Encrypted<string>?> SealAddressAsync(Guid session, HttpContext http, CancellationToken cancellationToken) =>
        http.Connection.RemoteIpAddress is { } address ? await vault.SealAsync(AccessLogScope, AddressField(session), address.ToString(), cancellationToken) : null;

    private static FieldAddress AddressField(Guid session) => new("identity_sessions", "ip_address", session.ToString("N"));

    private static async Task RefuseAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme, new AuthenticationProperties { Items = { [SkipEnd] = "1" } });
    }

    /// <summary>Marks a sign-out that only clears a refused cookie (its session is already over).</summary>
    internal const string SkipEnd = "custodian:session-over";

    private static string RolesOf(ClaimsPrincipal principal) => RolesOf(principal.Claims);

    private static string RolesOf(ClaimsIdentity identity) => RolesOf(identity.Claims);

    private static string RolesOf(IEnumerable<Claim> claims) =>
        string.Join(',', claims.Where(c => c.Type == ClaimTypes.Role).Select(c => c.Value).Distinct().Order(StringComparer.Ordinal));

    private static string CacheKey(byte[] hash) => "session:" + Convert.ToBase64String(hash);

    // The audit log names accounts as the request actor does (HttpCurrentActor): account:{id}.
    private static string Actor(string account) => "account:" + account;
}
