using Custodian.Modules.Marketplace.Dashboards;

namespace Custodian.Modules.Marketplace.Digest;

/// <summary>
/// The margin of one Moscow day over some accounts, for the digest's margin line (Economics' <c>DayMargin</c>); null
/// when the costs are not known, and the digest then says the margin comes once costs are uploaded.
/// </summary>
internal interface IDigestMargin
{
    /// <summary>The day's margin in roubles, or null when the costs of what sold that day are not known.</summary>
    Task<decimal?> YesterdayMarginAsync(IReadOnlyList<DashboardAccount> accounts, DateOnly day, CancellationToken cancellationToken);
}
