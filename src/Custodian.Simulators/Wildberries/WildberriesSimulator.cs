using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Custodian.Simulators.Wildberries;

public sealed record WildberriesSimulatorOptions
{
    /// <summary>Rows per statistics page (the real API gives up to about 80 000).</summary>
    public int PageSize { get; init; } = 80_000;

    /// <summary>Requests per token and method group in each <see cref="Window"/> (statistics: 1 per minute on the real API).</summary>
    public int RequestsPerWindow { get; init; } = 1;

    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Requests per token in each <see cref="Window"/> for the method groups named here (statistics, analytics, content, prices, feedbacks, finance, ping); others use <see cref="RequestsPerWindow"/>.</summary>
    public IReadOnlyDictionary<string, int>? RequestsPerWindowOf { get; init; }

    /// <summary>When above zero, every Nth authorised request is refused with 429 whatever the window says (reproducible throttling).</summary>
    public int ThrottleEvery { get; init; }

    /// <summary>When above zero, every Nth statistics page is answered with the page before it again.</summary>
    public int DuplicatePageEvery { get; init; }

    /// <summary>Products and days of history per simulated seller.</summary>
    public int Products { get; init; } = 40;

    public int Days { get; init; } = 120;
}

/// <summary>
/// A stand-in for the Wildberries seller API (statistics host) on loopback: the token in the <c>Authorization</c>
/// header (raw or Bearer), categories checked per method, rows in Moscow time without offset, pages of rows changed
/// after <c>dateFrom</c> (the previous page's last <c>lastChangeDate</c>) ending in <c>[]</c>, a fixed-window limit per token answered with 429, WB's problem body and
/// <c>X-Ratelimit-Retry</c>. Every seller's data is generated from the seed inside its token.
/// </summary>
public sealed partial class WildberriesSimulator : IAsyncDisposable
{
    private readonly SimulatorHost _host;
    private readonly ConcurrentDictionary<(string, string), Window> _windows = new();
    private readonly ConcurrentDictionary<int, WildberriesSellerData> _sellers = new();
    private readonly WildberriesSimulatorOptions _options;
    private readonly TimeProvider _clock;
    private long _pages;
    private long _throttled;
    private long _served;
    private long _authorised;
    private readonly ConcurrentDictionary<string, byte[]> _lastPage = new();
    private readonly ConcurrentQueue<StatisticsRequest> _statisticsRequests = new();
    private readonly ConcurrentDictionary<string, long> _answered = new(StringComparer.Ordinal);

    private WildberriesSimulator(SimulatorHost host, WildberriesSimulatorOptions options, TimeProvider clock, WildberriesTokens tokens)
    {
        _host = host;
        _options = options;
        _clock = clock;
        Tokens = tokens;
    }

    public Uri BaseAddress => _host.BaseAddress;

    public WildberriesTokens Tokens { get; }

    /// <summary>How many statistics pages were answered so far.</summary>
    public long PagesServed => Interlocked.Read(ref _served);

    /// <summary>Every statistics page asked for so far (authorised, with a valid <c>dateFrom</c>), in the order they came.</summary>
    public IReadOnlyList<StatisticsRequest> StatisticsRequests => [.. _statisticsRequests];

    /// <summary>How many requests were refused with 429 so far.</summary>
    public long Throttled => Interlocked.Read(ref _throttled);

    /// <summary>Authorised requests let through so far, per method group.</summary>
    public IReadOnlyDictionary<string, long> Answered => _answered.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    public WildberriesSellerData Seller(int seed) => _sellers.GetOrAdd(seed, s => new WildberriesSellerData(s, _options.Products, _options.Days));

    public DateTime NowMoscow => _clock.GetUtcNow().UtcDateTime + WildberriesSellerData.MoscowOffset;

    public static async Task<WildberriesSimulator> StartAsync(
        WildberriesSimulatorOptions? options = null, SimulatedFaults? faults = null, TimeProvider? clock = null, byte[]? signingKey = null,
        string url = "http://127.0.0.1:0", CancellationToken cancellationToken = default)
    {
        WildberriesSimulator? simulator = null;
        var tokens = new WildberriesTokens(signingKey ?? "custodian-wildberries-simulator"u8.ToArray());
        var host = await SimulatorHost.StartAsync(app => Map(app, () => simulator!), faults, url, cancellationToken);
        simulator = new WildberriesSimulator(host, options ?? new WildberriesSimulatorOptions(), clock ?? TimeProvider.System, tokens);
        return simulator;
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private static void Map(WebApplication app, Func<WildberriesSimulator> simulator)
    {
        app.MapGet("/ping", (HttpContext context) => simulator().PingAsync(context));
        app.MapGet("/api/v1/supplier/orders", (HttpContext context) => simulator().StatisticsAsync(context, "orders"));
        app.MapGet("/api/v1/supplier/sales", (HttpContext context) => simulator().StatisticsAsync(context, "sales"));
        app.MapGet("/api/v1/feedbacks", (HttpContext context) => simulator().FeedbacksAsync(context));
        app.MapPost("/api/finance/v1/sales-reports/detailed", (HttpContext context) => simulator().FinanceReportAsync(context));
        app.MapPost("/content/v2/get/cards/list", (HttpContext context) => simulator().CardsAsync(context));
        app.MapPost("/api/analytics/v1/stocks-report/wb-warehouses", (HttpContext context) => simulator().StocksAsync(context));
        app.MapGet("/api/v2/list/goods/filter", (HttpContext context) => simulator().PricesAsync(context));
        app.MapPost("/api/analytics/v3/sales-funnel/products", (HttpContext context) => simulator().SalesFunnelAsync(context));
        app.MapGet("/api/v1/analytics/goods-return", (HttpContext context) => simulator().GoodsReturnAsync(context));
    }

    private async Task PingAsync(HttpContext context)
    {
        if (await AuthoriseAsync(context, WildberriesCategories.None, "ping") is null)
        {
            return;
        }

        await context.Response.WriteAsJsonAsync(new { TS = _clock.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture), Status = "OK" });
    }

    private async Task StatisticsAsync(HttpContext context, string dataset)
    {
        if (await AuthoriseAsync(context, WildberriesCategories.Statistics, "statistics") is not { } seed)
        {
            return;
        }

        if (!TryParseDateFrom(context.Request.Query["dateFrom"], out var from))
        {
            await ProblemAsync(context, StatusCodes.Status400BadRequest, "bad request", "dateFrom: invalid value, expected RFC3339 date or date-time");
            return;
        }

        Interlocked.Increment(ref _served);
        _statisticsRequests.Enqueue(new StatisticsRequest(seed, dataset, context.Request.Query["dateFrom"].ToString()));
        var byDay = context.Request.Query["flag"] == "1";
        var now = NowMoscow;
        var seller = Seller(seed);
        var key = $"{seed}/{dataset}";
        var duplicate = _options.DuplicatePageEvery > 0 && Interlocked.Increment(ref _pages) % _options.DuplicatePageEvery == 0;
        if (duplicate && _lastPage.TryGetValue(key, out var previous))
        {
            await SendJsonAsync(context, previous);
            return;
        }

        var body = Json(json =>
        {
            json.WriteStartArray();
            if (dataset == "orders")
            {
                var rows = Page(seller.OrdersAt(now).Where(o => byDay ? o.OrderedAt.Date == from.Date : o.LastChangeDate > from)
                    .OrderBy(o => o.LastChangeDate).ThenBy(o => o.Srid, StringComparer.Ordinal), o => o.LastChangeDate);
                foreach (var order in rows)
                {
                    WriteOrder(json, order);
                }
            }
            else
            {
                var rows = Page(seller.SalesAt(now).Where(s => byDay ? s.SoldAt.Date == from.Date : s.LastChangeDate > from)
                    .OrderBy(s => s.LastChangeDate).ThenBy(s => s.SaleId, StringComparer.Ordinal), s => s.LastChangeDate);
                foreach (var sale in rows)
                {
                    WriteSale(json, sale);
                }
            }

            json.WriteEndArray();
        });
        _lastPage[key] = body;
        await SendJsonAsync(context, body);
    }

    /// <summary>
    /// <c>POST /content/v2/get/cards/list</c> with <c>settings.cursor {limit, updatedAt, nmID}</c>: product cards in order of
    /// (updatedAt, nmID) after the cursor; the answer's cursor names the last card and <c>total</c> how many came — fewer
    /// than the limit means the end.
    /// </summary>
    private async Task CardsAsync(HttpContext context)
    {
        if (await AuthoriseAsync(context, WildberriesCategories.Content, "content") is not { } seed)
        {
            return;
        }

        int limit;
        DateTime? updatedAt = null;
        long nmId = 0;
        try
        {
            using var request = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            var cursor = request.RootElement.GetProperty("settings").GetProperty("cursor");
            limit = cursor.GetProperty("limit").GetInt32();
            if (cursor.TryGetProperty("updatedAt", out var at) && at.ValueKind == JsonValueKind.String)
            {
                updatedAt = DateTimeOffset.Parse(at.GetString()!, CultureInfo.InvariantCulture).UtcDateTime;
                nmId = cursor.GetProperty("nmID").GetInt64();
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or FormatException or InvalidOperationException)
        {
            await ProblemAsync(context, StatusCodes.Status400BadRequest, "bad request", "settings.cursor.limit is required; updatedAt and nmID continue a listing");
            return;
        }

        var cards = Seller(seed).Products.Select((p, i) => (Product: p, UpdatedAt: new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddHours(i / 3)))
            .OrderBy(c => c.UpdatedAt).ThenBy(c => c.Product.NmId)
            .Where(c => updatedAt is null || c.UpdatedAt > updatedAt || (c.UpdatedAt == updatedAt && c.Product.NmId > nmId))
            .Take(Math.Clamp(limit, 1, 100)).ToList();
        await SendJsonAsync(context, Json(json =>
        {
            json.WriteStartObject();
            json.WriteStartArray("cards");
            foreach (var (product, at) in cards)
            {
                json.WriteStartObject();
                json.WriteNumber("nmID", product.NmId);
                json.WriteNumber("imtID", product.NmId / 10);
                json.WriteString("vendorCode", product.Article);
                json.WriteString("brand", product.Brand);
                json.WriteString("subjectName", product.Subject);
                json.WriteString("title", product.Subject + " " + product.Article);
                json.WriteNumber("subjectID", 100 + product.NmId % 6);
                json.WriteStartArray("sizes");
                json.WriteStartObject();
                json.WriteNumber("chrtID", product.NmId * 10 + 1);
                json.WriteString("techSize", product.Size);
                json.WriteStartArray("skus");
                json.WriteStringValue(product.Barcode);
                json.WriteEndArray();
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteString("createdAt", at.AddDays(-30).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
                json.WriteString("updatedAt", at.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartObject("cursor");
            if (cards.Count > 0)
            {
                json.WriteString("updatedAt", cards[^1].UpdatedAt.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
                json.WriteNumber("nmID", cards[^1].Product.NmId);
            }

            json.WriteNumber("total", cards.Count);
            json.WriteEndObject();
            json.WriteEndObject();
        }));
    }

    /// <summary>
    /// <c>POST /api/finance/v1/sales-reports/detailed</c> with <c>{"dateFrom","dateTo","limit","rrdId"}</c>: report rows of
    /// the period after <c>rrdId</c>, at most <c>limit</c>; 204 No Content when there are no more. Field names and types as
    /// the published v1 example (camelCase, money as strings, <c>sellerOperName</c>, <c>vendorCode</c>, <c>sku</c>, <c>forPay</c>).
    /// </summary>
    private async Task FinanceReportAsync(HttpContext context)
    {
        if (await AuthoriseAsync(context, WildberriesCategories.Finance, "finance") is not { } seed)
        {
            return;
        }

        DateTime from, to;
        int limit;
        long after;
        try
        {
            using var request = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            var root = request.RootElement;
            from = DateTime.ParseExact(root.GetProperty("dateFrom").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            to = DateTime.ParseExact(root.GetProperty("dateTo").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            limit = root.GetProperty("limit").GetInt32();
            after = root.GetProperty("rrdId").GetInt64();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or FormatException or InvalidOperationException or ArgumentNullException)
        {
            await ProblemAsync(context, StatusCodes.Status400BadRequest, "bad request", "dateFrom, dateTo (YYYY-MM-DD), limit and rrdId are required");
            return;
        }

        var rows = Seller(seed).ReportAt(NowMoscow).Where(r => r.RrdId > after && r.Sale.SoldAt.Date >= from && r.Sale.SoldAt.Date <= to).Take(Math.Clamp(limit, 1, 100_000)).ToList();
        if (rows.Count == 0)
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        await SendJsonAsync(context, Json(json =>
        {
            json.WriteStartArray();
            foreach (var row in rows)
            {
                var sale = row.Sale;
                var week = sale.SoldAt.Date.AddDays(-(((int)sale.SoldAt.DayOfWeek + 6) % 7));
                json.WriteStartObject();
                json.WriteNumber("reportId", 100_000 + (int)(sale.SoldAt - new DateTime(2020, 1, 6)).TotalDays / 7);
                json.WriteString("dateFrom", Day(week));
                json.WriteString("dateTo", Day(week.AddDays(6)));
                json.WriteString("createDate", Day(week.AddDays(7)));
                json.WriteString("currency", "RUB");
                json.WriteNumber("rrdId", row.RrdId);
                json.WriteString("subjectName", sale.Product.Subject);
                json.WriteNumber("nmId", sale.Product.NmId);
                json.WriteString("brandName", sale.Product.Brand);
                json.WriteString("vendorCode", sale.Product.Article);
                json.WriteString("techSize", sale.Product.Size);
                json.WriteString("sku", sale.Product.Barcode);
                json.WriteString("docTypeName", row.IsDeduction ? "" : row.Operation);
                json.WriteString("sellerOperName", row.Operation);
                json.WriteNumber("quantity", row.IsDeduction ? 0 : 1);
                json.WriteString("retailPrice", Money(row.IsDeduction ? 0m : sale.Product.BasePrice));
                json.WriteString("retailAmount", Money(row.RetailAmount));
                json.WriteString("retailPriceWithDisc", Money(row.RetailAmount));
                json.WriteString("forPay", Money(row.ForPay));
                json.WriteString("deliveryService", Money(row.DeliveryRub));
                json.WriteNumber("deliveryAmount", row.DeliveryRub > 0 ? 1 : 0);
                json.WriteNumber("returnAmount", row.Operation == "Возврат" ? 1 : 0);
                json.WriteString("paidStorage", Money(row.Deduction));
                // Charges as the published v1 row carries them: what WB keeps of a sale is commission plus acquiring (22 % here).
                var acquiring = row.IsDeduction || row.ForPay == 0m ? 0m : Math.Round(row.RetailAmount * 0.015m, 2);
                json.WriteString("ppvzSalesCommission", Money(row.IsDeduction || row.ForPay == 0m ? 0m : row.RetailAmount - row.ForPay - acquiring));
                json.WriteString("acquiringFee", Money(acquiring));
                json.WriteString("rebillLogisticCost", Money(0m));
                json.WriteString("paidAcceptance", Money(0m));
                json.WriteString("penalty", Money(0m));
                json.WriteString("deduction", Money(0m));
                json.WriteString("additionalPayment", Money(0m));
                json.WriteString("bonusTypeName", "");
                json.WriteString("officeName", sale.Warehouse);
                if (!row.IsDeduction)
                {
                    // Charges of a day (storage, deductions) have no sale: saleDt and orderDt are absent, rrDate dates the row.
                    json.WriteString("orderDt", Moscow(sale.SoldAt.AddDays(-2)));
                    json.WriteString("saleDt", Moscow(sale.SoldAt));
                    json.WriteString("srid", sale.Srid);
                }

                json.WriteString("rrDate", Day(sale.SoldAt));
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }));
    }

    /// <summary>
    /// <c>GET /api/v1/feedbacks?isAnswered&amp;take&amp;skip</c>: reviews newest first, <c>take</c> up to 5000 and
    /// <c>skip</c> up to 199 990 as documented, in WB's envelope (<c>data.feedbacks</c>, <c>error</c>, <c>errorText</c>).
    /// </summary>
    private async Task FeedbacksAsync(HttpContext context)
    {
        if (await AuthoriseAsync(context, WildberriesCategories.Feedbacks, "feedbacks") is not { } seed)
        {
            return;
        }

        var query = context.Request.Query;
        if (!bool.TryParse(query["isAnswered"], out var answered) || !int.TryParse(query["take"], out var take) || !int.TryParse(query["skip"], out var skip)
            || take is < 1 or > 5000 || skip is < 0 or > 199_990)
        {
            await ProblemAsync(context, StatusCodes.Status400BadRequest, "bad request", "isAnswered, take (1-5000) and skip (0-199990) are required");
            return;
        }

        var all = Seller(seed).FeedbacksAt(NowMoscow).Where(f => (f.Answer is not null) == answered).OrderByDescending(f => f.CreatedAt).ThenBy(f => f.Id, StringComparer.Ordinal).ToList();
        await SendJsonAsync(context, Json(json =>
        {
            json.WriteStartObject();
            json.WriteStartObject("data");
            json.WriteNumber("countUnanswered", Seller(seed).FeedbacksAt(NowMoscow).Count(f => f.Answer is null));
            json.WriteNumber("countArchive", 0);
            json.WriteStartArray("feedbacks");
            foreach (var f in all.Skip(skip).Take(take))
            {
                json.WriteStartObject();
                json.WriteString("id", f.Id);
                json.WriteString("text", f.Text);
                json.WriteString("pros", "");
                json.WriteString("cons", "");
                json.WriteNumber("productValuation", f.Rating);
                json.WriteString("createdDate", (f.CreatedAt - WildberriesSellerData.MoscowOffset).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
                if (f.Answer is { } answer)
                {
                    json.WriteStartObject("answer");
                    json.WriteString("text", answer);
                    json.WriteString("state", "wbRu");
                    json.WriteBoolean("editable", false);
                    json.WriteEndObject();
                }
                else
                {
                    json.WriteNull("answer");
                }

                json.WriteStartObject("productDetails");
                json.WriteNumber("nmId", f.Product.NmId);
                json.WriteNumber("imtId", f.Product.NmId / 10);
                json.WriteString("productName", f.Product.Subject);
                // supplierArticle, supplierName and brandName are nullable as published: some cards have none.
                var bare = f.Product.NmId % 7 == 0;
                WriteTextOrNull(json, "supplierArticle", bare ? null : f.Product.Article);
                WriteTextOrNull(json, "supplierName", bare ? null : "ИП Демо");
                WriteTextOrNull(json, "brandName", bare ? null : f.Product.Brand);
                json.WriteString("size", f.Product.Size);
                json.WriteEndObject();
                json.WriteString("state", f.Answer is null ? "none" : "wbRu");
                json.WriteNull("photoLinks");
                json.WriteNull("video");
                json.WriteString("userName", f.UserName);
                json.WriteString("matchingSize", f.Product.Size == "0" ? "" : "ok");
                json.WriteBoolean("wasViewed", true);
                json.WriteBoolean("isAbleSupplierFeedbackValuation", false);
                json.WriteBoolean("isAbleSupplierProductValuation", false);
                json.WriteBoolean("isAbleReturnProductOrders", false);
                json.WriteNull("returnProductOrdersDate");
                json.WriteNull("bables");
                json.WriteNumber("subjectId", 100 + f.Product.NmId % 6);
                json.WriteString("subjectName", f.Product.Subject);
                json.WriteNull("parentFeedbackId");
                json.WriteNull("childFeedbackId");
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteBoolean("error", false);
            json.WriteString("errorText", "");
            json.WriteNull("additionalErrors");
            json.WriteEndObject();
        }));
    }

    /// <summary>
    /// One page: rows changed strictly after <c>dateFrom</c>, at most the page size, but never splitting rows that share
    /// the last <c>lastChangeDate</c> (the next page starts after it, so they would be lost).
    /// </summary>
    private List<T> Page<T>(IEnumerable<T> sorted, Func<T, DateTime> changedAt)
    {
        var page = new List<T>();
        foreach (var row in sorted)
        {
            if (page.Count >= _options.PageSize && changedAt(row) != changedAt(page[^1]))
            {
                break;
            }

            page.Add(row);
        }

        return page;
    }

    /// <summary>Checks the token, its categories and the rate limit; answers the refusal itself and returns null.</summary>
    private async Task<int?> AuthoriseAsync(HttpContext context, WildberriesCategories needed, string group)
    {
        var header = context.Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..] : header;
        if (Tokens.Verify(token, _clock.GetUtcNow(), out var problem) is not { } seller)
        {
            await ProblemAsync(context, StatusCodes.Status401Unauthorized, "unauthorized", problem!);
            return null;
        }

        if ((seller.Categories & needed) != needed)
        {
            await ProblemAsync(context, StatusCodes.Status401Unauthorized, "unauthorized", "token scope not allowed for this API route");
            return null;
        }

        // Limits run on elapsed time, not on the simulated date (tests hold that still or jump it).
        var now = _clock.GetTimestamp();
        var window = _windows.AddOrUpdate((token, group), _ => new Window(now, 1), (_, w) => _clock.GetElapsedTime(w.Start, now) >= _options.Window ? new Window(now, 1) : w with { Count = w.Count + 1 });
        var forced = _options.ThrottleEvery > 0 && Interlocked.Increment(ref _authorised) % _options.ThrottleEvery == 0;
        var limit = _options.RequestsPerWindowOf?.TryGetValue(group, out var own) == true ? own : _options.RequestsPerWindow;
        if (window.Count > limit || forced)
        {
            Interlocked.Increment(ref _throttled);
            var retry = Math.Max(1, (int)Math.Ceiling((_options.Window - _clock.GetElapsedTime(window.Start, now)).TotalSeconds));
            context.Response.Headers["X-Ratelimit-Retry"] = retry.ToString(CultureInfo.InvariantCulture);
            context.Response.Headers["X-Ratelimit-Limit"] = limit.ToString(CultureInfo.InvariantCulture);
            context.Response.Headers["X-Ratelimit-Reset"] = retry.ToString(CultureInfo.InvariantCulture);
            await ProblemAsync(context, StatusCodes.Status429TooManyRequests, "too many requests", "limited by " + group);
            return null;
        }

        _answered.AddOrUpdate(group, 1, (_, n) => n + 1);
        return seller.Seed;
    }

    private sealed record Window(long Start, int Count);

    /// <summary>One statistics page asked for: the simulated seller, the feed (orders, sales) and <c>dateFrom</c> as sent.</summary>
    public sealed record StatisticsRequest(int Seller, string Feed, string DateFrom);

    private async Task ProblemAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        await context.Response.WriteAsJsonAsync(new
        {
            title,
            detail,
            code = Guid.NewGuid().ToString("N")[..12],
            requestId = Guid.NewGuid().ToString("N"),
            origin = "s2s-api-auth-stat",
            status,
            statusText = ReasonPhrases(status),
            timestamp = _clock.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        });
    }

    private static string ReasonPhrases(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);

    /// <summary>RFC 3339 date or date-time; without an offset it is Moscow time (as the API documents).</summary>
    private static bool TryParseDateFrom(string? value, out DateTime moscow)
    {
        moscow = default;
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        string[] withOffset = ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"];
        if (value.Length > 19 && value.AsSpan(19).IndexOfAny('Z', '+', '-') >= 0 && DateTimeOffset.TryParseExact(value, withOffset, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            moscow = instant.UtcDateTime + WildberriesSellerData.MoscowOffset;
            return true;
        }

        return DateTime.TryParseExact(value, ["yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF"], CultureInfo.InvariantCulture, DateTimeStyles.None, out moscow);
    }

    private static byte[] Json(Action<Utf8JsonWriter> write) => SimulatorJson.Write(write);

    private static Task SendJsonAsync(HttpContext context, byte[] body) => SimulatorJson.SendAsync(context, body);

    /// <summary>A statistics page of orders exactly as the simulator serves it (for benchmarks that need the bytes).</summary>
    public static byte[] OrdersPage(IEnumerable<SimulatedOrder> orders) => Json(json =>
    {
        json.WriteStartArray();
        foreach (var order in orders)
        {
            WriteOrder(json, order);
        }

        json.WriteEndArray();
    });

    private static void WriteOrder(Utf8JsonWriter json, SimulatedOrder o)
    {
        json.WriteStartObject();
        json.WriteString("date", Moscow(o.OrderedAt));
        json.WriteString("lastChangeDate", Moscow(o.LastChangeDate));
        WriteCommon(json, o.Warehouse, o.Region, o.Okrug, o.Product);
        json.WriteNumber("totalPrice", o.TotalPrice);
        json.WriteNumber("discountPercent", o.DiscountPercent);
        json.WriteNumber("spp", o.Spp);
        json.WriteNumber("finishedPrice", o.FinishedPrice);
        json.WriteNumber("priceWithDisc", o.PriceWithDisc);
        json.WriteBoolean("isCancel", o.IsCancel);
        json.WriteString("cancelDate", o.CancelDate is { } c ? Moscow(c) : "0001-01-01T00:00:00");
        json.WriteString("sticker", "");
        json.WriteString("gNumber", o.GNumber);
        json.WriteString("srid", o.Srid);
        json.WriteEndObject();
    }

    private static void WriteSale(Utf8JsonWriter json, SimulatedSale s)
    {
        json.WriteStartObject();
        json.WriteString("date", Moscow(s.SoldAt));
        json.WriteString("lastChangeDate", Moscow(s.LastChangeDate));
        WriteCommon(json, s.Warehouse, s.Region, s.Okrug, s.Product);
        json.WriteNumber("totalPrice", s.TotalPrice);
        json.WriteNumber("discountPercent", s.DiscountPercent);
        json.WriteNumber("spp", s.Spp);
        json.WriteNumber("paymentSaleAmount", s.PaymentSaleAmount);
        json.WriteNumber("forPay", s.ForPay);
        json.WriteNumber("finishedPrice", s.FinishedPrice);
        json.WriteNumber("priceWithDisc", s.PriceWithDisc);
        json.WriteString("saleID", s.SaleId);
        json.WriteString("sticker", "");
        json.WriteString("gNumber", s.GNumber);
        json.WriteString("srid", s.Srid);
        json.WriteEndObject();
    }

    private static void WriteCommon(Utf8JsonWriter json, string warehouse, string region, string okrug, SimulatedProduct product)
    {
        json.WriteString("warehouseName", warehouse);
        json.WriteString("warehouseType", "Склад WB");
        json.WriteString("countryName", "Россия");
        json.WriteString("oblastOkrugName", okrug);
        json.WriteString("regionName", region);
        json.WriteString("supplierArticle", product.Article);
        json.WriteNumber("nmId", product.NmId);
        json.WriteString("barcode", product.Barcode);
        json.WriteString("category", product.Category);
        json.WriteString("subject", product.Subject);
        json.WriteString("brand", product.Brand);
        json.WriteString("techSize", product.Size);
        json.WriteNumber("incomeID", 0);
        json.WriteBoolean("isSupply", false);
        json.WriteBoolean("isRealization", true);
    }

    private static string Moscow(DateTime value) => value.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);

    private static void WriteTextOrNull(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private static string Day(DateTime value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Money as the finance API's v1 sends it: a decimal string.</summary>
    private static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
