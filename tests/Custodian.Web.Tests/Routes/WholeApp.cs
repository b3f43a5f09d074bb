using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Custodian.Testing;

namespace Custodian.Web.Tests.Routes;

/// <summary>
/// The app with every module on and every external service stood in (Wildberries, Ozon, the Telegram Bot API in
/// webhook mode, SMTP), so every route answers from this process; public form limits are lifted so a test may post a
/// route many times.
/// </summary>
internal static class WholeApp
{
    public const string BotToken = "7777:web-tests-bot-token";

    public const string WebhookSecret = "web-tests-webhook-secret-0123456789";

    public const string WebhookSecretHeader = "X-Telegram-Bot-Api-Secret-Token";

    private static long _updates = 1_000;

    public static CustodianHostBuilder Builder() => CustodianHost.Builder()
        .InEnvironment("Development")
        .WithWildberries()
        .WithOzon()
        .WithTelegramBot(BotToken)
        .WithSetting("Telegram:Mode", "webhook")
        .WithSetting("Telegram:WebhookUrl", "https://custodian.test/telegram/webhook")
        .WithSetting("Telegram:WebhookSecret", WebhookSecret)
        .WithSetting("Web:PublicBaseUrl", "https://custodian.test")
        .WithSetting("Privacy:Requests:PerClientPer10Minutes", "1000000")
        .WithSetting("Logging:LogLevel:Default", "Warning");

    /// <summary>A Telegram update as the Bot API posts it to the webhook: <paramref name="text"/> from user <paramref name="user"/>.</summary>
    public static string Update(long user, string text, long? updateId = null, long? date = null)
    {
        var json = new StringBuilder();
        json.Append(CultureInfo.InvariantCulture, $"{{\"update_id\":{updateId ?? Interlocked.Increment(ref _updates)},\"message\":{{\"message_id\":1,");
        json.Append(CultureInfo.InvariantCulture, $"\"from\":{{\"id\":{user},\"is_bot\":false,\"first_name\":\"Anna\"}},\"chat\":{{\"id\":{user},\"type\":\"private\",\"first_name\":\"Anna\"}},");
        json.Append(CultureInfo.InvariantCulture, $"\"date\":{date ?? 1_763_283_600},\"text\":{System.Text.Json.JsonSerializer.Serialize(text)}");
        if (text.StartsWith('/'))
        {
            json.Append(CultureInfo.InvariantCulture, $",\"entities\":[{{\"offset\":0,\"length\":{text.Split(' ')[0].Length},\"type\":\"bot_command\"}}]");
        }

        return json.Append("}}").ToString();
    }

    /// <summary>Posts an update to the webhook with the secret, as Telegram does.</summary>
    public static async Task<HttpResponseMessage> PostUpdateAsync(HttpClient client, string json, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/telegram/webhook") { Content = new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json")) };
        request.Headers.Add(WebhookSecretHeader, WebhookSecret);
        return await client.SendAsync(request, cancellationToken);
    }
}
