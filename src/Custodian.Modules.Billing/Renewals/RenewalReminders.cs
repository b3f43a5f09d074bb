using Custodian.Privacy.Abstractions.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Custodian.Modules.Billing.Renewals;

/// <summary>The scheduled round of payment reminders, run by one instance at a time (ADR 0015).</summary>
internal sealed class RenewalReminders(IOptions<RenewalReminderOptions> options) : IScheduledWork
{
    public string Name => "billing.renewal-reminders";

    public TimeSpan Every => options.Value.Every;

    public Task RunAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<SendRenewalReminders>().RemindAsync(cancellationToken);
}
