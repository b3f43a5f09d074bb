using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Custodian.Privacy.Protection;

/// <summary>
/// Keys usable: the key provider loads, a random probe key wrapped with the current key-encryption key unwraps to the
/// same bytes, and the blind-index key is there. Nothing is stored (no data key row per probe). Without keys no
/// personal value can be sealed or opened, so a failure is Unhealthy and takes the instance out of traffic.
/// </summary>
internal sealed class KeyHealthCheck(IServiceProvider services) : IHealthCheck
{
    private static readonly byte[] Purpose = Encoding.ASCII.GetBytes("custodian-health-probe");

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // Resolved here, not injected: a key folder that cannot be read fails this check instead of the health endpoint.
            var keys = services.GetRequiredService<IKeyProvider>();
            var probe = RandomNumberGenerator.GetBytes(32);
            var wrapped = keys.Wrap(probe, Purpose, out var version);
            var opened = keys.Unwrap(version, wrapped, Purpose);
            return Task.FromResult(CryptographicOperations.FixedTimeEquals(probe, opened) && keys.BlindIndexKey.Length > 0
                ? HealthCheckResult.Healthy($"key-encryption key v{version} seals and opens")
                : HealthCheckResult.Unhealthy($"key-encryption key v{version} does not open what it sealed"));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("the keys cannot be used", e));
        }
    }
}
