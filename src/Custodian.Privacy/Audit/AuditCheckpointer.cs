using Microsoft.Extensions.Hosting;

namespace Custodian.Privacy.Audit;

/// <summary>
/// Signs the tail of the chain every few minutes and when the service stops, so entries after the last
/// 1000-entry checkpoint are not left unsigned for long.
/// </summary>
internal sealed class AuditCheckpointer(AuditLog log, TimeProvider clock) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await log.CheckpointAsync(cancellationToken);
        }
        catch (ObjectDisposedException)
        {
            // The container went first (test servers dispose before stopping); the next start signs the tail.
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await log.CheckpointAsync(stoppingToken);
        }
    }
}
