using Microsoft.Extensions.Configuration;
using Custodian.Privacy.Abstractions.Analytics;
using Custodian.Privacy.Abstractions.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Custodian.Modules.Marketplace.Collection;

/// <summary>
/// The module's own checks (a deployment without the marketplace does not depend on an analytics engine): the engine
/// answers a round trip, and each shard of a ClickHouse cluster answers a <c>SELECT 1</c> on its own server. A failure
/// is Degraded, never Unhealthy: records pages, requests and sign-in work without analytics, so an instance whose
/// shard is down stays ready and a load balancer keeps sending it traffic.
/// </summary>
internal static class AnalyticsHealth
{
    public const string EngineCheck = "analytics";

    /// <summary>Short, so a shard that swallows packets does not hold the load balancer's probe.</summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);

    public static IServiceCollection AddAnalyticsHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<AnalyticsStoreHealthCheck>(EngineCheck, HealthStatus.Degraded, [HealthTags.Ready, "db"]);
        // One entry per configured shard, each named. The store itself is made only when a check runs: the health
        // endpoints are mapped before start-up checks a bad analytics setting (and reports it naming the setting).
        services.AddOptions<HealthCheckServiceOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            if (!string.Equals(configuration["Analytics:Engine"], "ClickHouse", StringComparison.OrdinalIgnoreCase))
            {
                return;
            }

            var shards = configuration.GetSection("Analytics:ClickHouse:ShardUrls").GetChildren().Count();
            for (var number = 1; number <= shards; number++)
            {
                var shardNumber = number;
                options.Registrations.Add(new HealthCheckRegistration($"{EngineCheck}-shard-{shardNumber}", sp => AnalyticsShardHealthCheck.For(sp.GetRequiredService<IAnalyticsStore>(), shardNumber), HealthStatus.Degraded, [HealthTags.Ready, "db"]));
            }
        });
        return services;
    }

    /// <summary>Runs <paramref name="probe"/> within <see cref="ProbeTimeout"/>: Healthy, or Degraded with <paramref name="what"/> named.</summary>
    public static async Task<HealthCheckResult> ProbeAsync(string what, Func<CancellationToken, Task> probe, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(ProbeTimeout);
        try
        {
            await probe(limit.Token);
            return HealthCheckResult.Healthy($"{what} answers");
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Degraded($"{what} did not answer within {ProbeTimeout.TotalSeconds:0} s", e);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Degraded($"{what} does not answer", e);
        }
    }
}

/// <summary>The engine answers a round trip (a cluster: the server queries go to).</summary>
internal sealed class AnalyticsStoreHealthCheck(IAnalyticsStore store) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        AnalyticsHealth.ProbeAsync(store.EngineName, store.PingAsync, cancellationToken);
}

/// <summary>One shard's own server answers; its entry names the shard and where it listens (host:port).</summary>
internal sealed class AnalyticsShardHealthCheck(IAnalyticsStore store, AnalyticsShard shard) : IHealthCheck
{
    /// <summary>The check of shard <paramref name="number"/> as the store knows it (its address); a shard the store does not list reports so.</summary>
    public static IHealthCheck For(IAnalyticsStore store, int number) =>
        store.Shards.FirstOrDefault(s => s.Number == number) is { } shard
            ? new AnalyticsShardHealthCheck(store, shard)
            : new NotUsed(number);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        AnalyticsHealth.ProbeAsync($"{store.EngineName} shard {shard.Number} at {shard.Address}", ct => store.PingShardAsync(shard, ct), cancellationToken);

    private sealed class NotUsed(int number) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(HealthCheckResult.Degraded($"shard {number} is configured but the analytics store does not use it"));
    }
}
