using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Custodian.Simulators.YooKassa;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Custodian.Simulators.Tests;

/// <summary>The YooKassa stand-in keeps the promises of the published API the billing client relies on.</summary>
public sealed class YooKassaSimulatorTests
{
    private const string ShopId = "100500";
    private const string SecretKey = "test_secret";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static JsonObject Request(string value = "1490.00") => new()
    {
        ["amount"] = new JsonObject { ["value"] = value, ["currency"] = "RUB" },
        ["capture"] = true,
        ["confirmation"] = new JsonObject { ["type"] = "redirect", ["return_url"] = "http://127.0.0.1/billing/paid" },
        ["description"] = "Подписка «Бизнес», месяц",
        ["metadata"] = new JsonObject { ["invoice"] = "2026-1" },
        ["receipt"] = new JsonObject
        {
            ["customer"] = new JsonObject { ["email"] = "buh@romashka.example.ru" },
            ["items"] = new JsonArray(new JsonObject
            {
                ["description"] = "Подписка «Бизнес», месяц",
                ["quantity"] = "1.00",
                ["amount"] = new JsonObject { ["value"] = value, ["currency"] = "RUB" },
                ["vat_code"] = 1,
                ["payment_subject"] = "service",
                ["payment_mode"] = "full_payment",
            }),
        },
    };

    [Fact]
    public async Task The_same_idempotence_key_and_body_give_the_same_payment_and_another_body_is_refused()
    {
        await using var yookassa = await YooKassaSimulator.StartAsync(ShopId, SecretKey, cancellationToken: Ct);
        using var http = Client(yookassa);

        var first = await CreateAsync(http, "key-1", Request());
        var again = await CreateAsync(http, "key-1", Request());
        var other = await CreateAsync(http, "key-1", Request("990.00"));

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal((string?)first.Body["id"], (string?)again.Body["id"]);
        Assert.Equal(("pending", false), ((string?)first.Body["status"], (bool)first.Body["paid"]!));
        Assert.StartsWith(yookassa.BaseAddress + "checkout/", (string?)first.Body["confirmation"]!["confirmation_url"], StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request", "Idempotence-Key"), (other.Status, (string?)other.Body["code"], (string?)other.Body["parameter"]));
    }

    [Theory]
    [InlineData("receipt", "receipt")]
    [InlineData("customer", "receipt.customer")]
    [InlineData("vat", "receipt.items.vat_code")]
    [InlineData("sum", "receipt.items.amount")]
    [InlineData("zero", "amount")]
    public async Task A_payment_without_a_proper_54_fz_receipt_or_amount_is_an_invalid_request(string fault, string parameter)
    {
        await using var yookassa = await YooKassaSimulator.StartAsync(ShopId, SecretKey, cancellationToken: Ct);
        using var http = Client(yookassa);
        var request = Request();
        var item = (JsonObject)request["receipt"]!["items"]![0]!;
        switch (fault)
        {
            case "receipt": request.Remove("receipt"); break;
            case "customer": ((JsonObject)request["receipt"]!).Remove("customer"); break;
            case "vat": item["vat_code"] = 42; break;
            case "sum": item["amount"]!["value"] = "1.00"; break;
            default: request["amount"]!["value"] = "0.00"; break;
        }

        var answer = await CreateAsync(http, Guid.NewGuid().ToString(), request);

        Assert.Equal((HttpStatusCode.BadRequest, "error", "invalid_request", parameter), (answer.Status, (string?)answer.Body["type"], (string?)answer.Body["code"], (string?)answer.Body["parameter"]));
    }

    [Fact]
    public async Task Wrong_credentials_are_refused_and_an_unknown_payment_is_not_found()
    {
        await using var yookassa = await YooKassaSimulator.StartAsync(ShopId, SecretKey, cancellationToken: Ct);
        using var wrong = new HttpClient { BaseAddress = yookassa.BaseAddress };
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ShopId}:nope")));
        using var http = Client(yookassa);

        var refused = await CreateAsync(wrong, "k", Request());
        using var unknown = await http.GetAsync(new Uri($"v3/payments/{Guid.NewGuid()}", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Paying_on_the_checkout_page_returns_to_the_shop_and_the_payment_succeeds_with_a_notification()
    {
        await using var yookassa = await YooKassaSimulator.StartAsync(ShopId, SecretKey, cancellationToken: Ct);
        var received = new ConcurrentQueue<JsonObject>();
        await using var shop = await SimulatorHost.StartAsync(app => app.MapPost("/hook", async (HttpContext context) =>
        {
            received.Enqueue((JsonObject)(await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted))!);
            return Results.Ok();
        }), cancellationToken: Ct);
        yookassa.WebhookUrl = new Uri(shop.BaseAddress, "hook");
        using var http = Client(yookassa);
        var payment = (await CreateAsync(http, "key-pay", Request())).Body;
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        using var page = await browser.GetAsync(new Uri((string)payment["confirmation"]!["confirmation_url"]!), Ct);
        using var pay = await browser.PostAsync(new Uri(yookassa.BaseAddress, $"checkout/{payment["id"]}/pay"), null, Ct);
        var fetched = JsonNode.Parse(await http.GetStringAsync(new Uri($"v3/payments/{payment["id"]}", UriKind.Relative), Ct))!;

        Assert.Contains("Оплатить картой", await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.Redirect, "http://127.0.0.1/billing/paid"), (pay.StatusCode, pay.Headers.Location?.ToString()));
        Assert.Equal(("succeeded", true), ((string?)fetched["status"], (bool)fetched["paid"]!));
        var notification = Assert.Single(received);
        Assert.Equal(("notification", "payment.succeeded", (string?)payment["id"]), ((string?)notification["type"], (string?)notification["event"], (string?)notification["object"]!["id"]));
    }

    [Fact]
    public async Task A_refused_notification_is_retried_and_duplicates_and_shuffled_order_come_on_request()
    {
        await using var yookassa = await YooKassaSimulator.StartAsync(ShopId, SecretKey, cancellationToken: Ct);
        var calls = 0;
        var received = new ConcurrentBag<string>();
        await using var shop = await SimulatorHost.StartAsync(app => app.MapPost("/hook", async (HttpContext context) =>
        {
            var body = (await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted))!;
            if (Interlocked.Increment(ref calls) == 1)
            {
                return Results.StatusCode(500); // the first delivery fails: it comes again
            }

            received.Add($"{body["event"]}:{body["object"]!["id"]}");
            return Results.Ok();
        }), cancellationToken: Ct);
        yookassa.WebhookUrl = new Uri(shop.BaseAddress, "hook");
        yookassa.UseWebhooks(new YooKassaWebhookOptions(DuplicateShare: 0.5, Shuffle: true, Seed: 7));
        using var http = Client(yookassa);
        var ids = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            var id = (string)(await CreateAsync(http, $"k{i}", Request())).Body["id"]!;
            ids.Add(id);
            Assert.True(i % 2 == 0 ? yookassa.Pay(id) : yookassa.Cancel(id));
        }

        await yookassa.DeliverWebhooksAsync(Ct);

        Assert.Equal(ids.Order(StringComparer.Ordinal), received.Select(r => r.Split(':')[1]).Distinct().Order(StringComparer.Ordinal));
        Assert.True(received.Count > 20, "some notifications came twice");
        Assert.Contains(yookassa.Deliveries, d => d.Attempt == 2);
        Assert.False(yookassa.Pay(ids[1]), "a canceled payment cannot be paid");
    }

    private static HttpClient Client(YooKassaSimulator yookassa)
    {
        var http = new HttpClient { BaseAddress = yookassa.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ShopId}:{SecretKey}")));
        return http;
    }

    private static async Task<(HttpStatusCode Status, JsonObject Body)> CreateAsync(HttpClient http, string key, JsonObject body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("v3/payments", UriKind.Relative)) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotence-Key", key);
        using var response = await http.SendAsync(request, Ct);
        return (response.StatusCode, (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!);
    }
}
