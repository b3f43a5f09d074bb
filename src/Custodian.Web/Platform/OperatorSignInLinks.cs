using Custodian.Privacy.Abstractions.Access;
using Custodian.Privacy.Abstractions.Protection;
using System.Security.Claims;
using Custodian.Privacy;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Web.Platform;

/// <summary>One single-use sign-in link for an operator (<c>host_operator_sign_in_links</c>); only the token's hash is stored.</summary>
public sealed class OperatorSignInLinkRecord
{
    public byte[] TokenHash { get; set; } = [];

    public string Operator { get; set; } = string.Empty;

    public DateTime ExpiresAtUtc { get; set; }

    public DateTime? UsedAtUtc { get; set; }
}

/// <summary>
/// Operators sign in with a link an administrator prints on the server (<c>custodian operators link NAME</c>): valid
/// 15 minutes, once. The operator's handle (not a person's name or e-mail) is what the audit log records.
/// </summary>
public sealed partial class OperatorSignInLinks(HostDb db, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{1,39}$")]
    private static partial Regex Handle();

    public static bool IsHandle(string name) => Handle().IsMatch(name ?? string.Empty);

    /// <summary>A new link token for the operator handle.</summary>
    public async Task<string> IssueAsync(string handle, CancellationToken cancellationToken)
    {
        if (!IsHandle(handle))
        {
            throw new ArgumentException("An operator handle is 2-40 lower-case letters, digits, dots, dashes or underscores (e.g. ops.anna), not a name or an e-mail.", nameof(handle));
        }

        var (token, hash) = OneTimeTokens.New();
        db.OperatorSignInLinks.Add(new OperatorSignInLinkRecord { TokenHash = hash, Operator = handle, ExpiresAtUtc = clock.GetUtcNow().UtcDateTime + Lifetime });
        await db.SaveChangesAsync(cancellationToken);
        return token;
    }

    /// <summary>The operator the link is for, if it is valid and unused (without using it).</summary>
    public async Task<string?> PeekAsync(string token, CancellationToken cancellationToken) =>
        (await FindValidAsync(token, cancellationToken))?.Operator;

    /// <summary>Uses the link: the principal to sign in, or null when the link is unknown, used or expired.</summary>
    public async Task<ClaimsPrincipal?> RedeemAsync(string token, CancellationToken cancellationToken)
    {
        var link = await FindValidAsync(token, cancellationToken);
        if (link is null)
        {
            return null;
        }

        link.UsedAtUtc = clock.GetUtcNow().UtcDateTime;
        if (await db.OperatorSignInLinks.Where(l => l.TokenHash == link.TokenHash && l.UsedAtUtc == null).ExecuteUpdateAsync(u => u.SetProperty(l => l.UsedAtUtc, link.UsedAtUtc), cancellationToken) != 1)
        {
            return null; // used by a parallel request a moment ago
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, "operator-" + link.Operator), new Claim(ClaimTypes.Name, link.Operator), new Claim(ClaimTypes.Role, Roles.Operator)],
            CookieAuthenticationDefaults.AuthenticationScheme);
        return new ClaimsPrincipal(identity);
    }

    private async Task<OperatorSignInLinkRecord?> FindValidAsync(string token, CancellationToken cancellationToken)
    {
        var hash = OneTimeTokens.Hash(token);
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.OperatorSignInLinks.AsNoTracking().FirstOrDefaultAsync(l => l.TokenHash == hash && l.UsedAtUtc == null && l.ExpiresAtUtc > now, cancellationToken);
    }
}
