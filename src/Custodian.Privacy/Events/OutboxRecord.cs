namespace Custodian.Privacy.Events;

/// <summary>
/// One event waiting for or past delivery (table <c>privacy_outbox</c>). Times are Unix microseconds and the id text, so
/// the rows modules write through their own connection (plain ADO.NET, <see cref="EventOutbox"/>) read the same on
/// SQLite and PostgreSQL.
/// </summary>
internal sealed class OutboxRecord
{
    public string Id { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string Payload { get; set; } = string.Empty;

    public long OccurredAtUs { get; set; }

    /// <summary>Not delivered before this time (the back-off after a failed delivery).</summary>
    public long NextAttemptUs { get; set; }

    public int Attempts { get; set; }

    public long? DeliveredAtUs { get; set; }

    public string? LastError { get; set; }
}

/// <summary>A handler's record that it handled an event (table <c>privacy_inbox</c>), written in the handler's own transaction.</summary>
internal sealed class InboxRecord
{
    public string Handler { get; set; } = string.Empty;

    public string EventId { get; set; } = string.Empty;

    public long HandledAtUs { get; set; }
}
