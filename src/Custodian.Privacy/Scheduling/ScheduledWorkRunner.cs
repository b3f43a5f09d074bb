using System.Globalization;
using Custodian.Privacy.Abstractions.Scheduling;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Custodian.Privacy.Scheduling;

/// <summary>
/// Runs every registered <see cref="IScheduledWork"/> in this instance: each job looks every
/// <c>Scheduling:PollInterval</c> (default 30 s, at most its own interval) whether it is due across the cluster and
/// claims it (<see cref="IWorkLeases"/>), so it runs once per interval whichever instances are up. A failure (a
/// database restarting, a mail server away) is logged with its cause, reported in health and retried with back-off
/// (doubling from the poll interval up to the job's interval); nothing here can stop the service. Work done on every
/// instance (<see cref="IScheduledWork.OnEveryInstance"/>) is not claimed: it runs at its interval from the start.
/// </summary>
internal sealed partial class ScheduledWorkRunner(
    IEnumerable<IScheduledWork> work, IWorkLeases leases, IServiceScopeFactory scopes, BackgroundWorkHealth health, IConfiguration configuration, TimeProvider clock, ILogger<ScheduledWorkRunner> log)
    : BackgroundService
{
    public const string PollIntervalSetting = "Scheduling:PollInterval";

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = configuration[PollIntervalSetting] is { Length: > 0 } text ? TimeSpan.Parse(text, CultureInfo.InvariantCulture) : TimeSpan.FromSeconds(30);
        return Task.WhenAll(work.Where(w => w.Every > TimeSpan.Zero).Select(w => RunEveryAsync(w, poll < w.Every ? poll : w.Every, stoppingToken)));
    }

    /// <summary>Work claimed across the cluster looks every poll interval whether it is due; work on every instance runs at once, then every interval.</summary>
    private async Task RunEveryAsync(IScheduledWork job, TimeSpan poll, CancellationToken stoppingToken)
    {
        var pause = job.OnEveryInstance ? TimeSpan.Zero : poll;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(pause, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            pause = poll;
            var claiming = !job.OnEveryInstance;
            try
            {
                if (job.OnEveryInstance)
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await job.RunAsync(scope.ServiceProvider, stoppingToken);
                    pause = job.Every;
                }
                else
                {
                    await using var lease = await leases.TryClaimDueAsync(job.Name, job.Every, stoppingToken);
                    if (lease is null)
                    {
                        health.Claimed(job.Name); // the database answers again; the work is done or in hand elsewhere
                        continue;
                    }

                    claiming = false;

                    using var running = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lease.Lost);
                    await using (var scope = scopes.CreateAsyncScope())
                    {
                        await job.RunAsync(scope.ServiceProvider, running.Token);
                    }

                    await lease.CompleteAsync();
                }

                health.Succeeded(job.Name);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return; // the lease is released on the way out, so another instance takes the job at once
            }
#pragma warning disable CA1031 // a job's failure of any kind must not stop the service: it is reported and retried
            catch (Exception e)
#pragma warning restore CA1031
            {
                var cause = FailureText.Of(e);
                var inARow = health.Failed(job.Name, cause, claiming);
                pause = Backoff(poll, job.Every, inARow);
                LogFailed(log, job.Name, inARow, cause, pause.TotalSeconds);
            }
        }
    }

    private static TimeSpan Backoff(TimeSpan poll, TimeSpan every, int failuresInARow)
    {
        var doubled = poll * Math.Pow(2, Math.Min(failuresInARow - 1, 16));
        return doubled < every ? doubled : every;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Background work {Work} failed ({FailuresInARow} in a row): {Cause}; retried in {Seconds:0} s")]
    private static partial void LogFailed(ILogger logger, string work, int failuresInARow, string cause, double seconds);
}
