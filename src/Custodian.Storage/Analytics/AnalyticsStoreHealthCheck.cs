using Custodian.Privacy.Abstractions.Analytics;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Custodian.Storage.Analytics;

/// <summary>Healthy when the analytics engine answers a round trip.</summary>
public sealed class AnalyticsStoreHealthCheck(IAnalyticsStore store) : IHealthCheck
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
