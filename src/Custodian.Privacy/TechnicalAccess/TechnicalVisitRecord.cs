namespace Custodian.Privacy.TechnicalAccess;

/// <summary>A stored <see cref="Abstractions.TechnicalAccess.TechnicalVisit"/>; no column refers to a person or to any other table.</summary>
public sealed class TechnicalVisitRecord
{
    public long Id { get; set; }

    public string Register { get; set; } = string.Empty;

    public string Resource { get; set; } = string.Empty;

    public DateTime AtUtc { get; set; }

    public string? Address { get; set; }

    public string? Browser { get; set; }

    public int Status { get; set; }

    public long Bytes { get; set; }
}
