using System.Security.Cryptography;
using System.Text;

namespace Custodian.Modules.Marketplace.Sellers;

/// <summary>Single-use link tokens: 256 random bits, URL-safe; only their SHA-256 is stored.</summary>
internal static class SecretTokens
{
    public static (string Token, byte[] Hash) New()
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (token, Hash(token));
    }

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.ASCII.GetBytes(token));
}
