using System.Globalization;
using Custodian.Privacy.Abstractions.Scheduling;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Custodian.Privacy.Retention;

/// <summary>
/// Runs the retention sweep once per <c>Privacy:Retention:Interval</c> (default one day) across all instances;
/// <c>0</c> turns it off, e.g. where only <c>custodian retention run</c> from cron should destroy data.
/// </summary>
internal sealed partial class ScheduledRetention(IConfiguration configuration, ILogger<ScheduledRetention> logger) : IScheduledWork
{
    public const string IntervalSetting = "Privacy:Retention:Interval";

    public string Name => "privacy.retention";

    public TimeSpan Every { get; } = configuration[IntervalSetting] is { Length: > 0 } text ? TimeSpan.Parse(text, CultureInfo.InvariantCulture) : TimeSpan.FromDays(1);

    public async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var outcomes = await services.GetRequiredService<RetentionSweep>().RunAsync(null, cancellationToken);
        var (applied, held) = (outcomes.Sum(o => o.Applied), outcomes.Sum(o => o.Held));
        SweepDone(logger, outcomes.Count, applied, held);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention sweep: {Rules} rules, {Applied} records destroyed or anonymised, {Held} held")]
    private static partial void SweepDone(ILogger logger, int rules, int applied, int held);
}
