using Custodian.Privacy.Abstractions.Scheduling;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Custodian.Privacy.Audit;

/// <summary>
/// Signs the tail of the chain every few minutes (once across the instances) and when this instance stops, so
/// entries after the last 1000-entry checkpoint are not left unsigned for long. A failure to sign at stop (the
/// database away) is logged; the next run signs the tail.
/// </summary>
internal sealed partial class AuditCheckpointer(AuditLog log, ILogger<AuditCheckpointer> logger) : IScheduledWork, IHostedService
{
    public string Name => "privacy.audit-checkpoint";

    public TimeSpan Every => TimeSpan.FromMinutes(5);

    public Task RunAsync(IServiceProvider services, CancellationToken cancellationToken) => log.CheckpointAsync(cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await log.CheckpointAsync(cancellationToken);
        }
        catch (ObjectDisposedException)
        {
            // The container went first (test servers dispose before stopping); the next start signs the tail.
        }
#pragma warning disable CA1031 // stopping must go on whatever the database says
        catch (Exception e)
#pragma warning restore CA1031
        {
            NotSigned(logger, FailureText.Of(e));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The audit tail was not signed at stop ({Cause}); the next checkpoint signs it")]
    private static partial void NotSigned(ILogger logger, string cause);
}
