using System.Security.Cryptography;

namespace Custodian.Privacy.Abstractions.Protection;

/// <summary>
/// Secrets for single-use links of every module (sign-in, e-mail confirmation, invitation, request confirmation and download): 256 random bits, base64url; only
/// their SHA-256 is stored, so a copy of the database opens no link.
/// </summary>
public static class OneTimeTokens
{
    public static (string Token, byte[] Hash) New()
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (token, Hash(token));
    }

    public static byte[] Hash(string token) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token ?? string.Empty));

    /// <summary>A short reference people can read out, e.g. <c>DSR-7K2M9QXA</c> (Crockford base32: no I, L, O, U).</summary>
    public static string NewReference(string prefix)
    {
        const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        Span<byte> random = stackalloc byte[8];
        RandomNumberGenerator.Fill(random);
        Span<char> text = stackalloc char[8];
        for (var i = 0; i < 8; i++)
        {
            text[i] = Alphabet[random[i] & 31];
        }

        return prefix + "-" + new string(text);
    }
}
