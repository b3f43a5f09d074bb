using System.Data.Common;
using System.Text.Json;

namespace Custodian.Privacy.Abstractions.Events;

/// <summary>
/// A fact one module publishes for others (ADR 0021), e.g. billing's "payment confirmed" that the marketplace turns into
/// a longer plan. A record serialised as JSON; its <see cref="EventName"/> is what is stored, never the CLR type name,
/// so renaming or moving the class does not orphan events already in the outbox.
/// </summary>
public interface IDomainEvent
{
    /// <summary>Stable and unique, <c>module.what-happened</c>, e.g. <c>billing.payment-confirmed</c>.</summary>
    static abstract string EventName { get; }
}

/// <summary>
/// Writes events into the kernel's outbox inside the caller's own transaction on the records database, so an event
/// exists exactly when the change it tells of was committed. The kernel delivers it afterwards, at least once.
/// </summary>
public interface IEventOutbox
{
    /// <summary>
    /// Adds <paramref name="domainEvent"/> to the outbox within <paramref name="transaction"/> (from EF Core:
    /// <c>db.Database.CurrentTransaction.GetDbTransaction()</c>); it is delivered only if that transaction commits.
    /// Returns the event's id, which handlers see and record in their inbox.
    /// </summary>
    Task<Guid> AddAsync<TEvent>(DbTransaction transaction, TEvent domainEvent, CancellationToken cancellationToken)
        where TEvent : IDomainEvent;
}

/// <summary>
/// The handled-events ledger that makes at-least-once delivery take effect once: a handler records the event inside the
/// same transaction as its own change, and does nothing when the event is already recorded (a duplicate delivery).
/// </summary>
public interface IEventInbox
{
    /// <summary>
    /// Records that <paramref name="handler"/> handled <paramref name="eventId"/> within <paramref name="transaction"/>.
    /// False when it already had: the caller must then change nothing.
    /// </summary>
    Task<bool> TryRecordAsync(DbTransaction transaction, string handler, Guid eventId, CancellationToken cancellationToken);
}

/// <summary>One delivery of an event to a handler: the event's id (the inbox key), when it happened, which attempt this is.</summary>
public sealed record EventDelivery(Guid EventId, string EventName, DateTimeOffset OccurredAt, int Attempt);

/// <summary>
/// Receives events of one name. Register it scoped (<c>services.AddScoped&lt;IEventSubscriber, MyHandler&gt;()</c>); each
/// delivery gets a fresh scope. Deliveries may repeat and arrive in any order: handle idempotently through
/// <see cref="IEventInbox"/>. An exception makes the kernel deliver the event again later (with back-off).
/// Derive from <see cref="EventSubscriber{TEvent}"/> rather than implementing this directly.
/// </summary>
public interface IEventSubscriber
{
    /// <summary>Stable and unique among handlers, e.g. <c>marketplace.extend-plan-on-payment</c> (the inbox key).</summary>
    string Name { get; }

    /// <summary>The <see cref="IDomainEvent.EventName"/> it handles.</summary>
    string EventName { get; }

    /// <summary>Handles one delivery; <paramref name="payload"/> is the event as stored (JSON).</summary>
    Task HandleAsync(EventDelivery delivery, string payload, CancellationToken cancellationToken);
}

/// <summary>A handler of <typeparamref name="TEvent"/>: reads the stored JSON back into the record.</summary>
public abstract class EventSubscriber<TEvent> : IEventSubscriber
    where TEvent : IDomainEvent
{
    public abstract string Name { get; }

    public string EventName => TEvent.EventName;

    Task IEventSubscriber.HandleAsync(EventDelivery delivery, string payload, CancellationToken cancellationToken) =>
        HandleAsync(JsonSerializer.Deserialize<TEvent>(payload, EventJson.Options) ?? throw new JsonException($"Event {delivery.EventId} of {TEvent.EventName}: empty payload."), delivery, cancellationToken);

    protected abstract Task HandleAsync(TEvent domainEvent, EventDelivery delivery, CancellationToken cancellationToken);
}

/// <summary>How events are written and read (camelCase JSON, as the web APIs).</summary>
public static class EventJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}
