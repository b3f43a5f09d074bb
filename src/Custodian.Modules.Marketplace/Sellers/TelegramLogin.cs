using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Custodian.Modules.Marketplace.Sellers;

/// <summary>The outcome of checking Telegram Login Widget data: the Telegram user id, or why it was refused.</summary>
internal sealed record TelegramLoginCheck(long? UserId, string? Problem);

/// <summary>
/// Server-side check of Telegram Login Widget data (core.telegram.org/widgets/login): the data-check-string (every
/// received field but <c>hash</c>, sorted, <c>key=value</c> joined by line feeds) must carry HMAC-SHA256 keyed with
/// SHA-256 of the bot token, and <c>auth_date</c> must be recent, so an old or forged login is refused.
/// </summary>
internal static class TelegramLogin
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(1);

    public static TelegramLoginCheck Verify(IReadOnlyDictionary<string, string> fields, string botToken, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (!fields.TryGetValue("hash", out var hash) || hash.Length != 64 || !fields.TryGetValue("id", out var id) || !fields.TryGetValue("auth_date", out var authDate))
        {
            return new TelegramLoginCheck(null, "The Telegram login data is incomplete.");
        }

        var expected = Sign(fields, botToken);
        byte[] received;
        try
        {
            received = Convert.FromHexString(hash);
        }
        catch (FormatException)
        {
            return new TelegramLoginCheck(null, "The Telegram login data is not signed by Telegram.");
        }

        if (!CryptographicOperations.FixedTimeEquals(expected, received))
        {
            return new TelegramLoginCheck(null, "The Telegram login data is not signed by Telegram.");
        }

        if (!long.TryParse(authDate, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || now - DateTimeOffset.FromUnixTimeSeconds(seconds) > MaxAge || DateTimeOffset.FromUnixTimeSeconds(seconds) > now.AddMinutes(5))
        {
            return new TelegramLoginCheck(null, "The Telegram login is too old; sign in again.");
        }

        return long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var userId)
            ? new TelegramLoginCheck(userId, null)
            : new TelegramLoginCheck(null, "The Telegram login data is incomplete.");
    }

    /// <summary>The hash Telegram puts on the fields (every field except <c>hash</c>).</summary>
    public static byte[] Sign(IReadOnlyDictionary<string, string> fields, string botToken)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var dataCheck = string.Join('\n', fields.Where(f => f.Key != "hash").OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => f.Key + "=" + f.Value));
        return HMACSHA256.HashData(SHA256.HashData(Encoding.UTF8.GetBytes(botToken)), Encoding.UTF8.GetBytes(dataCheck));
    }
}
