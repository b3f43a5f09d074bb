using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Custodian.Simulators.YooKassa;

/// <summary>How the stand-in delivers webhook notifications: duplicates, shuffled order, retries of refused ones.</summary>
public sealed record YooKassaWebhookOptions(double DuplicateShare = 0, bool Shuffle = false, int MaxAttempts = 5, int Seed = 1);

/// <summary>One POST of a notification to the shop, as the stand-in made it.</summary>
public sealed record WebhookDelivery(string Event, string PaymentId, int Attempt, HttpStatusCode? Status);

/// <summary>
/// A stand-in for YooKassa's payments API (v3) on loopback, after its published reference: HTTP Basic auth with the
/// shop id and secret key; <c>POST /v3/payments</c> with the <c>Idempotence-Key</c> header (the same key and body give the
/// first answer again; the same key with another body is an <c>invalid_request</c>), an amount in RUB, a redirect
/// confirmation and the 54-FZ <c>receipt</c> (customer e-mail or phone; items with description, quantity, amount,
/// <c>vat_code</c>, <c>payment_subject</c>, <c>payment_mode</c>, adding up to the amount); <c>GET /v3/payments/{id}</c>;
/// errors as <c>{"type":"error","code":…,"description":…,"parameter":…}</c>. The checkout page <c>/checkout/{id}</c> lets a
/// person pay or cancel and returns them to the shop; notifications (<c>payment.succeeded</c>, <c>payment.canceled</c>,
/// <c>refund.succeeded</c>) are POSTed to the webhook, retried until answered 200, with duplicates and shuffled order
/// on request (<see cref="YooKassaWebhookOptions"/>).
/// </summary>
public sealed class YooKassaSimulator : IAsyncDisposable
{
    private static readonly string[] PaymentSubjects = ["commodity", "excise", "job", "service", "gambling_bet", "gambling_prize", "lottery", "lottery_prize", "intellectual_activity", "payment", "agent_commission", "property_right", "non_operating_gain", "insurance_premium", "sales_tax", "resort_fee", "composite", "another"];
    private static readonly string[] PaymentModes = ["full_prepayment", "partial_prepayment", "advance", "full_payment", "partial_payment", "credit", "credit_payment"];

    private readonly SimulatorHost _host;
    private readonly string _shopId;
    private readonly string _secretKey;
    private readonly ConcurrentDictionary<string, JsonObject> _payments = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string Body, string Response)> _idempotence = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<JsonObject> _outbox = new();
    private readonly ConcurrentQueue<WebhookDelivery> _deliveries = new();
    private readonly HttpClient _webhookClient = new();
    private readonly Lock _gate = new();
    private Random _random = new(1);

    private YooKassaSimulator(SimulatorHost host, string shopId, string secretKey)
    {
        (_host, _shopId, _secretKey) = (host, shopId, secretKey);
    }

    public Uri BaseAddress => _host.BaseAddress;

    /// <summary>Where notifications go (the shop's HTTP notification URL); null: kept until one is set.</summary>
    public Uri? WebhookUrl { get; set; }

    public YooKassaWebhookOptions Webhooks { get; private set; } = new();

    public IReadOnlyCollection<WebhookDelivery> Deliveries => [.. _deliveries];

    public static async Task<YooKassaSimulator> StartAsync(string shopId, string secretKey, string url = "http://127.0.0.1:0", CancellationToken cancellationToken = default)
    {
        YooKassaSimulator? simulator = null;
        var host = await SimulatorHost.StartAsync(app =>
        {
            app.MapPost("/v3/payments", (HttpContext context) => simulator!.CreateAsync(context));
            app.MapGet("/v3/payments/{id}", (HttpContext context, string id) => simulator!.GetAsync(context, id));
            app.MapGet("/checkout/{id}", (HttpContext context, string id) => simulator!.CheckoutPageAsync(context, id));
            app.MapPost("/checkout/{id}/{decision}", (HttpContext context, string id, string decision) => simulator!.DecideAsync(context, id, decision));
        }, null, url, cancellationToken);
        simulator = new YooKassaSimulator(host, shopId, secretKey);
        return simulator;
    }

    public void UseWebhooks(YooKassaWebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        lock (_gate)
        {
            Webhooks = options;
            _random = new Random(options.Seed);
        }
    }

    /// <summary>The payment as the API returns it, or null.</summary>
    public JsonObject? Payment(string id) => _payments.TryGetValue(id, out var payment) ? (JsonObject)payment.DeepClone() : null;

    /// <summary>The person pays on the checkout page: the payment succeeds and its notification is queued.</summary>
    public bool Pay(string id) => Decide(id, succeeded: true);

    /// <summary>The person gives up on the checkout page: the payment is canceled and its notification is queued.</summary>
    public bool Cancel(string id) => Decide(id, succeeded: false);

    /// <summary>A full refund of a succeeded payment (from the shop's dashboard): <c>refund.succeeded</c> is queued.</summary>
    public bool Refund(string id)
    {
        lock (_gate)
        {
            if (!_payments.TryGetValue(id, out var payment) || (string?)payment["status"] != "succeeded")
            {
                return false;
            }

            payment["refunded_amount"] = payment["amount"]!.DeepClone();
            _outbox.Enqueue(Notification("refund.succeeded", new JsonObject
            {
                ["id"] = Guid.NewGuid().ToString("D"),
                ["payment_id"] = id,
                ["status"] = "succeeded",
                ["created_at"] = Now(),
                ["amount"] = payment["amount"]!.DeepClone(),
            }));
            return true;
        }
    }

    /// <summary>
    /// POSTs every queued notification (with the configured duplicates and order); one the shop does not answer 200 is
    /// tried again up to <see cref="YooKassaWebhookOptions.MaxAttempts"/> times in this call. Returns how many POSTs were made.
    /// </summary>
    public async Task<int> DeliverWebhooksAsync(CancellationToken cancellationToken = default)
    {
        if (WebhookUrl is null)
        {
            return 0;
        }

        var batch = new List<JsonObject>();
        while (_outbox.TryDequeue(out var notification))
        {
            batch.Add(notification);
            lock (_gate)
            {
                if (_random.NextDouble() < Webhooks.DuplicateShare)
                {
                    batch.Add((JsonObject)notification.DeepClone());
                }
            }
        }

        if (Webhooks.Shuffle)
        {
            lock (_gate)
            {
                _random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(batch));
            }
        }

        var posts = 0;
        foreach (var notification in batch)
        {
            var eventName = (string)notification["event"]!;
            var paymentId = eventName.StartsWith("refund.", StringComparison.Ordinal) ? (string)notification["object"]!["payment_id"]! : (string)notification["object"]!["id"]!;
            for (var attempt = 1; attempt <= Webhooks.MaxAttempts; attempt++)
            {
                posts++;
                HttpStatusCode? status = null;
                try
                {
                    using var content = new StringContent(notification.ToJsonString(), Encoding.UTF8, "application/json");
                    using var response = await _webhookClient.PostAsync(WebhookUrl, content, cancellationToken);
                    status = response.StatusCode;
                }
                catch (HttpRequestException)
                {
                    // the shop is away: tried again
                }

                _deliveries.Enqueue(new WebhookDelivery(eventName, paymentId, attempt, status));
                if (status == HttpStatusCode.OK)
                {
                    break;
                }
            }
        }

        return posts;
    }

    private bool Decide(string id, bool succeeded)
    {
        lock (_gate)
        {
            if (!_payments.TryGetValue(id, out var payment) || (string?)payment["status"] != "pending")
            {
                return false;
            }

            payment["status"] = succeeded ? "succeeded" : "canceled";
            payment["paid"] = succeeded;
            if (succeeded)
            {
                payment["captured_at"] = Now();
                payment["payment_method"] = new JsonObject { ["type"] = "bank_card", ["id"] = Guid.NewGuid().ToString("D"), ["saved"] = false };
                payment["receipt_registration"] = payment["receipt"] is null ? null : "succeeded";
            }
            else
            {
                payment["cancellation_details"] = new JsonObject { ["party"] = "yoo_money", ["reason"] = "expired_on_confirmation" };
            }

            payment.Remove("confirmation");
            _outbox.Enqueue(Notification(succeeded ? "payment.succeeded" : "payment.canceled", Public(payment)));
            return true;
        }
    }

    private async Task CreateAsync(HttpContext context)
    {
        if (!Authorised(context))
        {
            await ErrorAsync(context, 401, "invalid_credentials", "Login and password are invalid.", "Authorization");
            return;
        }

        var key = context.Request.Headers["Idempotence-Key"].ToString();
        if (key.Length is 0 or > 64)
        {
            await ErrorAsync(context, 400, "invalid_request", "Idempotence key is missing or longer than 64 characters.", "Idempotence-Key");
            return;
        }

        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        lock (_gate)
        {
            if (_idempotence.TryGetValue(key, out var earlier))
            {
                if (earlier.Body != body)
                {
                    context.Items["answer"] = (400, Error("invalid_request", "Idempotence key duplicated with another request body.", "Idempotence-Key"));
                }
                else
                {
                    context.Items["answer"] = (200, earlier.Response);
                }
            }
        }

        if (context.Items["answer"] is (int code, string cached))
        {
            await WriteAsync(context, code, cached);
            return;
        }

        JsonObject? request;
        try
        {
            request = JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            request = null;
        }

        if (request is null)
        {
            await ErrorAsync(context, 400, "invalid_request", "The request body is not a JSON object.", null);
            return;
        }

        if (Problem(request) is { } problem)
        {
            await ErrorAsync(context, 400, "invalid_request", problem.Description, problem.Parameter);
            return;
        }

        var id = Guid.NewGuid().ToString("D");
        var payment = new JsonObject
        {
            ["id"] = id,
            ["status"] = "pending",
            ["paid"] = false,
            ["amount"] = request["amount"]!.DeepClone(),
            ["confirmation"] = new JsonObject { ["type"] = "redirect", ["confirmation_url"] = new Uri(BaseAddress, $"checkout/{id}").ToString(), ["return_url"] = (string)request["confirmation"]!["return_url"]! },
            ["created_at"] = Now(),
            ["description"] = request["description"]?.DeepClone(),
            ["metadata"] = request["metadata"]?.DeepClone() ?? new JsonObject(),
            ["recipient"] = new JsonObject { ["account_id"] = _shopId, ["gateway_id"] = "1" },
            ["refundable"] = false,
            ["test"] = true,
            ["receipt"] = request["receipt"]?.DeepClone(),
        };
        _payments[id] = payment;
        var response = Public(payment).ToJsonString();
        lock (_gate)
        {
            _idempotence.TryAdd(key, (body, response));
        }

        await WriteAsync(context, 200, response);
    }

    private async Task GetAsync(HttpContext context, string id)
    {
        if (!Authorised(context))
        {
            await ErrorAsync(context, 401, "invalid_credentials", "Login and password are invalid.", "Authorization");
            return;
        }

        if (!_payments.TryGetValue(id, out var payment))
        {
            await ErrorAsync(context, 404, "not_found", "Payment not found.", "payment_id");
            return;
        }

        string json;
        lock (_gate)
        {
            json = Public(payment).ToJsonString();
        }

        await WriteAsync(context, 200, json);
    }

    private async Task CheckoutPageAsync(HttpContext context, string id)
    {
        if (!_payments.TryGetValue(id, out var payment))
        {
            context.Response.StatusCode = 404;
            return;
        }

        var amount = WebUtility.HtmlEncode($"{(string?)payment["amount"]!["value"]} {(string?)payment["amount"]!["currency"]}");
        var description = WebUtility.HtmlEncode((string?)payment["description"] ?? string.Empty);
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(
            $"""
            <!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Оплата (тестовая ЮKassa)</title></head><body>
            <h1>Оплата заказа</h1><p id="checkout-description">{description}</p><p id="checkout-amount">{amount}</p>
            <form method="post" action="/checkout/{id}/pay"><button id="checkout-pay" type="submit">Оплатить картой</button></form>
            <form method="post" action="/checkout/{id}/cancel"><button id="checkout-cancel" type="submit">Отказаться от оплаты</button></form>
            </body></html>
            """, context.RequestAborted);
    }

    private async Task DecideAsync(HttpContext context, string id, string decision)
    {
        if (!_payments.TryGetValue(id, out var payment) || decision is not ("pay" or "cancel"))
        {
            context.Response.StatusCode = 404;
            return;
        }

        var returnUrl = (string?)payment["confirmation"]?["return_url"];
        Decide(id, decision == "pay");
        await DeliverWebhooksAsync(context.RequestAborted);
        context.Response.Redirect(returnUrl ?? "/");
    }

    private static (string Description, string Parameter)? Problem(JsonObject request)
    {
        if (!Amount(request["amount"], out var total))
        {
            return ("The amount must be a positive value with two decimals in RUB.", "amount");
        }

        if (request["confirmation"] is not JsonObject confirmation || (string?)confirmation["type"] != "redirect" || !Uri.TryCreate((string?)confirmation["return_url"], UriKind.Absolute, out _))
        {
            return ("A redirect confirmation with an absolute return_url is required.", "confirmation");
        }

        if ((string?)request["description"] is { Length: > 128 })
        {
            return ("The description is longer than 128 characters.", "description");
        }

        if (request["receipt"] is not JsonObject receipt)
        {
            return ("The receipt is required: the shop sends 54-FZ receipts through YooKassa.", "receipt");
        }

        if (receipt["customer"] is not JsonObject customer || ((string?)customer["email"] is not { Length: > 0 } && (string?)customer["phone"] is not { Length: > 0 }))
        {
            return ("The receipt needs the customer's e-mail or phone.", "receipt.customer");
        }

        if (receipt["items"] is not JsonArray { Count: > 0 and <= 100 } items)
        {
            return ("The receipt needs 1 to 100 items.", "receipt.items");
        }

        var sum = 0m;
        foreach (var item in items.OfType<JsonObject>())
        {
            if ((string?)item["description"] is not { Length: > 0 and <= 128 })
            {
                return ("Each item needs a description of up to 128 characters.", "receipt.items.description");
            }

            if (!decimal.TryParse(item["quantity"]?.ToString(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var quantity) || quantity <= 0)
            {
                return ("Each item needs a positive quantity.", "receipt.items.quantity");
            }

            if (!Amount(item["amount"], out var price))
            {
                return ("Each item needs an amount in RUB.", "receipt.items.amount");
            }

            if (item["vat_code"] is not JsonValue vat || !vat.TryGetValue<int>(out var code) || code is < 1 or > 12)
            {
                return ("Each item needs a vat_code from 1 to 12.", "receipt.items.vat_code");
            }

            if (!PaymentSubjects.Contains((string?)item["payment_subject"]))
            {
                return ("Each item needs a known payment_subject.", "receipt.items.payment_subject");
            }

            if (!PaymentModes.Contains((string?)item["payment_mode"]))
            {
                return ("Each item needs a known payment_mode.", "receipt.items.payment_mode");
            }

            sum += price * quantity;
        }

        return sum == total ? null : ("The receipt's items do not add up to the payment's amount.", "receipt.items.amount");
    }

    private static bool Amount(JsonNode? node, out decimal value)
    {
        value = 0;
        return node is JsonObject amount && (string?)amount["currency"] == "RUB" && amount["value"]?.ToString() is { } text
            && decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value) && value > 0 && decimal.Round(value, 2) == value;
    }

    /// <summary>The payment as the API shows it: the receipt sent for 54-FZ is not echoed back.</summary>
    private static JsonObject Public(JsonObject payment)
    {
        var copy = (JsonObject)payment.DeepClone();
        copy.Remove("receipt");
        return copy;
    }

    private static JsonObject Notification(string eventName, JsonObject payload) =>
        new() { ["type"] = "notification", ["event"] = eventName, ["object"] = payload };

    private bool Authorised(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(header[6..])) == $"{_shopId}:{_secretKey}";
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static string Now() => TimeProvider.System.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Error(string code, string description, string? parameter)
    {
        var error = new JsonObject { ["type"] = "error", ["id"] = Guid.NewGuid().ToString("D"), ["code"] = code, ["description"] = description };
        if (parameter is not null)
        {
            error["parameter"] = parameter;
        }

        return error.ToJsonString();
    }

    private static Task ErrorAsync(HttpContext context, int status, string code, string description, string? parameter) =>
        WriteAsync(context, status, Error(code, description, parameter));

    private static async Task WriteAsync(HttpContext context, int status, string json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        _webhookClient.Dispose();
        await _host.DisposeAsync();
    }
}
