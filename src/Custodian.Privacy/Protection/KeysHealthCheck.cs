using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Custodian.Privacy.Protection;

/// <summary>
/// <c>keys</c> in <c>/healthz</c>: the instance's keys open the newest stored data key. A reachable database is not
/// enough: with keys of its own an instance answers every read of personal data with an error.
/// </summary>
internal sealed class KeysHealthCheck(IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var keys = services.GetRequiredService<IKeyProvider>();
            await using var scope = services.CreateAsyncScope();
            var stored = await StoredDataKeys.NewestAsync(scope.ServiceProvider.GetRequiredService<PrivacyDb>(), cancellationToken);
            return StoredDataKeys.Problem(keys, stored) is { } problem
                ? HealthCheckResult.Unhealthy($"The keys do not open the stored data keys: {problem}.")
                : HealthCheckResult.Healthy(keys is SharedKeys ? "shared keys" : "local key folder");
        }
        catch (Exception e) when (StoredDataKeys.IsDatabaseFailure(e))
        {
            // The records check reports the database; the keys were not checked, not found wrong.
            return HealthCheckResult.Degraded("The stored data keys cannot be read now (the records database does not answer).", e);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The description stays short and free of key material; the exception goes to the log.
            return HealthCheckResult.Unhealthy("The keys cannot be used.", e);
        }
    }
}
