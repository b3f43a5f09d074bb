using Custodian.Modules.Marketplace.Sellers;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.Extensions.Options;
using Telegram.Bot;

namespace Custodian.Modules.Marketplace.Telegram;

/// <summary>The bot's voice: one Bot API client for the configured token and base URL, used for replies and notices to sellers.</summary>
internal sealed class TelegramMessenger(IOptions<TelegramOptions> options, IPersonalDataVault vault, HttpClient http)
{
    private readonly Lazy<TelegramBotClient?> _client = new(() => options.Value.Enabled
        ? new TelegramBotClient(new TelegramBotClientOptions(options.Value.BotToken!, options.Value.ApiBaseUrl), http)
        : null);

    /// <summary>The client, or null when no bot is configured.</summary>
    public TelegramBotClient? Client => _client.Value;

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
