using Custodian.Modules.Marketplace.Dashboards;
using Custodian.Modules.Marketplace.Sharing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Custodian.Modules.Marketplace.Pages.Share;

/// <summary><c>/share/{token}</c>: a dashboard a seller shared by link.</summary>
internal sealed class ViewModel(OpenShareLink open, IEnumerable<IDashboard> dashboards, ShareLinkLimits limits, IStringLocalizer<MarketplaceText> t) : SharedDashboardPage(dashboards, limits, t)
{
    public Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken) =>
        ShowAsync(token ?? string.Empty, ct => open.OpenAsync(token, countVisit: true, ct), cancellationToken);
}
