using Custodian.Modules.Marketplace.Dashboards;

namespace Custodian.Modules.Marketplace.Digest;

/// <summary>
/// The margin of one Moscow day over some accounts, for the digest's margin line. It takes the sellers' cost prices,
/// which another part of the module owns; until that is wired in, <see cref="NoDigestMargin"/> answers null and the
/// digest says the margin comes once costs are uploaded.
/// </summary>
internal interface IDigestMargin
{
    /// <summary>The day's margin in roubles, or null when the costs of what sold that day are not known.</summary>
    Task<decimal?> YesterdayMarginAsync(IReadOnlyList<DashboardAccount> accounts, DateOnly day, CancellationToken cancellationToken);
}

internal sealed class NoDigestMargin : IDigestMargin
{
    public Task<decimal?> YesterdayMarginAsync(IReadOnlyList<DashboardAccount> accounts, DateOnly day, CancellationToken cancellationToken) => Task.FromResult<decimal?>(null);
}
