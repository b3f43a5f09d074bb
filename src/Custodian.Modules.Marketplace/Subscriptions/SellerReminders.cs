using Custodian.Modules.Marketplace.Collection;
using Custodian.Privacy.Abstractions.Scheduling;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Marketplace.Subscriptions;

/// <summary>
/// Warns sellers of keys about to expire and of plans about to end, at the collection interval, once across all
/// instances (two instances would otherwise both send the same warning).
/// </summary>
internal sealed class SellerReminders(IConfiguration configuration) : IScheduledWork
{
    public string Name => "marketplace.reminders";

    public TimeSpan Every { get; } = CollectionRound.ScheduleOf(configuration);

    public async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await services.GetRequiredService<Accounts.KeyExpiryWarnings>().WarnAsync(cancellationToken);
        await services.GetRequiredService<PlanEndReminders>().RemindAsync(cancellationToken);
    }
}
