using System.Text.Json;

namespace Custodian.Modules.Marketplace.Accounts;

/// <summary>
/// What a Wildberries API token says about itself: tokens are JWTs whose payload carries the expiry (<c>exp</c>,
/// about 180 days after issue) and the chosen access categories as bits of <c>s</c>. Read without verifying the
/// signature (only Wildberries can); used to show expiry and missing categories, never to grant anything.
/// </summary>
internal sealed record WildberriesTokenInfo(DateTimeOffset? ExpiresAt, IReadOnlyList<string>? Categories, bool ReadOnly)
{
    /// <summary>Category names by bit of the <c>s</c> claim, as the seller portal lists them.</summary>
    public static readonly IReadOnlyList<(int Bit, string Name)> CategoryBits =
    [
        (1, "content"), (2, "analytics"), (3, "prices"), (4, "marketplace"), (5, "statistics"), (6, "promotion"),
        (7, "feedbacks"), (9, "chat"), (10, "supplies"), (11, "returns"), (12, "documents"), (13, "finance"),
    ];

    /// <summary>The categories the collectors use; a token without one of them loses those datasets.</summary>
    public static readonly IReadOnlyList<string> Needed = ["statistics", "content", "analytics", "prices", "feedbacks", "finance"];

    public IReadOnlyList<string> Missing => Categories is null ? [] : MissingOf(Categories);

    /// <summary>The needed categories a token with <paramref name="categories"/> lacks.</summary>
    public static IReadOnlyList<string> MissingOf(IEnumerable<string> categories) => [.. Needed.Except(categories, StringComparer.Ordinal)];

    public static WildberriesTokenInfo Read(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return new WildberriesTokenInfo(null, null, false);
        }

        try
        {
            var payload = parts[1].Replace('-', '+').Replace('_', '/');
            payload += new string('=', (4 - (payload.Length % 4)) % 4);
            using var json = JsonDocument.Parse(Convert.FromBase64String(payload));
            var root = json.RootElement;
            // A claim of the wrong type loses only that claim (TryGetInt64 throws on a string, which lost both).
            DateTimeOffset? expires = root.TryGetProperty("exp", out var exp) && exp.ValueKind == JsonValueKind.Number && exp.TryGetInt64(out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
            if (!root.TryGetProperty("s", out var s) || s.ValueKind != JsonValueKind.Number || !s.TryGetInt64(out var bits))
            {
                return new WildberriesTokenInfo(expires, null, false);
            }

            var categories = CategoryBits.Where(c => (bits & (1L << c.Bit)) != 0).Select(c => c.Name).ToList();
            return new WildberriesTokenInfo(expires, categories, (bits & (1L << 30)) != 0);
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentOutOfRangeException or InvalidOperationException)
        {
            return new WildberriesTokenInfo(null, null, false);
        }
    }
}
