namespace Custodian.Modules.Marketplace.Telegram;

/// <summary>
/// <c>Telegram:*</c>: the bot token (from @BotFather), the Bot API base URL (the real one by default; a local Bot API
/// server or a stand-in otherwise), and how updates arrive: <c>polling</c> (default; long polling), <c>webhook</c>
/// (Telegram POSTs to <c>WebhookUrl</c>, checked with <c>WebhookSecret</c>) or <c>off</c>.
/// </summary>
public sealed class TelegramOptions
{
    public const string Section = "Telegram";

    public string? BotToken { get; set; }

    public string ApiBaseUrl { get; set; } = "https://api.telegram.org";

    public string Mode { get; set; } = "polling";

    public string? WebhookUrl { get; set; }

    public string? WebhookSecret { get; set; }

    public bool Enabled => BotToken is { Length: > 0 } && !string.Equals(Mode, "off", StringComparison.OrdinalIgnoreCase);
}
