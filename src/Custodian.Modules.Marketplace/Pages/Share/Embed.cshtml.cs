using Custodian.Modules.Marketplace.Dashboards;
using Custodian.Modules.Marketplace.Sharing;
using Custodian.Privacy.Abstractions.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Custodian.Modules.Marketplace.Pages.Share;

/// <summary>
/// <c>/embed/{token}</c>: a shared dashboard in an iframe on the seller's own site. The token is signed by that site
/// with the seller's embed secret and lives minutes; only the seller's allowed origins may frame the page. A malformed,
/// tampered or expired token is 403 (nothing about the link is read before the signature holds).
/// </summary>
internal sealed class EmbedModel(OpenShareLink open, ConfigureEmbedding embedding, IEnumerable<IDashboard> dashboards, ShareLinkLimits limits, TimeProvider clock, IStringLocalizer<MarketplaceText> t)
    : SharedDashboardPage(dashboards, limits, t)
{
    public bool Refused { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        var claims = EmbedTokens.Read(token);
        var result = await ShowAsync(claims?.Link.ToString("N") ?? "embed:malformed", async ct =>
        {
            var link = claims is null ? null : await open.OpenByIdAsync(claims.Link, countVisit: false, ct);
            var secret = link?.Link is { } found ? await embedding.SecretAsync(found.SellerId, ct) : null;
            if (claims is null || link?.Link is null || secret is null || !EmbedTokens.Valid(claims, secret, clock.GetUtcNow()))
            {
                Refused = true;
                return new OpenedShareLink(ShareLinkState.Unknown);
            }

            var settings = await embedding.SettingsAsync(link.Link.SellerId, ct);
            HttpContext.Items[FrameAncestorsAllowance.ItemKey] = new FrameAncestorsAllowance(settings?.AllowedOrigins ?? string.Empty);
            if (link.State == ShareLinkState.Open)
            {
                open.CountVisit(link.Link);
            }

            return link;
        }, cancellationToken);
        return Refused ? Forbidden() : result;
    }

    private ContentResult Forbidden()
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Content(Text["This embed token is not valid or has expired."], "text/plain; charset=utf-8");
    }
}
