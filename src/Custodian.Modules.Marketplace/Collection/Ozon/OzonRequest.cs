using System.Text;
using System.Text.Json;

namespace Custodian.Modules.Marketplace.Collection.Ozon;

/// <summary>Requests as the Ozon Seller API expects them: POST, <c>Client-Id</c> and <c>Api-Key</c> headers, a JSON body.</summary>
internal static class OzonRequest
{
    /// <summary>A UTC instant as Ozon's filters take it.</summary>
    public static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    public static HttpRequestMessage Post(Uri host, string path, DatasetRun run, object body) => Post(host, path, run.ClientId!, run.Key, body);

    public static HttpRequestMessage Post(Uri host, string path, string clientId, string apiKey, object body) =>
        new(HttpMethod.Post, new Uri(host, path))
        {
            Headers = { { "Client-Id", clientId }, { "Api-Key", apiKey } },
            Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        };
}

/// <summary>One call of an Ozon method under the account's limits.</summary>
internal static class OzonCall
{
    /// <summary>
    /// Calls <paramref name="path"/>. Ozon keys carry roles, so a 403 may close one method only: then one cheap call
    /// tells a dead key (refused there too: <see cref="MarketplaceKeyRejectedException"/>) from a key without the role
    /// (<see cref="MarketplaceMethodNotPermittedException"/>, a notice for the seller).
    /// </summary>
    public static async Task<T> OzonAsync<T>(this MarketplaceHttp http, OzonOptions options, DatasetRun run, string path, object body, Func<byte[], T> read, CancellationToken cancellationToken, string group = "seller")
    {
        var (refusal, value) = await http.FetchAsync(() => OzonRequest.Post(options.Host, path, run, body), run.Key, "ozon-" + group, options.RequestsPerMinuteOf(group),
            (status, bytes) => status == System.Net.HttpStatusCode.Forbidden ? (MarketplaceHttp.Detail(bytes), default(T)!) : ((string?)null, read(bytes)), cancellationToken, System.Net.HttpStatusCode.Forbidden);
        if (refusal is null)
        {
            return value;
        }

        await http.FetchAsync(() => OzonRequest.Post(options.Host, "v3/product/list", run, new { filter = new { visibility = "ALL" }, last_id = "", limit = 1 }),
            run.Key, "ozon-seller", options.RequestsPerMinuteOf("seller"), (status, _) => status, cancellationToken);
        throw new MarketplaceMethodNotPermittedException($"Ozon does not let this key call /{path} ({refusal}); give the key the role this report needs (Settings → Seller API).");
    }

    /// <summary>A method the seller's Ozon plan may not include: null when Ozon answers 403 for it.</summary>
    public static Task<T?> OzonIfPermittedAsync<T>(this MarketplaceHttp http, OzonOptions options, DatasetRun run, string path, object body, Func<byte[], T> read, CancellationToken cancellationToken, string group = "seller")
        where T : class =>
        http.FetchAsync(() => OzonRequest.Post(options.Host, path, run, body), run.Key, "ozon-" + group, options.RequestsPerMinuteOf(group),
            (status, bytes) => status == System.Net.HttpStatusCode.Forbidden ? null : read(bytes), cancellationToken, System.Net.HttpStatusCode.Forbidden);

    /// <summary>The array <paramref name="name"/> inside <paramref name="parent"/>, or a <see cref="System.Text.Json.JsonException"/> (an unreadable answer is retried).</summary>
    public static System.Text.Json.JsonElement ArrayOf(System.Text.Json.JsonElement parent, string name) =>
        parent.ValueKind == System.Text.Json.JsonValueKind.Object && parent.TryGetProperty(name, out var items) && items.ValueKind == System.Text.Json.JsonValueKind.Array
            ? items
            : throw new System.Text.Json.JsonException($"The answer has no {name} array.");
}
