using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Custodian.Modules.Marketplace.Sharing;

/// <summary>
/// Embed tokens: compact JWS (HS256 only) that the seller's own site signs with the seller's embed secret, naming a
/// share link (<c>link</c>) and a near expiry (<c>exp</c>, at most <see cref="LongestLife"/> ahead). Anything else is
/// refused before any key is looked at: another algorithm, a malformed part, a far or past expiry.
/// </summary>
internal static class EmbedTokens
{
    public static readonly TimeSpan LongestLife = TimeSpan.FromHours(1);

    private const int LongestToken = 2048;

    /// <summary>The claims of a well-formed token, not yet checked against a signature.</summary>
    public sealed record Claims(Guid Link, DateTimeOffset Expires, string SignedPart, byte[] Signature);

    /// <summary>Reads the token's claims; null when it is not a well-formed HS256 token naming a link with an expiry.</summary>
    public static Claims? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > LongestToken)
        {
            return null;
        }

        var parts = token.Split('.');
        if (parts.Length != 3 || Decode(parts[0]) is not { } header || Decode(parts[1]) is not { } payload || Decode(parts[2]) is not { Length: 32 } signature)
        {
            return null;
        }

        try
        {
            using var head = JsonDocument.Parse(header);
            if (head.RootElement.ValueKind != JsonValueKind.Object || !head.RootElement.TryGetProperty("alg", out var alg) || alg.ValueKind != JsonValueKind.String || alg.GetString() != "HS256")
            {
                return null;
            }

            using var body = JsonDocument.Parse(payload);
            var root = body.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("link", out var link) || link.ValueKind != JsonValueKind.String || !Guid.TryParse(link.GetString(), out var linkId)
                || !root.TryGetProperty("exp", out var exp) || exp.ValueKind != JsonValueKind.Number || !exp.TryGetInt64(out var seconds)
                || seconds is < 0 or > 253402300799)
            {
                return null;
            }

            return new Claims(linkId, DateTimeOffset.FromUnixTimeSeconds(seconds), parts[0] + "." + parts[1], signature);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Whether the claims carry a valid signature by <paramref name="secret"/> and have not expired (nor expire too far ahead).</summary>
    public static bool Valid(Claims claims, string secret, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(claims.SignedPart));
        return CryptographicOperations.FixedTimeEquals(expected, claims.Signature) && claims.Expires > now && claims.Expires <= now + LongestLife + TimeSpan.FromMinutes(1);
    }

    /// <summary>Signs a token the way a seller's site does (the settings page's example and the tests).</summary>
    public static string Sign(Guid link, DateTimeOffset expires, string secret)
    {
        var header = Encode(Encoding.UTF8.GetBytes("""{"alg":"HS256","typ":"JWT"}"""));
        var payload = Encode(JsonSerializer.SerializeToUtf8Bytes(new { link = link.ToString("D"), exp = expires.ToUnixTimeSeconds() }));
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(header + "." + payload));
        return header + "." + payload + "." + Encode(signature);
    }

    private static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[]? Decode(string part)
    {
        if (part.Length == 0 || part.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            return null;
        }

        var padded = part.Replace('-', '+').Replace('_', '/') + (part.Length % 4) switch { 2 => "==", 3 => "=", 0 => string.Empty, _ => "!" };
        try
        {
            return Convert.FromBase64String(padded);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
