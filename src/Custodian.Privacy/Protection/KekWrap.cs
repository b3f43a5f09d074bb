using System.Security.Cryptography;

namespace Custodian.Privacy.Protection;

/// <summary>A data key wrapped by a KEK: <c>[12 nonce][16 tag][ciphertext]</c> (AES-256-GCM), the same for every provider.</summary>
internal static class KekWrap
{
    private const int Overhead = 12 + 16;

    public static byte[] Wrap(AesGcm kek, ReadOnlySpan<byte> dataKey, ReadOnlySpan<byte> associatedData)
    {
        var wrapped = new byte[Overhead + dataKey.Length];
        RandomNumberGenerator.Fill(wrapped.AsSpan(0, 12));
        kek.Encrypt(wrapped.AsSpan(0, 12), dataKey, wrapped.AsSpan(Overhead), wrapped.AsSpan(12, 16), associatedData);
        return wrapped;
    }

    public static byte[] Unwrap(AesGcm kek, ReadOnlySpan<byte> wrapped, ReadOnlySpan<byte> associatedData)
    {
        if (wrapped.Length < Overhead)
        {
            throw new CryptographicException("The wrapped data key is too short.");
        }

        var dataKey = new byte[wrapped.Length - Overhead];
        kek.Decrypt(wrapped[..12], wrapped[Overhead..], wrapped.Slice(12, 16), dataKey, associatedData);
        return dataKey;
    }
}
