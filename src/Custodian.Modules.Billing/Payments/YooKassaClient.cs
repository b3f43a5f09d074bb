using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Custodian.Modules.Billing.Payments;

/// <summary>Where the payment provider is (<c>Billing:YooKassa</c>); without a shop id online payment is off.</summary>
internal sealed class YooKassaOptions
{
    public const string Section = "Billing:YooKassa";

    public string BaseUrl { get; set; } = "https://api.yookassa.ru/";

    public string? ShopId { get; set; }

    public string? SecretKey { get; set; }

    public bool Configured => ShopId is { Length: > 0 } && SecretKey is { Length: > 0 };
}

/// <summary>A payment as the provider reports it.</summary>
internal sealed record ProviderPayment(string Id, string Status, bool Paid, decimal Amount, string? ConfirmationUrl, string? InvoiceMetadata);

/// <summary>The provider's failure in one line (its error code and description), never the request's personal data.</summary>
internal sealed class PaymentProviderException(string message) : Exception(message);

/// <summary>
/// YooKassa's payments API (v3): create a payment with an idempotence key, the amount, a redirect confirmation and the
/// 54-FZ receipt; fetch a payment. Basic auth with the shop id and secret key.
/// </summary>
internal sealed class YooKassaClient(HttpClient http, YooKassaOptions options)
{
    public async Task<ProviderPayment> CreateAsync(Guid idempotenceKey, decimal amount, string description, string customerEmail, int vatCode, Guid invoiceId, Uri returnUrl, CancellationToken cancellationToken)
    {
        var value = amount.ToString("0.00", CultureInfo.InvariantCulture);
        var body = new JsonObject
        {
            ["amount"] = new JsonObject { ["value"] = value, ["currency"] = "RUB" },
            ["capture"] = true,
            ["confirmation"] = new JsonObject { ["type"] = "redirect", ["return_url"] = returnUrl.ToString() },
            ["description"] = description.Length > 128 ? description[..128] : description,
            ["metadata"] = new JsonObject { ["invoice"] = invoiceId.ToString("D") },
            ["receipt"] = new JsonObject
            {
                ["customer"] = new JsonObject { ["email"] = customerEmail },
                ["items"] = new JsonArray(new JsonObject
                {
                    ["description"] = description.Length > 128 ? description[..128] : description,
                    ["quantity"] = "1.00",
                    ["amount"] = new JsonObject { ["value"] = value, ["currency"] = "RUB" },
                    ["vat_code"] = vatCode,
                    ["payment_subject"] = "service",
                    ["payment_mode"] = "full_payment",
                }),
            },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Base, "v3/payments")) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotence-Key", idempotenceKey.ToString("D"));
        return (await SendAsync(request, cancellationToken))!;
    }

    /// <summary>The payment as the provider knows it, or null when it knows no such payment.</summary>
    public async Task<ProviderPayment?> FetchAsync(string paymentId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Base, $"v3/payments/{Uri.EscapeDataString(paymentId)}"));
        return await SendAsync(request, cancellationToken);
    }

    private Uri Base => new(options.BaseUrl.EndsWith('/') ? options.BaseUrl : options.BaseUrl + "/");

    private async Task<ProviderPayment?> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.ShopId}:{options.SecretKey}")));
        using var response = await http.SendAsync(request, cancellationToken);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken)) as JsonObject;
        if (response.StatusCode == HttpStatusCode.NotFound && request.Method == HttpMethod.Get)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode || json is null)
        {
            throw new PaymentProviderException($"The payment provider answered {(int)response.StatusCode}: {(string?)json?["code"]} {(string?)json?["description"]}");
        }

        return new ProviderPayment(
            (string)json["id"]!, (string)json["status"]!, (bool?)json["paid"] ?? false,
            decimal.Parse((string)json["amount"]!["value"]!, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture),
            (string?)json["confirmation"]?["confirmation_url"], (string?)json["metadata"]?["invoice"]);
    }
}
