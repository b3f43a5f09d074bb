namespace Custodian.Privacy.Retention;

/// <summary>
/// A destruction act (<c>privacy_destruction_acts</c>), with the content Roskomnadzor order No. 179 asks of an act:
/// operator, subjects (pseudonymous ids) or their category, data categories, the information system (media),
/// method, reason, date and who destroyed it. Kept three years.
/// </summary>
public sealed class DestructionActRecord
{
    public Guid Id { get; set; }

    public string Number { get; set; } = string.Empty;

    public string Operator { get; set; } = string.Empty;

    public string Register { get; set; } = string.Empty;

    public string Category { get; set; } = string.Empty;

    /// <summary>The category's declared fields.</summary>
    public string Fields { get; set; } = string.Empty;

    /// <summary>Pseudonymous subject ids, space separated (never names).</summary>
    public string Subjects { get; set; } = string.Empty;

    public int Records { get; set; }

    public string Media { get; set; } = string.Empty;

    public string Method { get; set; } = string.Empty;

    public string Reason { get; set; } = string.Empty;

    public DateTime PerformedAtUtc { get; set; }

    public string PerformedBy { get; set; } = string.Empty;
}
