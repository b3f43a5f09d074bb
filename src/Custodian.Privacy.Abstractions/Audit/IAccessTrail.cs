using Custodian.Privacy.Abstractions.Protection;

namespace Custodian.Privacy.Abstractions.Audit;

/// <summary>One view of a subject's data; <see cref="Sequence"/> is its entry in the hash-chained audit log.</summary>
public sealed record AccessTrailEntry(long Sequence, DateTime ViewedAtUtc, string Register, string Organisation, string Role, string What);

/// <summary>
/// The subject's access trail: every audit entry appended with <see cref="AuditEvent.Viewed"/>, kept by subject so the
/// subject's access list can be read without decoding the audit log. Written only by the audit log, in the commit of
/// the entries themselves (one durable write per view, not two).
/// </summary>
public interface IAccessTrail
{
    /// <summary>The subject's views, newest first; at most <paramref name="newest"/> of them when given (a page shows the latest).</summary>
    Task<IReadOnlyList<AccessTrailEntry>> ForSubjectAsync(SubjectId subject, int? newest, CancellationToken cancellationToken);

    /// <summary>Deletes the trail of subjects whose records are gone (erasure, retention); the audit entries stay.</summary>
    Task<int> ForgetAsync(IReadOnlyCollection<SubjectId> subjects, CancellationToken cancellationToken);
}
