namespace Custodian.Privacy.Protection;

/// <summary>
/// One key every instance shares (a KEK version, the blind-index key, the audit-signing key), stored only sealed by the
/// operator's master key (<see cref="SharedKeyFormat"/>). Purpose and version are the primary key: two instances that
/// create the first keys at once cannot both succeed.
/// </summary>
public sealed class SharedKeyRecord
{
    public string Purpose { get; set; } = string.Empty;

    public int Version { get; set; }

    public byte[] Sealed { get; set; } = [];

    public DateTime CreatedAtUtc { get; set; }
}
