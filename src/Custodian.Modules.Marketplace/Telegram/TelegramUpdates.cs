using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace Custodian.Modules.Marketplace.Telegram;

/// <summary>
/// Brings updates to <see cref="SellerBot"/>: long polling (<c>getUpdates</c> with offsets, 25 s waits) by default, or a
/// webhook registered with <c>setWebhook</c> and answered at <c>POST /telegram/webhook</c> (the secret-token header is
/// checked). A failing update is logged (without its content) and skipped, never retried forever.
/// </summary>
internal sealed partial class TelegramUpdates(IServiceScopeFactory scopes, TelegramMessenger messenger, IOptions<TelegramOptions> options, TimeProvider clock, ILogger<TelegramUpdates> log) : BackgroundService
{
    public const string WebhookPath = "/telegram/webhook";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled || messenger.Client is not { } client)
        {
            return;
        }

        if (string.Equals(options.Value.Mode, "webhook", StringComparison.OrdinalIgnoreCase))
        {
            await RegisterWebhookAsync(client, stoppingToken);
            return;
        }

        int? offset = null;
        var webhookCleared = false;
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            Update[] updates;
            try
            {
                if (!webhookCleared)
                {
                    await client.DeleteWebhook(cancellationToken: stoppingToken); // polling and a webhook exclude each other
                    webhookCleared = true;
                }

                updates = await client.GetUpdates(offset, 100, 25, cancellationToken: stoppingToken);
                failures = 0;
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogPollFailed(log, e.GetType().Name);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(60, Math.Pow(2, ++failures))), clock, stoppingToken);
                continue;
            }

            foreach (var update in updates)
            {
                await DispatchAsync(update, stoppingToken);
                offset = update.Id + 1;
            }
        }
    }

    private async Task RegisterWebhookAsync(global::Telegram.Bot.TelegramBotClient client, CancellationToken stoppingToken)
    {
        for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                await client.SetWebhook(options.Value.WebhookUrl!, secretToken: options.Value.WebhookSecret, cancellationToken: stoppingToken);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogPollFailed(log, e.GetType().Name);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(300, Math.Pow(2, attempt))), clock, stoppingToken);
            }
        }
    }

    public async Task DispatchAsync(Update update, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<SellerBot>().HandleAsync(update, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogUpdateFailed(log, update.Id, e.GetType().Name);
        }
    }

    public static IEndpointRouteBuilder MapWebhook(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(WebhookPath, async (HttpContext context, TelegramUpdates updates, IOptions<TelegramOptions> options) =>
        {
            if (options.Value.WebhookSecret is not { Length: > 0 } secret
                || !string.Equals(context.Request.Headers["X-Telegram-Bot-Api-Secret-Token"], secret, StringComparison.Ordinal))
            {
                return Results.Unauthorized();
            }

            if (!context.Request.HasJsonContentType())
            {
                return Results.Problem(title: "Telegram posts updates as JSON.", statusCode: StatusCodes.Status415UnsupportedMediaType);
            }

            Update? update;
            try
            {
                update = await context.Request.ReadFromJsonAsync<Update>(global::Telegram.Bot.JsonBotAPI.Options, context.RequestAborted);
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException or FormatException or OverflowException or NotSupportedException)
            {
                // Malformed JSON, an unknown charset, or values out of range (a date past year 9999): not an update.
                update = null;
            }

            if (update is null)
            {
                return Results.Problem(title: "Not a Telegram update.", statusCode: StatusCodes.Status400BadRequest);
            }

            await updates.DispatchAsync(update, context.RequestAborted);
            return Results.Ok();
        }).AllowAnonymous().DisableAntiforgery();
        return endpoints;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram Bot API call failed ({Error}); retrying")]
    private static partial void LogPollFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Telegram update {UpdateId} could not be handled ({Error}); skipped")]
    private static partial void LogUpdateFailed(ILogger logger, int updateId, string error);
}
