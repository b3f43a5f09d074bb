namespace Custodian.Privacy.Breaches;

public enum BreachStatus
{
    /// <summary>Detected; being assessed and contained.</summary>
    Open,

    /// <summary>The cause is stopped; notifications and investigation may still be due.</summary>
    Contained,

    /// <summary>Handled: notified where required, investigated, measures in place.</summary>
    Closed,
}

/// <summary>The notifications a breach can require; each has its own clock.</summary>
public enum BreachNotice
{
    /// <summary>GDPR art. 33: to the supervisory authority (Finland: the Data Protection Ombudsman) within 72 hours of awareness.</summary>
    GdprAuthority,

    /// <summary>GDPR art. 34: to the people affected, without undue delay, when the risk to them is high.</summary>
    GdprSubjects,

    /// <summary>152-FZ art. 21 part 3.1(1): initial notice to Roskomnadzor within 24 hours.</summary>
    RknInitial,

    /// <summary>152-FZ art. 21 part 3.1(2): results of the internal investigation to Roskomnadzor within 72 hours.</summary>
    RknInvestigation,
}

/// <summary>An incident in the breach register (<c>privacy_breaches</c>). Describes data and people by category and count, never by name.</summary>
public sealed class BreachRecord
{
    public Guid Id { get; set; }

    public string Reference { get; set; } = string.Empty;

    /// <summary>When the controller became aware: every clock starts here.</summary>
    public DateTime DetectedAtUtc { get; set; }

    public DateTime? OccurredAtUtc { get; set; }

    public string Nature { get; set; } = string.Empty;

    /// <summary>Register ids, space separated.</summary>
    public string Registers { get; set; } = string.Empty;

    /// <summary>Declared data categories affected, space separated.</summary>
    public string Categories { get; set; } = string.Empty;

    public int ApproximateSubjects { get; set; }

    public int ApproximateRecords { get; set; }

    public string LikelyConsequences { get; set; } = string.Empty;

    public string MeasuresTaken { get; set; } = string.Empty;

    public string? MeasuresProposed { get; set; }

    /// <summary>GDPR art. 33(1): notification is not needed when the breach is unlikely to result in a risk (reason recorded).</summary>
    public string? NoRiskReason { get; set; }

    /// <summary>GDPR art. 34: the risk to people is high, so they are told directly.</summary>
    public bool HighRiskToSubjects { get; set; }

    public string? Cause { get; set; }

    public BreachStatus Status { get; set; }

    public DateTime? GdprAuthorityNotifiedAtUtc { get; set; }

    public DateTime? GdprSubjectsNotifiedAtUtc { get; set; }

    public DateTime? RknInitialNotifiedAtUtc { get; set; }

    public DateTime? RknInvestigationNotifiedAtUtc { get; set; }
}

/// <summary>The status timeline of a breach (<c>privacy_breach_events</c>).</summary>
public sealed class BreachEventRecord
{
    public Guid Id { get; set; }

    public Guid BreachId { get; set; }

    public DateTime AtUtc { get; set; }

    public string Actor { get; set; } = string.Empty;

    public string Note { get; set; } = string.Empty;
}
