using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Custodian.Privacy.Abstractions.Events;

namespace Custodian.Privacy.Events;

/// <summary>
/// Writes outbox rows through the caller's connection and transaction (every module's DbContext is on the one records
/// database), so the event commits or rolls back with the change it tells of.
/// </summary>
internal sealed class EventOutbox(TimeProvider clock) : IEventOutbox
{
    public async Task<Guid> AddAsync<TEvent>(DbTransaction transaction, TEvent domainEvent, CancellationToken cancellationToken)
        where TEvent : IDomainEvent
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(domainEvent);
        var connection = transaction.Connection ?? throw new InvalidOperationException("The transaction has no connection (already committed or rolled back).");
        var id = Guid.CreateVersion7(clock.GetUtcNow());
        var now = EventTime.Microseconds(clock.GetUtcNow());
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO privacy_outbox (id, name, payload, occurred_at_us, next_attempt_us, attempts) VALUES (@id, @name, @payload, @now, @now, 0)";
        EventTime.Add(command, "@id", id.ToString("D", CultureInfo.InvariantCulture));
        EventTime.Add(command, "@name", TEvent.EventName);
        EventTime.Add(command, "@payload", JsonSerializer.Serialize(domainEvent, EventJson.Options));
        EventTime.Add(command, "@now", now);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return id;
    }
}

/// <summary>
/// Records handled events with an insert that does nothing on a duplicate key (<c>ON CONFLICT DO NOTHING</c>, the same
/// on SQLite and PostgreSQL): the affected row count tells a first delivery from a repeated one without an error that
/// would abort a PostgreSQL transaction.
/// </summary>
internal sealed class EventInbox(TimeProvider clock) : IEventInbox
{
    public async Task<bool> TryRecordAsync(DbTransaction transaction, string handler, Guid eventId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentException.ThrowIfNullOrWhiteSpace(handler);
        var connection = transaction.Connection ?? throw new InvalidOperationException("The transaction has no connection (already committed or rolled back).");
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO privacy_inbox (handler, event_id, handled_at_us) VALUES (@handler, @event, @now) ON CONFLICT DO NOTHING";
        EventTime.Add(command, "@handler", handler);
        EventTime.Add(command, "@event", eventId.ToString("D", CultureInfo.InvariantCulture));
        EventTime.Add(command, "@now", EventTime.Microseconds(clock.GetUtcNow()));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}

internal static class EventTime
{
    public static long Microseconds(DateTimeOffset at) => (at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;

    public static DateTimeOffset At(long microseconds) => DateTimeOffset.UnixEpoch.AddTicks(microseconds * TimeSpan.TicksPerMicrosecond);

    public static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
