using Custodian.Privacy.Abstractions.Analytics;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Custodian.Modules.Marketplace.Collection;

/// <summary>
/// Healthy when the analytics engine the marketplace collects into answers a round trip. The module's own check: a
/// deployment without the marketplace does not depend on an analytics engine.
/// </summary>
internal sealed class AnalyticsStoreHealthCheck(IAnalyticsStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.PingAsync(cancellationToken);
            return HealthCheckResult.Healthy(store.EngineName);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"{store.EngineName} does not answer", e);
        }
    }
}
