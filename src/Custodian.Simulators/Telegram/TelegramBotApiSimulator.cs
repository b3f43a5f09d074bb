using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Custodian.Simulators.Telegram;

/// <summary>A message the bot sent, as the simulator received it.</summary>
public sealed record SentMessage(long ChatId, string Text);

/// <summary>
/// A stand-in for the Telegram Bot API on loopback: <c>/bot{token}/{method}</c> with the real JSON shapes
/// (<c>{"ok":true,"result":…}</c>, errors with <c>error_code</c> and <c>description</c>), <c>getUpdates</c> with offsets
/// and long polling, <c>sendMessage</c>, <c>getMe</c>, <c>setWebhook</c> (updates are then POSTed to the webhook with the
/// secret-token header) and <c>deleteWebhook</c>. Tests play the people: <see cref="UserSays"/> queues a message from a
/// user; <see cref="NextMessageToAsync"/> waits for what the bot answered.
/// </summary>
public sealed class TelegramBotApiSimulator : IAsyncDisposable
{
    private readonly SimulatorHost _host;
    private readonly string _token;
    private readonly ConcurrentQueue<JsonObject> _pending = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly ConcurrentDictionary<long, Channel<SentMessage>> _sent = new();
    private readonly HttpClient _webhookClient = new();
    private long _nextUpdateId = 1;
    private long _nextMessageId = 1;
    private long _confirmedUpTo;
    private (Uri Url, string? Secret)? _webhook;

    private TelegramBotApiSimulator(SimulatorHost host, string token)
    {
        _host = host;
        _token = token;
    }

    public Uri BaseAddress => _host.BaseAddress;

    public string Token => _token;

    public static async Task<TelegramBotApiSimulator> StartAsync(string token, string url = "http://127.0.0.1:0", CancellationToken cancellationToken = default)
    {
        TelegramBotApiSimulator? simulator = null;
        var host = await SimulatorHost.StartAsync(app => app.Map("/{botToken}/{method}", (HttpContext context, string botToken, string method) => simulator!.HandleAsync(context, botToken, method)), null, url, cancellationToken);
        simulator = new TelegramBotApiSimulator(host, token);
        return simulator;
    }

    /// <summary>
    /// A Telegram user writes <paramref name="text"/> to the bot in their private chat (chat id = user id), from an app in
    /// <paramref name="languageCode"/> (null: Telegram sends no language_code, as it may).
    /// </summary>
    public void UserSays(long userId, string text, string firstName = "Test", string? username = null, string? languageCode = "ru")
    {
        var from = new JsonObject { ["id"] = userId, ["is_bot"] = false, ["first_name"] = firstName };
        if (languageCode is not null)
        {
            from["language_code"] = languageCode;
        }

        if (username is not null)
        {
            from["username"] = username;
        }

        var message = new JsonObject
        {
            ["message_id"] = Interlocked.Increment(ref _nextMessageId),
            ["from"] = from,
            ["chat"] = new JsonObject { ["id"] = userId, ["type"] = "private", ["first_name"] = firstName },
            ["date"] = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds(),
            ["text"] = text,
        };
        if (text.StartsWith('/'))
        {
            message["entities"] = new JsonArray(new JsonObject { ["offset"] = 0, ["length"] = text.Split(' ')[0].Length, ["type"] = "bot_command" });
        }

        var update = new JsonObject { ["update_id"] = Interlocked.Increment(ref _nextUpdateId), ["message"] = message };
        if (_webhook is { } webhook)
        {
            _ = DeliverAsync(webhook, update);
            return;
        }

        _pending.Enqueue(update);
        _arrived.Release();
    }

    /// <summary>The next message the bot sends to <paramref name="chatId"/> (waits up to <paramref name="timeout"/>).</summary>
    public async Task<SentMessage> NextMessageToAsync(long chatId, TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        return await Chat(chatId).Reader.ReadAsync(cancel.Token);
    }

    public async ValueTask DisposeAsync()
    {
        _webhookClient.Dispose();
        await _host.DisposeAsync();
        _arrived.Dispose();
    }

    private Channel<SentMessage> Chat(long chatId) => _sent.GetOrAdd(chatId, _ => Channel.CreateUnbounded<SentMessage>());

    // "bot{token}" cannot be a route pattern: a token containing "bot" would be split at the wrong place.
    private async Task HandleAsync(HttpContext context, string botToken, string method)
    {
        if (!string.Equals(botToken, "bot" + _token, StringComparison.Ordinal))
        {
            await ErrorAsync(context, 401, "Unauthorized");
            return;
        }

        var body = await ReadParametersAsync(context.Request);
        switch (method)
        {
            case "getMe":
                await OkAsync(context, new JsonObject { ["id"] = long.Parse(_token.Split(':')[0], System.Globalization.CultureInfo.InvariantCulture), ["is_bot"] = true, ["first_name"] = "Custodian", ["username"] = "custodian_demo_bot", ["can_join_groups"] = false, ["can_read_all_group_messages"] = false, ["supports_inline_queries"] = false });
                return;
            case "getUpdates":
                if (_webhook is not null)
                {
                    await ErrorAsync(context, 409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
                    return;
                }

                await OkAsync(context, await UpdatesAsync(body, context.RequestAborted));
                return;
            case "sendMessage":
                if (body["chat_id"]?.GetValue<JsonElement>() is not { } chat || body["text"]?.ToString() is not { Length: > 0 } text)
                {
                    await ErrorAsync(context, 400, "Bad Request: message text is empty");
                    return;
                }

                var chatId = chat.ValueKind == JsonValueKind.Number ? chat.GetInt64() : long.Parse(chat.GetString()!, System.Globalization.CultureInfo.InvariantCulture);
                await Chat(chatId).Writer.WriteAsync(new SentMessage(chatId, text));
                await OkAsync(context, new JsonObject
                {
                    ["message_id"] = Interlocked.Increment(ref _nextMessageId),
                    ["chat"] = new JsonObject { ["id"] = chatId, ["type"] = "private" },
                    ["date"] = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds(),
                    ["text"] = text,
                });
                return;
            case "setWebhook":
                _webhook = (new Uri(body["url"]!.ToString()), body["secret_token"]?.ToString());
                await OkAsync(context, true);
                return;
            case "deleteWebhook":
                _webhook = null;
                await OkAsync(context, true);
                return;
            default:
                await ErrorAsync(context, 404, "Not Found: method not found");
                return;
        }
    }

    private async Task<JsonArray> UpdatesAsync(JsonObject body, CancellationToken cancellationToken)
    {
        var offset = body["offset"] is { } o ? o.GetValue<JsonElement>().GetInt64() : 0;
        var timeout = body["timeout"] is { } t ? t.GetValue<JsonElement>().GetInt32() : 0;
        if (offset > 0)
        {
            Interlocked.Exchange(ref _confirmedUpTo, offset - 1);
        }

        if (_pending.IsEmpty && timeout > 0)
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            wait.CancelAfter(TimeSpan.FromSeconds(timeout));
            try
            {
                await _arrived.WaitAsync(wait.Token);
                _arrived.Release();
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }
        }

        var result = new JsonArray();
        while (_pending.TryPeek(out var update) && update["update_id"]!.GetValue<long>() <= Interlocked.Read(ref _confirmedUpTo))
        {
            _pending.TryDequeue(out _);
            await _arrived.WaitAsync(0, cancellationToken);
        }

        foreach (var update in _pending)
        {
            result.Add(update.DeepClone());
        }

        return result;
    }

    private async Task DeliverAsync((Uri Url, string? Secret) webhook, JsonObject update)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url) { Content = new StringContent(update.ToJsonString(), System.Text.Encoding.UTF8, "application/json") };
        if (webhook.Secret is { } secret)
        {
            request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", secret);
        }

        using var response = await _webhookClient.SendAsync(request);
    }

    private static async Task<JsonObject> ReadParametersAsync(HttpRequest request)
    {
        var parameters = new JsonObject();
        foreach (var (key, value) in request.Query)
        {
            parameters[key] = JsonValue.Create(JsonDocument.Parse(long.TryParse(value, out _) ? value.ToString() : JsonSerializer.Serialize(value.ToString())).RootElement.Clone());
        }

        if (request.HasJsonContentType())
        {
            using var json = await JsonDocument.ParseAsync(request.Body);
            foreach (var property in json.RootElement.EnumerateObject())
            {
                parameters[property.Name] = JsonValue.Create(property.Value.Clone());
            }
        }
        else if (request.HasFormContentType)
        {
            foreach (var (key, value) in await request.ReadFormAsync())
            {
                parameters[key] = JsonValue.Create(JsonDocument.Parse(long.TryParse(value, out _) ? value.ToString() : JsonSerializer.Serialize(value.ToString())).RootElement.Clone());
            }
        }

        return parameters;
    }

    private static Task OkAsync(HttpContext context, JsonNode result) =>
        context.Response.WriteAsync(new JsonObject { ["ok"] = true, ["result"] = result }.ToJsonString());

    private static Task ErrorAsync(HttpContext context, int code, string description)
    {
        context.Response.StatusCode = code;
        return context.Response.WriteAsync(new JsonObject { ["ok"] = false, ["error_code"] = code, ["description"] = description }.ToJsonString());
    }
}
