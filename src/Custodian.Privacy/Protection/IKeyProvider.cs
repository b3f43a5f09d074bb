using System.Security.Cryptography;

namespace Custodian.Privacy.Protection;

/// <summary>
/// Holds the key-encryption keys (KEK) that wrap data keys, plus the blind-index and audit-signing keys. The
/// default is a folder of local key files; a KMS or Vault-transit provider implements the same contract.
/// </summary>
public interface IKeyProvider
{
    int CurrentKekVersion { get; }

    IReadOnlyList<int> KekVersions { get; }

    /// <summary>Wraps a data key with the current KEK; the returned bytes hold nonce, tag and ciphertext.</summary>
    byte[] Wrap(ReadOnlySpan<byte> dataKey, ReadOnlySpan<byte> associatedData, out int kekVersion);

    byte[] Unwrap(int kekVersion, ReadOnlySpan<byte> wrapped, ReadOnlySpan<byte> associatedData);

    /// <summary>Creates a new KEK version, used for every wrap from now on.</summary>
    int AddKekVersion();

    /// <summary>Destroys KEK versions older than <paramref name="version"/> (after every data key was re-wrapped).</summary>
    void RetireKekVersionsBefore(int version);

    /// <summary>HMAC key of the blind indexes; never used for anything else.</summary>
    ReadOnlySpan<byte> BlindIndexKey { get; }

    /// <summary>Signs audit checkpoints.</summary>
    ECDsa AuditSigningKey { get; }
}
