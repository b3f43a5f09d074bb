using System.Collections.Concurrent;
using Custodian.Privacy.Abstractions.Scheduling;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Custodian.Modules.Marketplace.Collection;

/// <summary>
/// Collects in the web host: every <c>Marketplace:Sync:Interval</c> (default 5 minutes) each instance runs the datasets
/// whose cadence has passed since their last success (30 minutes for the statistics feeds), claiming one account at a
/// time (several side by side), so several instances share the accounts and none is collected twice at once (ADR 0015).
/// <c>Marketplace:Sync:Enabled=false</c> turns it off (a separate collector instance, or operators running
/// <c>custodian marketplace sync</c>).
/// </summary>
internal sealed partial class CollectionRound(IConfiguration configuration, ILogger<CollectionRound> log) : IScheduledWork
{
    public string Name => "marketplace.collection";

    public TimeSpan Every { get; } = ScheduleOf(configuration);

    public bool OnEveryInstance => true;

    /// <summary>Accounts collected at once in a round (<c>Marketplace:Sync:Parallelism</c>): most of a collection is waiting on each key's rate limit, so accounts run side by side.</summary>
    public int Parallelism { get; } = Math.Max(1, configuration.GetValue("Marketplace:Sync:Parallelism", 8));

    public async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var outcomes = await CollectAsync(services, cancellationToken);
        if (outcomes.Count > 0 && log.IsEnabled(LogLevel.Information))
        {
            var (rows, failed) = (outcomes.Sum(o => o.Rows), outcomes.Count(o => o.Problem is not null));
            LogRound(log, outcomes.Count, rows, failed);
        }
    }

    /// <summary>One round: the due datasets of every account this instance can claim, <see cref="Parallelism"/> accounts at a time, each in a scope of its own.</summary>
    public async Task<IReadOnlyList<DatasetOutcome>> CollectAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var accounts = await services.GetRequiredService<SyncMarketplace>().DueAccountsAsync(cancellationToken);
        var scopes = services.GetRequiredService<IServiceScopeFactory>();
        var outcomes = new ConcurrentQueue<DatasetOutcome>();
        await Parallel.ForEachAsync(accounts, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (account, token) =>
        {
            await using var scope = scopes.CreateAsyncScope();
            try
            {
                foreach (var outcome in await scope.ServiceProvider.GetRequiredService<SyncMarketplace>().RunAsync(account, null, null, null, onlyDue: true, token))
                {
                    outcomes.Enqueue(outcome);
                }
            }
            catch (MarketplaceInputException)
            {
                // The account was revoked or its seller restricted since the round began: nothing to collect.
            }
        });
        return [.. outcomes];
    }

    /// <summary>The collection interval, or zero when scheduled collection (and with it the reminders) is off.</summary>
    public static TimeSpan ScheduleOf(IConfiguration configuration) =>
        configuration.GetValue("Marketplace:Sync:Enabled", true) ? configuration.GetValue("Marketplace:Sync:Interval", TimeSpan.FromMinutes(5)) : TimeSpan.Zero;

    [LoggerMessage(Level = LogLevel.Information, Message = "Marketplace sync: {Datasets} dataset runs, {Rows} rows, {Failed} failed")]
    private static partial void LogRound(ILogger logger, int datasets, long rows, int failed);
}
