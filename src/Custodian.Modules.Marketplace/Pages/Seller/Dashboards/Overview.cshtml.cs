using Custodian.Modules.Marketplace.Dashboards;
using Microsoft.Extensions.Localization;

namespace Custodian.Modules.Marketplace.Pages.Seller.Dashboards;

/// <summary>Overview: orders, cancellations, sales, returns, revenue, payout, buyout % and average check, by day and for the period, with the previous period beside it.</summary>
internal sealed class OverviewModel(OverviewDashboard overview, DashboardScope scope, TimeProvider clock, IStringLocalizer<MarketplaceText> t) : DashboardPage(overview, scope, clock, t)
{
    public Overview? Numbers => overview.Numbers;
}
