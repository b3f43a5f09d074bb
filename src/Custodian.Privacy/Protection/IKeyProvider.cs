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

    /// <summary>
    /// How long another instance may go on wrapping with a KEK version older than the current one (it has not seen
    /// the new version yet); retiring old versions waits this long first. Zero when no other instance shares the KEKs.
    /// </summary>
    TimeSpan KekPropagation { get; }

    /// <summary>HMAC key of the blind indexes; never used for anything else.</summary>
    ReadOnlySpan<byte> BlindIndexKey { get; }

    /// <summary>Signs audit checkpoints.</summary>
    ECDsa AuditSigningKey { get; }
}
