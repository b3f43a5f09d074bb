namespace Custodian.Privacy.Consent;

/// <summary>One row of the consent ledger. Rows are only ever inserted.</summary>
public sealed class ConsentRecord
{
    public Guid Id { get; set; }

    public Guid SubjectId { get; set; }

    public string Register { get; set; } = string.Empty;

    public string Purpose { get; set; } = string.Empty;

    public bool Given { get; set; }

    /// <summary>SHA-256 (hex) of the exact notice text shown when consent was given.</summary>
    public string NoticeHash { get; set; } = string.Empty;

    public string Channel { get; set; } = string.Empty;

    public string EvidenceReference { get; set; } = string.Empty;

    public DateTime RecordedAtUtc { get; set; }
}
