using Custodian.Modules.Marketplace.Dashboards;
using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Marketplace.Sharing;

/// <summary>
/// Creates a share link: checks the dashboard exists and that every account is one the seller sees, stores the token's
/// hash, audits, and returns the token (the only time it exists in clear).
/// </summary>
internal sealed class CreateShareLink(MarketplaceDb db, DashboardScope scope, IEnumerable<IDashboard> dashboards, IAuditLog audit, ICurrentActor actor, TimeProvider clock)
{
    /// <exception cref="MarketplaceInputException">An unknown dashboard, no account, an account the seller does not see, a bad period or expiry.</exception>
    public async Task<(ShareLinkRecord Link, string Token)> CreateAsync(Guid sellerId, ShareLinkSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (!dashboards.Any(d => d.Id == spec.Dashboard))
        {
            throw new MarketplaceInputException("dashboard", "Unknown dashboard.");
        }

        if (spec.Accounts.Count == 0)
        {
            throw new MarketplaceInputException("account", "Choose at least one account to share.");
        }

        var visible = await scope.VisibleAsync(sellerId, cancellationToken);
        if (spec.Accounts.Any(id => visible.FirstOrDefault(a => a.Id == id) is not { Status: not Accounts.AccountStatus.Revoked }))
        {
            throw new MarketplaceInputException("account", "No marketplace account with this id.");
        }

        if ((spec.From is null) != (spec.To is null))
        {
            throw new MarketplaceInputException("from", "Give both the start and the end of the period, or neither for the rolling last 30 days.");
        }

        if (spec.ExpiresIn is { } life && (life <= TimeSpan.Zero || life > ShareLinkSpec.LongestExpiry))
        {
            throw new MarketplaceInputException("expires", "The expiry is a number of days or hours such as 7d or 12h, at most 366 days.");
        }

        var now = clock.GetUtcNow();
        var (token, hash) = OneTimeTokens.New();
        var link = new ShareLinkRecord
        {
            Id = Guid.NewGuid(),
            SellerId = sellerId,
            AccountIds = string.Join(",", spec.Accounts.Distinct().Select(a => a.ToString("N"))),
            Dashboard = spec.Dashboard,
            FromDay = spec.From,
            ToDay = spec.To,
            Filters = spec.FiltersQuery(),
            TokenHash = hash,
            CreatedAtUtc = now.UtcDateTime,
            ExpiresAtUtc = spec.ExpiresIn is { } expiry ? (now + expiry).UtcDateTime : null,
        };
        // The period and filters are checked exactly as the shared page will read them.
        _ = ShareLinkSpec.FilterOf(link, Privacy.Abstractions.Time.LocalDays.Moscow(now));
        db.ShareLinks.Add(link);
        await db.SaveChangesAsync(cancellationToken);
        await ShareLinkAudit.AppendAsync(db, audit, actor, "marketplace.share-link.create", link, cancellationToken);
        return (link, token);
    }
}
