using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Custodian.Privacy.Retention;

/// <summary>
/// Runs the retention sweep on a schedule (<c>Privacy:Retention:Interval</c>, default one day; <c>0</c> turns it
/// off, e.g. where only <c>custodian retention run</c> from cron should destroy data). The first sweep waits one interval.
/// </summary>
public sealed partial class ScheduledRetention(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock, ILogger<ScheduledRetention> logger) : BackgroundService
{
    public const string IntervalSetting = "Privacy:Retention:Interval";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = configuration[IntervalSetting] is { Length: > 0 } text ? TimeSpan.Parse(text, CultureInfo.InvariantCulture) : TimeSpan.FromDays(1);
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var outcomes = await scope.ServiceProvider.GetRequiredService<RetentionSweep>().RunAsync(null, stoppingToken);
                var (applied, held) = (outcomes.Sum(o => o.Applied), outcomes.Sum(o => o.Held));
                SweepDone(logger, outcomes.Count, applied, held);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                SweepFailed(logger, e.GetType().Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention sweep: {Rules} rules, {Applied} records destroyed or anonymised, {Held} held")]
    private static partial void SweepDone(ILogger logger, int rules, int applied, int held);

    [LoggerMessage(Level = LogLevel.Error, Message = "Retention sweep failed ({Error}); it runs again at the next interval")]
    private static partial void SweepFailed(ILogger logger, string error);
}
