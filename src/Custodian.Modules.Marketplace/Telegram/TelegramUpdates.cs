using System.Globalization;
using Custodian.Privacy.Abstractions.Scheduling;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace Custodian.Modules.Marketplace.Telegram;

/// <summary>
/// Brings updates to <see cref="SellerBot"/>: long polling (<c>getUpdates</c> with offsets, 25 s waits) by default, or a
/// webhook registered with <c>setWebhook</c> and answered at <c>POST /telegram/webhook</c> (the secret-token header is
/// checked). A failing update is logged (without its content) and skipped, never retried forever. With several
/// instances one polls at a time (a lease); webhook mode suits several instances behind a load balancer better.
/// </summary>
internal sealed partial class TelegramUpdates(IServiceScopeFactory scopes, TelegramMessenger messenger, IWorkLeases leases, IOptions<TelegramOptions> options, TimeProvider clock, ILogger<TelegramUpdates> log) : BackgroundService
{
    public const string WebhookPath = "/telegram/webhook";

    /// <summary>The lease of the instance that polls the Bot API.</summary>
    public const string PollerLease = "marketplace.telegram-polling";

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

        // Telegram serves getUpdates to one poller per bot (a second gets 409): one instance polls at a time, under a
        // lease, and hands the offset over so the next poller neither loses nor repeats updates (ADR 0015).
        while (!stoppingToken.IsCancellationRequested)
        {
            WorkLease? lease = null;
            try
            {
                lease = await leases.TryClaimAsync(PollerLease, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogPollFailed(log, FailureText.Of(e));
            }

            if (lease is null)
            {
                await Task.Delay(TimeSpan.FromSeconds(30), clock, stoppingToken);
                continue;
            }

            await using (lease)
            {
                using var polling = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lease.Lost);
                var offset = await PollAsync(client, int.TryParse(lease.HandedOver, NumberStyles.None, CultureInfo.InvariantCulture, out var handed) ? handed : null, polling.Token);
                await lease.ReleaseAsync(offset?.ToString(CultureInfo.InvariantCulture));
            }
        }
    }

    /// <summary>Polls until <paramref name="cancellationToken"/> fires (stop, or the lease lost); returns the offset to go on from.</summary>
    private async Task<int?> PollAsync(global::Telegram.Bot.TelegramBotClient client, int? offset, CancellationToken cancellationToken)
    {
        var webhookCleared = false;
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            Update[] updates;
            try
            {
                if (!webhookCleared)
                {
                    await client.DeleteWebhook(cancellationToken: cancellationToken); // polling and a webhook exclude each other
                    webhookCleared = true;
                }

                updates = await client.GetUpdates(offset, 100, 25, cancellationToken: cancellationToken);
                failures = 0;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                LogPollFailed(log, FailureText.Of(e));
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(Math.Min(60, Math.Pow(2, ++failures))), clock, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                continue;
            }

            foreach (var update in updates)
            {
                await DispatchAsync(update, CancellationToken.None); // an update begun is finished, then the offset moves past it
                offset = update.Id + 1;
            }
        }

        return offset;
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
                return TypedResults.Problem(title: "Not from the Telegram Bot API.", detail: "The secret-token header is missing or wrong.", statusCode: StatusCodes.Status401Unauthorized);
            }

            if (!context.Request.HasJsonContentType())
            {
                return TypedResults.Problem(title: "An update is JSON.", statusCode: StatusCodes.Status415UnsupportedMediaType);
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
                return TypedResults.Problem(title: "Not a Telegram update.", statusCode: StatusCodes.Status400BadRequest);
            }

            await updates.DispatchAsync(update, context.RequestAborted);
            return Results.Ok();
        }).AllowAnonymous().DisableAntiforgery()
            .WithTags("Marketplace")
            .WithName("TelegramWebhook")
            .WithSummary("Receives the seller bot's updates from the Telegram Bot API (webhook mode).")
            .WithDescription("The body is a Bot API Update object; the X-Telegram-Bot-Api-Secret-Token header must carry Telegram:WebhookSecret.")
            .AddOpenApiOperationTransformer(DescribeUpdateBody)
            .Produces(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return endpoints;
    }

    // Not .Accepts<T>(): that metadata makes routing refuse other content types with a bare 415 before the handler.
    private static Task DescribeUpdateBody(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.Object, Description = "A Telegram Bot API Update." } },
            },
        };
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram Bot API call failed ({Error}); retrying")]
    private static partial void LogPollFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Telegram update {UpdateId} could not be handled ({Error}); skipped")]
    private static partial void LogUpdateFailed(ILogger logger, int updateId, string error);
}
