using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Custodian.Modules.Marketplace.Sellers;

/// <summary>Why Telegram Login Widget data was refused.</summary>
internal enum TelegramLoginRefusal
{
    /// <summary>Fields missing, or not signed with this bot's token.</summary>
    Forged,

    /// <summary>Signed, but <c>auth_date</c> is older than <see cref="TelegramLogin.MaxAge"/> or in the future.</summary>
    Expired,

    /// <summary>Signed and fresh, but this very payload was used to sign in already.</summary>
    Replayed,
}

/// <summary>The outcome of checking Telegram Login Widget data: the Telegram user id and when the data was signed, or why it was refused.</summary>
internal sealed record TelegramLoginCheck(long? UserId, TelegramLoginRefusal? Refusal, DateTimeOffset SignedAt = default)
{
    public static TelegramLoginCheck Refused(TelegramLoginRefusal refusal) => new(null, refusal);
}

/// <summary>
/// Server-side check of Telegram Login Widget data (core.telegram.org/widgets/login): the data-check-string (every
/// received field but <c>hash</c>, sorted, <c>key=value</c> joined by line feeds) must carry HMAC-SHA256 keyed with
/// SHA-256 of the bot token, and <c>auth_date</c> must be a few minutes old at most, so an old or forged login is
/// refused. That a payload is used once is <see cref="TelegramSignIn"/>'s part.
/// </summary>
internal static class TelegramLogin
{
    /// <summary>How old signed data may be: the widget redirects at once, so minutes are plenty and limit a leaked URL.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    /// <summary>How far in the future <c>auth_date</c> may be (Telegram's clock against ours).</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    public static TelegramLoginCheck Verify(IReadOnlyDictionary<string, string> fields, string botToken, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (!fields.TryGetValue("hash", out var hash) || hash.Length != 64 || !fields.TryGetValue("id", out var id) || !fields.TryGetValue("auth_date", out var authDate))
        {
            return TelegramLoginCheck.Refused(TelegramLoginRefusal.Forged);
        }

        byte[] received;
        try
        {
            received = Convert.FromHexString(hash);
        }
        catch (FormatException)
        {
            return TelegramLoginCheck.Refused(TelegramLoginRefusal.Forged);
        }

        if (!CryptographicOperations.FixedTimeEquals(Sign(fields, botToken), received)
            || !long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var userId)
            || !long.TryParse(authDate, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return TelegramLoginCheck.Refused(TelegramLoginRefusal.Forged);
        }

        var nowSeconds = now.ToUnixTimeSeconds();
        if (seconds < nowSeconds - (long)MaxAge.TotalSeconds || seconds > nowSeconds + (long)ClockSkew.TotalSeconds)
        {
            return TelegramLoginCheck.Refused(TelegramLoginRefusal.Expired);
        }

        return new TelegramLoginCheck(userId, null, DateTimeOffset.FromUnixTimeSeconds(seconds));
    }

    /// <summary>The hash Telegram puts on the fields (every field except <c>hash</c>).</summary>
    public static byte[] Sign(IReadOnlyDictionary<string, string> fields, string botToken)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var dataCheck = string.Join('\n', fields.Where(f => f.Key != "hash").OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => f.Key + "=" + f.Value));
        return HMACSHA256.HashData(SHA256.HashData(Encoding.UTF8.GetBytes(botToken)), Encoding.UTF8.GetBytes(dataCheck));
    }
}
