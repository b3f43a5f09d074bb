using Custodian.Privacy.Abstractions.Protection;

namespace Custodian.Privacy.Abstractions.Audit;

/// <summary>
/// What happened, by whom, to whose data, why: never the personal data itself. Actor is a pseudonymous account
/// id (<c>operator:…</c>, <c>subject:subj_…</c>) or <c>system</c>.
/// </summary>
public sealed record AuditEvent(string Actor, string Action, SubjectId? Subject = null, string? Register = null, string? Purpose = null, string? RequestId = null)
{
    /// <summary>
    /// Set when the entry records someone viewing the subject's data: the view then also enters the subject's
    /// <see cref="IAccessTrail"/> (organisation, role, what), in the same commit as the entry. Needs <see cref="Subject"/>.
    /// </summary>
    public ViewedAs? Viewed { get; init; }
}

/// <summary>Who viewed a subject's data as the subject may be told it: the organisation and role, never the person; what was viewed.</summary>
public sealed record ViewedAs(string Organisation, string Role, string What);

/// <summary>The tamper-evident audit log. An append returns once the entry is durable (entries are committed in batches).</summary>
public interface IAuditLog
{
    Task AppendAsync(AuditEvent entry, CancellationToken cancellationToken);

    /// <summary>
    /// Appends many entries in order (a bulk read or an export audits every record it touches); returns once all
    /// are durable. Cheaper than one call per entry.
    /// </summary>
    Task AppendAsync(IReadOnlyList<AuditEvent> entries, CancellationToken cancellationToken);
}

/// <summary>Who is acting in the current request or job, as an audit actor string.</summary>
public interface ICurrentActor
{
    string Actor { get; }

    string? RequestId { get; }
}
