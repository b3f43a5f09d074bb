using Custodian.Privacy.Abstractions.Scheduling;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Custodian.Modules.Marketplace.Collection;

/// <summary>
/// Collects in the web host: every <c>Marketplace:Sync:Interval</c> (default 5 minutes) each instance runs the datasets
/// whose cadence has passed since their last success (30 minutes for the statistics feeds), claiming one account at a
/// time, so several instances share the accounts and none is collected twice at once (ADR 0015).
/// <c>Marketplace:Sync:Enabled=false</c> turns it off (a separate collector instance, or operators running
/// <c>custodian marketplace sync</c>).
/// </summary>
internal sealed partial class CollectionRound(IConfiguration configuration, ILogger<CollectionRound> log) : IScheduledWork
{
    public string Name => "marketplace.collection";

    public TimeSpan Every { get; } = ScheduleOf(configuration);

    public bool OnEveryInstance => true;

    public async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var outcomes = await services.GetRequiredService<SyncMarketplace>().RunAsync(null, null, null, null, onlyDue: true, cancellationToken);
        if (outcomes.Count > 0 && log.IsEnabled(LogLevel.Information))
        {
            var (rows, failed) = (outcomes.Sum(o => o.Rows), outcomes.Count(o => o.Problem is not null));
            LogRound(log, outcomes.Count, rows, failed);
        }
    }

    /// <summary>The collection interval, or zero when scheduled collection (and with it the reminders) is off.</summary>
    public static TimeSpan ScheduleOf(IConfiguration configuration) =>
        configuration.GetValue("Marketplace:Sync:Enabled", true) ? configuration.GetValue("Marketplace:Sync:Interval", TimeSpan.FromMinutes(5)) : TimeSpan.Zero;

    [LoggerMessage(Level = LogLevel.Information, Message = "Marketplace sync: {Datasets} dataset runs, {Rows} rows, {Failed} failed")]
    private static partial void LogRound(ILogger logger, int datasets, long rows, int failed);
}
