using Custodian.Modules.Marketplace.Dashboards;
using Microsoft.Extensions.Localization;

namespace Custodian.Modules.Marketplace.Pages.Seller.Dashboards;

/// <summary>Geography: orders and sales by federal district and by region, with each one's share.</summary>
internal sealed class GeographyModel(GeographyDashboard geography, DashboardScope scope, TimeProvider clock, IStringLocalizer<MarketplaceText> t) : DashboardPage(geography, scope, clock, t)
{
    public Geography? Numbers => geography.Numbers;

    public IReadOnlyList<string> Gaps => geography.Gaps;
}
