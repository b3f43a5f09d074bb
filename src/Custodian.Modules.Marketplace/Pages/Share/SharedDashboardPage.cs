using Custodian.Modules.Marketplace.Dashboards;
using Custodian.Modules.Marketplace.Sharing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Custodian.Modules.Marketplace.Pages.Share;

/// <summary>
/// What a shared and an embedded dashboard have in common: read-only, exactly the link's scope, no sign-in; not indexed,
/// not cached, rate-limited per link; every request recorded in the technical access store. A link that is revoked,
/// expired or no longer the seller's to show answers 410 with no data.
/// </summary>
internal abstract class SharedDashboardPage(IEnumerable<IDashboard> dashboards, ShareLinkLimits limits, IStringLocalizer<MarketplaceText> t) : PageModel
{
    public IStringLocalizer<MarketplaceText> Text => t;

    public ShareLinkState State { get; private set; } = ShareLinkState.Unknown;

    public ShareLinkRecord? Link { get; private set; }

    public DashboardFilter? Filter { get; private set; }

    public IReadOnlyList<DashboardAccount> Accounts { get; private set; } = [];

    public IReadOnlyList<DashboardTable> Tables { get; private set; } = [];

    /// <summary>The dashboard's title as the seller's tabs name it.</summary>
    public string DashboardTitle => Link?.Dashboard switch
    {
        "overview" => t["Overview"],
        "products" => t["Products"],
        "stocks" => t["Stocks"],
        "funnel" => t["Funnel"],
        "geography" => t["Geography"],
        "reviews" => t["Reviews and ratings"],
        _ => t["Dashboard"],
    };

    /// <summary>Limits, opens and loads; sets the status (404, 410, 429) and the headers of a shared page.</summary>
    protected async Task<IActionResult> ShowAsync(string limitKey, Func<CancellationToken, Task<OpenedShareLink>> find, CancellationToken cancellationToken)
    {
        ShareVisits.RecordWhenDone(HttpContext, () => Link?.Id);
        Response.Headers["X-Robots-Tag"] = "noindex, nofollow, noarchive";
        Response.Headers.CacheControl = "no-store";
        if (!limits.Allow(limitKey))
        {
            Response.Headers.RetryAfter = "60";
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            State = ShareLinkState.Gone;
            return Content(t["Too many requests to this link; try again in a minute."], "text/plain; charset=utf-8");
        }

        var opened = await find(cancellationToken);
        State = opened.State;
        // A link that does not open is kept only to file the visit under it; nothing of it is shown.
        Link = opened.Link;
        if (opened.State != ShareLinkState.Open)
        {
            Response.StatusCode = opened.State == ShareLinkState.Gone ? StatusCodes.Status410Gone : StatusCodes.Status404NotFound;
            return Page();
        }

        Filter = opened.Filter;
        Accounts = opened.Accounts!;
        var dashboard = dashboards.First(d => d.Id == opened.Link!.Dashboard);
        Tables = await dashboard.TablesAsync(Accounts, Filter!, cancellationToken);
        return Page();
    }
}
