using System.Collections.Concurrent;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Custodian.Privacy.Scheduling;

/// <summary>
/// The last outcome of each piece of background work in this instance, for health: work whose last attempt failed
/// makes the check Degraded (the service still serves; the work is retried), with the cause in the description.
/// </summary>
public sealed class BackgroundWorkHealth(TimeProvider clock) : IHealthCheck
{
    private readonly ConcurrentDictionary<string, (DateTimeOffset At, string? Failure, int FailuresInARow)> _work = new(StringComparer.Ordinal);

    public void Succeeded(string work) => _work[work] = (clock.GetUtcNow(), null, 0);

    /// <summary>Records a failure; returns how many attempts in a row have failed now.</summary>
    public int Failed(string work, string cause) =>
        _work.AddOrUpdate(work, _ => (clock.GetUtcNow(), cause, 1), (_, last) => (clock.GetUtcNow(), cause, last.FailuresInARow + 1)).FailuresInARow;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var failing = _work.Where(w => w.Value.Failure is not null).OrderBy(w => w.Key, StringComparer.Ordinal).ToList();
        var data = _work.ToDictionary(w => w.Key, w => (object)(w.Value.Failure is null ? $"ok at {w.Value.At:u}" : $"failed {w.Value.FailuresInARow}× (last at {w.Value.At:u}): {w.Value.Failure}"), StringComparer.Ordinal);
        return Task.FromResult(failing.Count == 0
            ? HealthCheckResult.Healthy("Background work runs.", data)
            : HealthCheckResult.Degraded("Failing, retried with back-off: " + string.Join("; ", failing.Select(f => $"{f.Key}: {f.Value.Failure}")), data: data));
    }
}
