using System.Globalization;
using Custodian.Privacy.Abstractions.Events;
using Custodian.Privacy.Abstractions.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Custodian.Privacy.Events;

/// <summary>
/// Delivers the outbox to the registered <see cref="IEventSubscriber"/>s (ADR 0021). It is scheduled work (ADR 0015), so
/// one instance at a time delivers; a delivery is marked done only after every handler of the event returned, so a
/// crash in between delivers it again and the handlers' inboxes keep that from taking effect twice. A failing event is
/// retried with back-off (doubling from 5 s up to an hour) and does not hold up the others.
/// </summary>
internal sealed partial class OutboxDispatcher(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<OutboxDispatcher> log) : IScheduledWork
{
    public const string IntervalSetting = "Events:DeliveryInterval";

    private const int Batch = 200;

    private static readonly TimeSpan KeepDelivered = TimeSpan.FromDays(7);

    public string Name => "privacy.events";

    public TimeSpan Every { get; } = configuration[IntervalSetting] is { Length: > 0 } text ? TimeSpan.Parse(text, CultureInfo.InvariantCulture) : TimeSpan.FromSeconds(5);

    public Task RunAsync(IServiceProvider services, CancellationToken cancellationToken) => DeliverPendingAsync(cancellationToken);

    /// <summary>Delivers every event that is due now; returns how many were delivered to all their handlers.</summary>
    public async Task<int> DeliverPendingAsync(CancellationToken cancellationToken)
    {
        var delivered = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            List<OutboxRecord> due;
            await using (var scope = scopes.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<PrivacyDb>();
                var now = EventTime.Microseconds(clock.GetUtcNow());
                due = await db.Outbox.AsNoTracking()
                    .Where(e => e.DeliveredAtUs == null && e.NextAttemptUs <= now)
                    .OrderBy(e => e.OccurredAtUs).ThenBy(e => e.Id)
                    .Take(Batch).ToListAsync(cancellationToken);
            }

            due.RemoveAll(e => !seen.Add(e.Id)); // failed ones come back only after their back-off, not in this run
            if (due.Count == 0)
            {
                break;
            }

            foreach (var pending in due)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (await DeliverAsync(pending, cancellationToken))
                {
                    delivered++;
                }
            }
        }

        await using (var scope = scopes.CreateAsyncScope())
        {
            var before = EventTime.Microseconds(clock.GetUtcNow() - KeepDelivered);
            await scope.ServiceProvider.GetRequiredService<PrivacyDb>().Outbox.Where(e => e.DeliveredAtUs < before).ExecuteDeleteAsync(cancellationToken);
        }

        return delivered;
    }

    private async Task<bool> DeliverAsync(OutboxRecord pending, CancellationToken cancellationToken)
    {
        var delivery = new EventDelivery(Guid.Parse(pending.Id, CultureInfo.InvariantCulture), pending.Name, EventTime.At(pending.OccurredAtUs), pending.Attempts + 1);
        string? failure = null;
        List<string> handlerNames;
        await using (var scope = scopes.CreateAsyncScope())
        {
            handlerNames = [.. scope.ServiceProvider.GetServices<IEventSubscriber>().Where(h => h.EventName == pending.Name).Select(h => h.Name)];
        }

        foreach (var handlerName in handlerNames)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var handler = scope.ServiceProvider.GetServices<IEventSubscriber>().First(h => h.Name == handlerName);
                await handler.HandleAsync(delivery, pending.Payload, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // a handler's failure of any kind is recorded and retried; the other events go on
            catch (Exception e)
#pragma warning restore CA1031
            {
                failure = $"{handlerName}: {FailureText.Of(e)}";
                LogHandlerFailed(log, pending.Name, delivery.EventId, handlerName, delivery.Attempt, FailureText.Of(e));
            }
        }

        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PrivacyDb>();
            var now = clock.GetUtcNow();
            var attempts = delivery.Attempt;
            if (failure is null)
            {
                var at = EventTime.Microseconds(now);
                await db.Outbox.Where(e => e.Id == pending.Id).ExecuteUpdateAsync(
                    u => u.SetProperty(e => e.DeliveredAtUs, at).SetProperty(e => e.Attempts, attempts).SetProperty(e => e.LastError, (string?)null), cancellationToken);
                return true;
            }

            var next = EventTime.Microseconds(now + Backoff(attempts));
            var error = failure.Length > 2000 ? failure[..2000] : failure;
            await db.Outbox.Where(e => e.Id == pending.Id).ExecuteUpdateAsync(
                u => u.SetProperty(e => e.NextAttemptUs, next).SetProperty(e => e.Attempts, attempts).SetProperty(e => e.LastError, error), cancellationToken);
            return false;
        }
    }

    internal static TimeSpan Backoff(int attempts)
    {
        var seconds = 5 * Math.Pow(2, Math.Min(attempts - 1, 20));
        return TimeSpan.FromSeconds(Math.Min(seconds, TimeSpan.FromHours(1).TotalSeconds));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event {Event} {EventId}: subscriber {Subscriber} failed on attempt {Attempt}, delivered again later: {Cause}")]
    private static partial void LogHandlerFailed(ILogger logger, string @event, Guid eventId, string subscriber, int attempt, string cause);
}
