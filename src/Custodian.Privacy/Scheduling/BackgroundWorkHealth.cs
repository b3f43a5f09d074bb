using System.Collections.Concurrent;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Custodian.Privacy.Scheduling;

/// <summary>
/// The last outcome of each piece of background work in this instance, for health: work whose last attempt failed
/// makes the check Degraded (the service still serves; the work is retried), with the cause in the description. A failure
/// to claim the work (the records database away) is over as soon as a claim is answered again, even when the work is
/// then not due here (another instance did it, or holds it): otherwise an hour-long or daily job would stay Degraded
/// until its next run after a short database restart. A failure of the work itself stays until it succeeds here.
/// </summary>
public sealed class BackgroundWorkHealth(TimeProvider clock) : IHealthCheck
{
    private readonly ConcurrentDictionary<string, (DateTimeOffset At, string? Failure, int FailuresInARow, bool Claiming)> _work = new(StringComparer.Ordinal);

    public void Succeeded(string work) => _work[work] = (clock.GetUtcNow(), null, 0, false);

    /// <summary>A claim of <paramref name="work"/> was answered (not due here): ends a failure to claim it, not a failure of the work.</summary>
    public void Claimed(string work)
    {
        if (_work.TryGetValue(work, out var last) && last.Failure is not null && last.Claiming)
        {
            _work.TryUpdate(work, (clock.GetUtcNow(), null, 0, false), last);
        }
    }

    /// <summary>Records a failure (<paramref name="claiming"/>: of the claim, not of the work); returns how many attempts in a row have failed now.</summary>
    public int Failed(string work, string cause, bool claiming = false) =>
        _work.AddOrUpdate(work, _ => (clock.GetUtcNow(), cause, 1, claiming), (_, last) => (clock.GetUtcNow(), cause, last.FailuresInARow + 1, claiming)).FailuresInARow;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var failing = _work.Where(w => w.Value.Failure is not null).OrderBy(w => w.Key, StringComparer.Ordinal).ToList();
        var data = _work.ToDictionary(w => w.Key, w => (object)(w.Value.Failure is null ? $"ok at {w.Value.At:u}" : $"failed {w.Value.FailuresInARow}× (last at {w.Value.At:u}): {w.Value.Failure}"), StringComparer.Ordinal);
        return Task.FromResult(failing.Count == 0
            ? HealthCheckResult.Healthy("Background work runs.", data)
            : HealthCheckResult.Degraded("Failing, retried with back-off: " + string.Join("; ", failing.Select(f => $"{f.Key}: {f.Value.Failure}")), data: data));
    }
}
