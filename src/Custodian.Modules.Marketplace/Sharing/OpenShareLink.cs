using Custodian.Modules.Marketplace.Dashboards;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Marketplace.Sharing;

/// <summary>What opening a share link finds.</summary>
internal enum ShareLinkState
{
    /// <summary>No link has this token (never made, or rotated away): 404.</summary>
    Unknown,

    /// <summary>Revoked, expired, or its accounts are no longer the seller's to show: 410, no data.</summary>
    Gone,

    Open,
}

internal sealed record OpenedShareLink(ShareLinkState State, ShareLinkRecord? Link = null, IReadOnlyList<DashboardAccount>? Accounts = null, DashboardFilter? Filter = null);

/// <summary>
/// Resolves a share link's token to exactly its scope: the link must be live, and every account in it must still be
/// one its seller sees and has not revoked. A visit is counted (views, last used) only when the link opens.
/// </summary>
internal sealed class OpenShareLink(MarketplaceDb db, DashboardScope scope, ShareLinkViews views, TimeProvider clock)
{
    public async Task<OpenedShareLink> OpenAsync(string? token, bool countVisit, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 128)
        {
            return new OpenedShareLink(ShareLinkState.Unknown);
        }

        var hash = OneTimeTokens.Hash(token);
        var link = await db.ShareLinks.AsNoTracking().FirstOrDefaultAsync(l => l.TokenHash == hash, cancellationToken);
        return link is null ? new OpenedShareLink(ShareLinkState.Unknown) : await OpenAsync(link, countVisit, cancellationToken);
    }

    /// <summary>Opens a link found by its id (an embed token names the link, not its secret).</summary>
    public async Task<OpenedShareLink> OpenByIdAsync(Guid linkId, bool countVisit, CancellationToken cancellationToken)
    {
        var link = await db.ShareLinks.AsNoTracking().FirstOrDefaultAsync(l => l.Id == linkId, cancellationToken);
        return link is null ? new OpenedShareLink(ShareLinkState.Unknown) : await OpenAsync(link, countVisit, cancellationToken);
    }

    /// <summary>Counts a view of a link already opened (an embed counts only once its token's signature holds).</summary>
    public void CountVisit(ShareLinkRecord link) => views.Count(link.Id, clock.GetUtcNow().UtcDateTime);

    private async Task<OpenedShareLink> OpenAsync(ShareLinkRecord link, bool countVisit, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (link.RevokedAtUtc is not null || link.ExpiresAtUtc <= now.UtcDateTime)
        {
            return new OpenedShareLink(ShareLinkState.Gone, link);
        }

        var visible = await scope.VisibleAsync(link.SellerId, cancellationToken);
        var accounts = link.Accounts.Select(id => visible.FirstOrDefault(a => a.Id == id)).ToList();
        if (accounts.Any(a => a is null || a.Status == Accounts.AccountStatus.Revoked))
        {
            return new OpenedShareLink(ShareLinkState.Gone, link);
        }

        DashboardFilter filter;
        try
        {
            filter = ShareLinkSpec.FilterOf(link, Privacy.Abstractions.Time.LocalDays.Moscow(now));
        }
        catch (MarketplaceInputException)
        {
            return new OpenedShareLink(ShareLinkState.Gone, link);
        }

        if (countVisit)
        {
            CountVisit(link);
        }

        return new OpenedShareLink(ShareLinkState.Open, link, [.. accounts.Select(a => a!)], filter);
    }
}
