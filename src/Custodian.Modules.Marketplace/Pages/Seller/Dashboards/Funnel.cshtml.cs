using Custodian.Modules.Marketplace.Dashboards;
using Microsoft.Extensions.Localization;

namespace Custodian.Modules.Marketplace.Pages.Seller.Dashboards;

/// <summary>Funnel: card views → carts → orders → buyouts with their conversions, by product and by day.</summary>
internal sealed class FunnelModel(FunnelDashboard funnel, DashboardScope scope, TimeProvider clock, IStringLocalizer<MarketplaceText> t) : DashboardPage(funnel, scope, clock, t)
{
    public Funnel? Numbers => funnel.Numbers;

    public IReadOnlyList<string> Gaps => funnel.Gaps;
}
