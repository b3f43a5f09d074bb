using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Custodian.Simulators.Ozon;

public sealed record OzonSimulatorOptions
{
    /// <summary>Requests per second and Client-Id (Ozon allows about 50).</summary>
    public int RequestsPerSecond { get; init; } = 50;

    /// <summary>Requests per minute of <c>/v1/analytics/data</c> (Ozon allows 1).</summary>
    public int AnalyticsPerMinute { get; init; } = 1;

    public int Products { get; init; } = 30;

    /// <summary>Methods the keys' roles do not open: answered 403 (the rest of the API works for the same key).</summary>
    public IReadOnlyCollection<string> ClosedMethods { get; init; } = [];

    public int Days { get; init; } = 90;
}

/// <summary>
/// A stand-in for the Ozon Seller API on loopback: every method a POST with a JSON body, <c>Client-Id</c> and
/// <c>Api-Key</c> headers, Ozon's error body (<c>code</c>, <c>message</c>, <c>details</c>), a per-second limit per client
/// and a per-minute one for analytics answered with 429, and each method's own paging (last_id, cursor, offset,
/// has_next, page). Plans: funnel metrics need Premium, reviews Premium Plus (else 403 with an explanation).
/// </summary>
public sealed partial class OzonSimulator : IAsyncDisposable
{
    private readonly SimulatorHost _host;
    private readonly OzonSimulatorOptions _options;
    private readonly TimeProvider _clock;
    private readonly ConcurrentDictionary<(string, string), Window> _windows = new();
    private readonly ConcurrentDictionary<int, OzonSellerData> _sellers = new();
    private long _throttled;

    private OzonSimulator(SimulatorHost host, OzonSimulatorOptions options, TimeProvider clock, OzonKeys keys)
    {
        _host = host;
        _options = options;
        _clock = clock;
        Keys = keys;
    }

    public Uri BaseAddress => _host.BaseAddress;

    public OzonKeys Keys { get; }

    public long Throttled => Interlocked.Read(ref _throttled);

    public DateTime NowUtc => _clock.GetUtcNow().UtcDateTime;

    public OzonSellerData Seller(int seed) => _sellers.GetOrAdd(seed, s => new OzonSellerData(s, _options.Products, _options.Days));

    public static async Task<OzonSimulator> StartAsync(
        OzonSimulatorOptions? options = null, SimulatedFaults? faults = null, TimeProvider? clock = null, byte[]? signingKey = null,
        string url = "http://127.0.0.1:0", CancellationToken cancellationToken = default)
    {
        OzonSimulator? simulator = null;
        var keys = new OzonKeys(signingKey ?? "custodian-ozon-simulator"u8.ToArray());
        var host = await SimulatorHost.StartAsync(app => Map(app, () => simulator!), faults, url, cancellationToken);
        simulator = new OzonSimulator(host, options ?? new OzonSimulatorOptions(), clock ?? TimeProvider.System, keys);
        return simulator;
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private delegate Task Method(OzonSimulator simulator, HttpContext context, OzonSellerData seller, OzonPlan plan, JsonElement body);

    private static void Map(WebApplication app, Func<OzonSimulator> simulator)
    {
        void Post(string path, Method method, string limit = "default") =>
            app.MapPost(path, (HttpContext context) => simulator().HandleAsync(context, method, limit));

        Post("/v3/product/list", (_, c, seller, _, body) => ProductListAsync(c, seller, body));
        Post("/v3/product/info/list", (_, c, seller, _, body) => ProductInfoAsync(c, seller, body));
        Post("/v4/product/info/stocks", (s, c, seller, _, body) => s.StocksAsync(c, seller, body));
        Post("/v5/product/info/prices", (_, c, seller, _, body) => PricesAsync(c, seller, body));
        Post("/v2/posting/fbo/list", (s, c, seller, _, body) => s.FboPostingsAsync(c, seller, body));
        Post("/v3/posting/fbs/list", (s, c, seller, _, body) => s.FbsPostingsAsync(c, seller, body));
        Post("/v1/analytics/data", (s, c, seller, plan, body) => s.AnalyticsAsync(c, seller, plan, body), "analytics");
        Post("/v3/finance/transaction/list", (s, c, seller, _, body) => s.TransactionsAsync(c, seller, body));
        Post("/v1/returns/list", (s, c, seller, _, body) => s.ReturnsAsync(c, seller, body));
        Post("/v1/rating/summary", (s, c, seller, plan, _) => s.RatingAsync(c, seller, plan));
        Post("/v1/review/list", (s, c, seller, plan, body) => s.ReviewsAsync(c, seller, plan, body));
    }

    /// <summary>Checks the keys and the limits, reads the JSON body, and answers Ozon's errors itself.</summary>
    private async Task HandleAsync(HttpContext context, Method method, string limit)
    {
        var clientId = context.Request.Headers["Client-Id"].ToString();
        if (Keys.Verify(clientId, context.Request.Headers["Api-Key"].ToString(), out var problem) is not { } seller)
        {
            await ErrorAsync(context, problem!.Contains("deactivated", StringComparison.Ordinal) ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized, 16, problem);
            return;
        }

        if (_options.ClosedMethods.Contains(context.Request.Path.Value ?? string.Empty))
        {
            await ErrorAsync(context, StatusCodes.Status403Forbidden, 7, "Access denied: the API key role does not permit this method");
            return;
        }

        var (allowed, window) = limit == "analytics" ? (_options.AnalyticsPerMinute, TimeSpan.FromMinutes(1)) : (_options.RequestsPerSecond, TimeSpan.FromSeconds(1));
        var now = _clock.GetTimestamp();
        var current = _windows.AddOrUpdate((clientId, limit), _ => new Window(now, 1), (_, w) => _clock.GetElapsedTime(w.Start, now) >= window ? new Window(now, 1) : w with { Count = w.Count + 1 });
        if (current.Count > allowed)
        {
            Interlocked.Increment(ref _throttled);
            await ErrorAsync(context, StatusCodes.Status429TooManyRequests, 8, limit == "analytics" ? "You have reached request rate limit per minute" : "You have reached request rate limit per second");
            return;
        }

        JsonDocument body;
        try
        {
            body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, 3, "invalid request payload: not JSON");
            return;
        }

        using (body)
        {
            try
            {
                await method(this, context, Seller(seller.Seed), seller.Plan, body.RootElement);
            }
            catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
            {
                await ErrorAsync(context, StatusCodes.Status400BadRequest, 3, "invalid request payload: " + e.Message);
            }
        }
    }

    private sealed record Window(long Start, int Count);

    private static async Task ErrorAsync(HttpContext context, int status, int code, string message)
    {
        context.Response.StatusCode = status;
        await SimulatorJson.SendAsync(context, SimulatorJson.Write(json =>
        {
            json.WriteStartObject();
            json.WriteNumber("code", code);
            json.WriteString("message", message);
            json.WriteStartArray("details");
            json.WriteEndArray();
            json.WriteEndObject();
        }));
    }

    private static Task SendAsync(HttpContext context, Action<Utf8JsonWriter> write) => SimulatorJson.SendAsync(context, SimulatorJson.Write(write));

    private static int Limit(JsonElement body, int max) =>
        body.TryGetProperty("limit", out var l) && l.GetInt32() is var limit && limit >= 1 && limit <= max ? limit : throw new FormatException($"limit must be 1-{max}");

    private static DateTime Time(JsonElement value) => DateTimeOffset.Parse(value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).UtcDateTime;

    private static string Utc(DateTime value) => value.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Amount(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
