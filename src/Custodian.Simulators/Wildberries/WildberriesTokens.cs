using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Custodian.Simulators.Wildberries;

/// <summary>Access categories of a Wildberries API token (bits of the JWT claim <c>s</c>).</summary>
[Flags]
public enum WildberriesCategories
{
    None = 0,
    Content = 1 << 1,
    Analytics = 1 << 2,
    Prices = 1 << 3,
    Marketplace = 1 << 4,
    Statistics = 1 << 5,
    Promotion = 1 << 6,
    Feedbacks = 1 << 7,
    Chat = 1 << 9,
    Supplies = 1 << 10,
    Returns = 1 << 11,
    Documents = 1 << 12,
    Finance = 1 << 13,
    All = Content | Analytics | Prices | Marketplace | Statistics | Promotion | Feedbacks | Chat | Supplies | Returns | Documents | Finance,
}

/// <summary>
/// Tokens shaped like the seller tokens Wildberries issues: a JWT with expiry (<c>exp</c>), categories (<c>s</c>)
/// and seller ids, signed here with the simulator's own key so a forged or altered token is refused.
/// </summary>
public sealed class WildberriesTokens(byte[] signingKey)
{
    public string Issue(int sellerSeed, WildberriesCategories categories, DateTimeOffset expiresAt)
    {
        var header = Base64Url("""{"alg":"HS256","kid":"simulator","typ":"JWT"}"""u8.ToArray());
        var payload = new JsonObject
        {
            ["acc"] = 1,
            ["ent"] = 1,
            ["exp"] = expiresAt.ToUnixTimeSeconds(),
            ["id"] = Guid.NewGuid().ToString(),
            ["iid"] = sellerSeed,
            ["oid"] = 1_000_000 + sellerSeed,
            ["s"] = (int)categories,
            ["sid"] = SellerGuid(sellerSeed).ToString(),
            ["t"] = false,
            ["uid"] = 2_000_000 + sellerSeed,
        };
        var body = Base64Url(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        return $"{header}.{body}.{Sign(header + "." + body)}";
    }

    /// <summary>The seller behind a valid token, or why it is refused.</summary>
    public (int Seed, WildberriesCategories Categories)? Verify(string? token, DateTimeOffset now, out string? problem)
    {
        problem = "token is malformed";
        var parts = token?.Split('.');
        if (parts is not { Length: 3 } || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(parts[0] + "." + parts[1])), Encoding.ASCII.GetBytes(parts[2])))
        {
            return null;
        }

        using var payload = JsonDocument.Parse(Convert.FromBase64String(Pad(parts[1])));
        if (DateTimeOffset.FromUnixTimeSeconds(payload.RootElement.GetProperty("exp").GetInt64()) <= now)
        {
            problem = "token expired";
            return null;
        }

        problem = null;
        return (payload.RootElement.GetProperty("iid").GetInt32(), (WildberriesCategories)payload.RootElement.GetProperty("s").GetInt32());
    }

    public static Guid SellerGuid(int seed) => new(seed, 0x5b, 0x1d, [0x80, 0, 0, 0, 0, 0, 0, 1]);

    private string Sign(string content) => Base64Url(HMACSHA256.HashData(signingKey, Encoding.ASCII.GetBytes(content)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Pad(string base64Url)
    {
        var s = base64Url.Replace('-', '+').Replace('_', '/');
        return s + new string('=', (4 - (s.Length % 4)) % 4);
    }
}
