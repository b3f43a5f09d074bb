namespace Custodian.Privacy.Protection;

/// <summary>A data key as stored: only wrapped by a key-encryption key, never in clear.</summary>
public sealed class DataKeyRecord
{
    public Guid Id { get; set; }

    public string Scope { get; set; } = string.Empty;

    /// <summary>1, 2, ... per scope; the highest is used for new writes.</summary>
    public int Version { get; set; }

    public int KekVersion { get; set; }

    public byte[] Wrapped { get; set; } = [];

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>Binds a wrapped key to its identity so a wrapped key row cannot be moved to another scope.</summary>
    internal static byte[] AssociatedData(Guid id, string scope, int version) =>
        System.Text.Encoding.UTF8.GetBytes($"custodian-data-key|{id:N}|{scope}|{version}");
}

/// <summary>
/// The id of a destroyed data key and when it went: lets a read tell "erased" from "corrupted or foreign". Holds
/// no key material and nothing about the subject.
/// </summary>
public sealed class DestroyedKeyRecord
{
    public Guid Id { get; set; }

    public DateTime DestroyedAtUtc { get; set; }
}
