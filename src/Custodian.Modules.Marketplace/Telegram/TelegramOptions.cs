namespace Custodian.Modules.Marketplace.Telegram;

/// <summary>
/// <c>Telegram:*</c>: the bot token (from @BotFather), the Bot API base URL (the real one by default; a local Bot API
/// server or a stand-in otherwise), and how updates arrive: <c>polling</c> (default; long polling), <c>webhook</c>
/// (Telegram POSTs to <c>WebhookUrl</c>, checked with <c>WebhookSecret</c>) or <c>off</c>.
/// </summary>
internal sealed class TelegramOptions
{
    public const string Section = "Telegram";

    public string? BotToken { get; set; }

    public string ApiBaseUrl { get; set; } = "https://api.telegram.org";

    public string Mode { get; set; } = "polling";

    public string? WebhookUrl { get; set; }

    public string? WebhookSecret { get; set; }

    /// <summary>The bot's @username for the Telegram Login Widget; asked from the Bot API (<c>getMe</c>) when not set.</summary>
    public string? BotUsername { get; set; }

    public bool Enabled => BotToken is { Length: > 0 } && !string.Equals(Mode, "off", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Tokens anyone can read in this repository: the demo bot's fixed token of earlier versions (the demo now makes a
    /// new one at each start). Whoever knows a bot's token can sign Telegram logins, so these never reach a real Bot API.
    /// </summary>
    public static IReadOnlyList<string> PublicTokens { get; } = ["1000001:custodian-demo-bot-token-simulated"];

    /// <summary>A published token set for a Bot API that is not a stand-in on this machine.</summary>
    public bool UsesAPublicTokenBeyondLoopback =>
        BotToken is { } token && PublicTokens.Contains(token, StringComparer.Ordinal)
        && !(Uri.TryCreate(ApiBaseUrl, UriKind.Absolute, out var api) && api.IsLoopback);

    /// <summary>The shape of a BotFather token: the bot's numeric id, a colon, then URL-safe characters.</summary>
    public static bool LooksLikeBotToken(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var colon = token.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && token[..colon].All(char.IsAsciiDigit) && colon < token.Length - 1
            && token[(colon + 1)..].All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
    }
}
