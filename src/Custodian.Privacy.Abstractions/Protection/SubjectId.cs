namespace Custodian.Privacy.Abstractions.Protection;

/// <summary>
/// The pseudonymous id of a data subject: the only way logs, audit entries, URLs and metrics refer to a person.
/// </summary>
public readonly record struct SubjectId(Guid Value)
{
    public static SubjectId New() => new(Guid.CreateVersion7());

    public override string ToString() => "subj_" + Value.ToString("N");
}

/// <summary>
/// Which data key protects a value. A subject scope gives each person their own key (erasure by destroying it
/// reaches every copy of their ciphertext); a purpose scope shares one key for data of one purpose or tenant.
/// </summary>
public sealed record KeyScope
{
    private KeyScope(string value) => Value = value;

    public string Value { get; }

    public static KeyScope Subject(SubjectId subject) => new("subject:" + subject.Value.ToString("N"));

    public static KeyScope Purpose(string register, string purpose) => new($"purpose:{register}/{purpose}");

    public static KeyScope Tenant(string register, string tenant) => new($"tenant:{register}/{tenant}");

    public static KeyScope Parse(string value) =>
        value.StartsWith("subject:", StringComparison.Ordinal) || value.StartsWith("purpose:", StringComparison.Ordinal) || value.StartsWith("tenant:", StringComparison.Ordinal)
            ? new KeyScope(value)
            : throw new FormatException("A key scope starts with subject:, purpose: or tenant:.");

    public override string ToString() => Value;
}

/// <summary>
/// Where a value lives (table, column, row). It is bound into the ciphertext as associated data, so a value
/// copied into another row or column no longer decrypts.
/// </summary>
public readonly record struct FieldAddress(string Table, string Column, string RowId)
{
    public override string ToString() => $"{Table}/{Column}/{RowId}";
}
