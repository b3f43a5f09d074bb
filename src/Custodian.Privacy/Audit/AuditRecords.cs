namespace Custodian.Privacy.Audit;

/// <summary>One audit entry (decoded from its block). <see cref="Hash"/> chains it to the entry before it.</summary>
public sealed class AuditEntryRecord
{
    public long Sequence { get; set; }

    /// <summary>Microseconds since the Unix epoch (UTC): exact on every engine, so the hash stays reproducible.</summary>
    public long AtUnixMicroseconds { get; set; }

    public string Actor { get; set; } = string.Empty;

    public string Action { get; set; } = string.Empty;

    public string? Subject { get; set; }

    public string? Register { get; set; }

    public string? Purpose { get; set; }

    public string? RequestId { get; set; }

    public byte[] PreviousHash { get; set; } = [];

    public byte[] Hash { get; set; } = [];
}

/// <summary>A group-committed batch of consecutive entries, stored as one row (see <see cref="AuditBlock"/>).</summary>
public sealed class AuditBlockRecord
{
    public long FirstSequence { get; set; }

    public long LastSequence { get; set; }

    public byte[] Entries { get; set; } = [];
}

/// <summary>A signed statement "the chain up to entry N had hash H", made every so many entries and at shutdown.</summary>
public sealed class AuditCheckpointRecord
{
    public long Sequence { get; set; }

    public byte[] Hash { get; set; } = [];

    public long SignedAtUnixMicroseconds { get; set; }

    public byte[] Signature { get; set; } = [];
}

/// <summary>The single row holding the chain's last sequence and hash; writers update it under a lock.</summary>
public sealed class AuditHeadRecord
{
    public int Id { get; set; }

    public long Sequence { get; set; }

    public byte[] Hash { get; set; } = [];
}

/// <summary>
/// One view of a subject's data (<c>privacy_access_trail</c>), written with its audit entry in one commit (see
/// <see cref="Abstractions.Audit.IAccessTrail"/>). Rows carried over from a module's own access list, from before the
/// trail existed, have negative sequences: their audit entries exist but were not linked.
/// </summary>
public sealed class AccessTrailRecord
{
    public long Sequence { get; set; }

    public string Subject { get; set; } = string.Empty;

    public DateTime ViewedAtUtc { get; set; }

    public string Register { get; set; } = string.Empty;

    public string Organisation { get; set; } = string.Empty;

    public string Role { get; set; } = string.Empty;

    public string What { get; set; } = string.Empty;
}
