using System.Buffers.Text;
using System.Security.Cryptography;
using Custodian.Privacy.Abstractions.Protection;

namespace Custodian.Modules.Training.Marketing;

/// <summary>
/// The token of a marketing mail's unsubscribe link (<c>/training/unsubscribe/{token}</c>): the recipient row's id and a
/// 128-bit MAC of it under the vault's blind-index key, as 43 characters of base64url. It names no person, cannot be
/// guessed or forged, and needs no table of its own; only the canonical spelling parses, so one token has one form.
/// </summary>
internal static class UnsubscribeToken
{
    public const int Length = 43;

    private const string Domain = "training-unsubscribe";

    public static string For(IPersonalDataVault vault, Guid recipientId)
    {
        ArgumentNullException.ThrowIfNull(vault);
        return Format(recipientId, Mac(vault, recipientId));
    }

    /// <summary>The recipient's id when <paramref name="token"/> is well formed and its MAC is right; null otherwise.</summary>
    public static Guid? Verify(IPersonalDataVault vault, string? token)
    {
        ArgumentNullException.ThrowIfNull(vault);
        return TryParse(token, out var id, out var mac) && CryptographicOperations.FixedTimeEquals(mac, Mac(vault, id)) ? id : null;
    }

    public static string Format(Guid recipientId, ReadOnlySpan<byte> mac)
    {
        if (mac.Length != 16)
        {
            throw new ArgumentException("The MAC is 16 bytes.", nameof(mac));
        }

        Span<byte> bytes = stackalloc byte[32];
        recipientId.TryWriteBytes(bytes[..16]);
        mac.CopyTo(bytes[16..]);
        return Base64Url.EncodeToString(bytes);
    }

    public static bool TryParse(string? token, out Guid recipientId, out byte[] mac)
    {
        (recipientId, mac) = (Guid.Empty, []);
        if (token is not { Length: Length } || !token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[33];
        int written;
        try
        {
            if (!Base64Url.TryDecodeFromChars(token, bytes, out written) || written != 32)
            {
                return false;
            }
        }
        catch (FormatException)
        {
            return false; // spare bits set in the last character
        }

        // The last character carries two spare bits: only the spelling with them zero is the token.
        if (Base64Url.EncodeToString(bytes[..32]) != token)
        {
            return false;
        }

        recipientId = new Guid(bytes[..16]);
        mac = bytes[16..32].ToArray();
        return true;
    }

    private static byte[] Mac(IPersonalDataVault vault, Guid recipientId) => vault.BlindIndex(Domain, recipientId.ToString("N"))[..16];
}
