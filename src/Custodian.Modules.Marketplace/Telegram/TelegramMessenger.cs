using Custodian.Modules.Marketplace.Sellers;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.Extensions.Options;
using Telegram.Bot;

namespace Custodian.Modules.Marketplace.Telegram;

/// <summary>What the sign-in page needs to show the Telegram Login Widget: the bot's @username, when a bot is configured.</summary>
internal interface ITelegramLoginWidget
{
    Task<string?> BotUsernameAsync(CancellationToken cancellationToken);
}

/// <summary>The bot's voice: one Bot API client for the configured token and base URL, used for replies and notices to sellers.</summary>
internal sealed class TelegramMessenger(IOptions<TelegramOptions> options, IPersonalDataVault vault, HttpClient http) : ITelegramLoginWidget
{
    private string? _username = options.Value.BotUsername;

    private readonly Lazy<TelegramBotClient?> _client = new(() => options.Value.Enabled
        ? new TelegramBotClient(new TelegramBotClientOptions(options.Value.BotToken!, options.Value.ApiBaseUrl), http)
        : null);

    /// <summary>The client, or null when no bot is configured.</summary>
    public TelegramBotClient? Client => _client.Value;

    /// <summary>The bot's @username (configured, or asked once with <c>getMe</c>); null without a bot or when the Bot API cannot say.</summary>
    public async Task<string?> BotUsernameAsync(CancellationToken cancellationToken)
    {
        if (_username is null && options.Value.BotToken is { Length: > 0 } && Client is { } client)
        {
            try
            {
                _username = (await client.GetMe(cancellationToken)).Username;
            }
            catch (Exception e) when (e is HttpRequestException or global::Telegram.Bot.Exceptions.RequestException or global::Telegram.Bot.Exceptions.ApiRequestException)
            {
                return null; // the page offers the e-mail link instead
            }
        }

        return _username;
    }

    public Task SendAsync(long chatId, string text, CancellationToken cancellationToken) =>
        Client is { } client ? client.SendMessage(chatId, text, cancellationToken: cancellationToken) : Task.CompletedTask;

    /// <summary>Tells a seller something in their chat with the bot, if they have one; returns whether it was sent.</summary>
    public async Task<bool> TellSellerAsync(SellerRecord seller, string text, CancellationToken cancellationToken)
    {
        if (Client is null || seller.TelegramChatId is null)
        {
            return false;
        }

        var chat = await vault.OpenAsync(seller.TelegramChatId, SellerRecord.Field(seller.Id, "telegram_chat_id"), cancellationToken);
        if (chat.IsErased || !long.TryParse(chat.Value, System.Globalization.CultureInfo.InvariantCulture, out var chatId))
        {
            return false;
        }

        await SendAsync(chatId, text, cancellationToken);
        return true;
    }
}
