using System.Globalization;
using System.Security.Cryptography;

namespace Custodian.Privacy.Protection;

/// <summary>
/// How a shared key is stored under the master key, format 1: <c>[1 format][12 nonce][16 tag][ciphertext]</c>,
/// AES-256-GCM with associated data <c>custodian-shared-key|1|{purpose}|{version}</c>, so an entry copied to another
/// purpose or version does not open. Anything else (truncated, another format, a wrong key) is a
/// <see cref="CryptographicException"/> with a message that holds no key material.
/// </summary>
internal static class SharedKeyFormat
{
    public const byte Version1 = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int HeaderSize = 1 + NonceSize + TagSize;

    public static byte[] Seal(ReadOnlySpan<byte> masterKey, string purpose, int version, ReadOnlySpan<byte> key)
    {
        var sealedKey = new byte[HeaderSize + key.Length];
        sealedKey[0] = Version1;
        RandomNumberGenerator.Fill(sealedKey.AsSpan(1, NonceSize));
        using var aes = new AesGcm(masterKey, TagSize);
        aes.Encrypt(sealedKey.AsSpan(1, NonceSize), key, sealedKey.AsSpan(HeaderSize), sealedKey.AsSpan(1 + NonceSize, TagSize), AssociatedData(purpose, version));
        return sealedKey;
    }

    /// <exception cref="CryptographicException">The entry is malformed or does not open with this master key.</exception>
    public static byte[] Open(ReadOnlySpan<byte> masterKey, string purpose, int version, ReadOnlySpan<byte> sealedKey)
    {
        if (sealedKey.Length < HeaderSize)
        {
            throw new CryptographicException(string.Create(CultureInfo.InvariantCulture, $"the {purpose} v{version} entry is {sealedKey.Length} bytes, shorter than any sealed key"));
        }

        if (sealedKey[0] != Version1)
        {
            throw new CryptographicException(string.Create(CultureInfo.InvariantCulture, $"the {purpose} v{version} entry has format {sealedKey[0]}, this version reads format {Version1}"));
        }

        var key = new byte[sealedKey.Length - HeaderSize];
        using var aes = new AesGcm(masterKey, TagSize);
        try
        {
            aes.Decrypt(sealedKey.Slice(1, NonceSize), sealedKey[HeaderSize..], sealedKey.Slice(1 + NonceSize, TagSize), key, AssociatedData(purpose, version));
        }
        catch (AuthenticationTagMismatchException e)
        {
            throw new CryptographicException(string.Create(CultureInfo.InvariantCulture, $"the {purpose} v{version} entry does not open (another master key, or the entry was changed)"), e);
        }

        return key;
    }

    private static byte[] AssociatedData(string purpose, int version) =>
        System.Text.Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"custodian-shared-key|{Version1}|{purpose}|{version}"));
}
