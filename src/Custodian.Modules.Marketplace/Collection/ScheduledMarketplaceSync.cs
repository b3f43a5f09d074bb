using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Custodian.Modules.Marketplace.Collection;

/// <summary>
/// Collects in the web host: every <c>Marketplace:Sync:Interval</c> (default 5 minutes) it warns sellers of keys about
/// to expire and runs the datasets whose cadence has passed since their last success (30 minutes for the statistics feeds). <c>Marketplace:Sync:Enabled=false</c>
/// turns it off (a separate collector instance, or operators running <c>custodian marketplace sync</c>).
/// </summary>
internal sealed partial class ScheduledMarketplaceSync(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock, ILogger<ScheduledMarketplaceSync> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Marketplace:Sync:Enabled", true))
        {
            return;
        }

        var interval = configuration.GetValue("Marketplace:Sync:Interval", TimeSpan.FromMinutes(5));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<Accounts.KeyExpiryWarnings>().WarnAsync(stoppingToken);
                await scope.ServiceProvider.GetRequiredService<Subscriptions.PlanEndReminders>().RemindAsync(stoppingToken);
                var outcomes = await scope.ServiceProvider.GetRequiredService<SyncMarketplace>().RunAsync(null, null, null, null, onlyDue: true, stoppingToken);
                if (outcomes.Count > 0 && log.IsEnabled(LogLevel.Information))
                {
                    var (rows, failed) = (outcomes.Sum(o => o.Rows), outcomes.Count(o => o.Problem is not null));
                    LogRound(log, outcomes.Count, rows, failed);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRoundFailed(log, e.GetType().Name);
            }

            await Task.Delay(interval, clock, stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Marketplace sync: {Datasets} dataset runs, {Rows} rows, {Failed} failed")]
    private static partial void LogRound(ILogger logger, int datasets, long rows, int failed);

    [LoggerMessage(Level = LogLevel.Error, Message = "Marketplace sync round failed: {Error}")]
    private static partial void LogRoundFailed(ILogger logger, string error);
}
