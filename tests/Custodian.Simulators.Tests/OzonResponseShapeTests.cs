using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Custodian.Simulators.Ozon;

namespace Custodian.Simulators.Tests;

/// <summary>The Ozon stand-in answers every method our collectors call in the shape Ozon publishes (Schemas/ozon-*.json).</summary>
public sealed class OzonResponseShapeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly OzonSimulatorOptions Fast = new() { RequestsPerSecond = 10_000, AnalyticsPerMinute = 10_000 };

    [Theory]
    [InlineData("ozon-v3-product-list")]
    [InlineData("ozon-v3-product-info-list")]
    [InlineData("ozon-v4-product-info-stocks")]
    [InlineData("ozon-v5-product-info-prices")]
    [InlineData("ozon-v2-posting-fbo-list")]
    [InlineData("ozon-v3-posting-fbs-list")]
    [InlineData("ozon-v1-analytics-data")]
    [InlineData("ozon-v3-finance-transaction-list")]
    [InlineData("ozon-v1-returns-list")]
    [InlineData("ozon-v1-rating-summary")]
    [InlineData("ozon-v1-review-list")]
    public async Task The_answer_has_the_published_shape_and_optional_fields_are_sometimes_absent(string schema)
    {
        await using var simulator = await OzonSimulator.StartAsync(Fast, cancellationToken: Ct);
        using var http = Client(simulator, OzonPlan.PremiumPlus);
        var shape = PublishedShape.Load(schema);

        var (rows, body) = Request(simulator.NowUtc, schema);
        using var answer = await PostAsync(http, shape.Endpoint.Split(' ')[1], body);

        Assert.Empty(shape.Violations(answer.RootElement));
        Assert.True(PublishedShape.Presence(answer.RootElement, rows + ".x").Objects > 0, $"{shape.Endpoint} answered rows");
        foreach (var path in shape.SometimesAbsentOrNull)
        {
            Assert.True(PublishedShape.Presence(answer.RootElement, path).AbsentOrNull > 0, $"{path} is absent or null in some rows");
        }
    }

    [Theory]
    [InlineData("v2/posting/fbo/list", "$.result[]")]
    [InlineData("v3/posting/fbs/list", "$.result.postings[]")]
    public async Task Postings_carry_analytics_and_financial_data_only_when_the_request_asks_for_them(string method, string rows)
    {
        await using var simulator = await OzonSimulator.StartAsync(Fast, cancellationToken: Ct);
        using var http = Client(simulator, OzonPlan.PremiumPlus);
        var now = simulator.NowUtc;

        using var answer = await PostAsync(http, method, new { dir = "ASC", filter = new { since = Iso(now.AddDays(-30)), to = Iso(now) }, limit = 1000, offset = 0 });

        Assert.Equal(PublishedShape.Presence(answer.RootElement, rows + ".analytics_data").Objects, PublishedShape.Presence(answer.RootElement, rows + ".analytics_data").AbsentOrNull);
        Assert.Equal(PublishedShape.Presence(answer.RootElement, rows + ".financial_data").Objects, PublishedShape.Presence(answer.RootElement, rows + ".financial_data").AbsentOrNull);
        Assert.True(PublishedShape.Presence(answer.RootElement, rows + ".financial_data").Objects > 0);
    }

    [Theory]
    [InlineData("sku,day", "revenue,ordered_units,hits_view")]
    [InlineData("day", "revenue")]
    [InlineData("week,sku", "ordered_units,session_view,conv_tocart")]
    [InlineData("month", "revenue,delivered_units,cancellations,returns")]
    [InlineData("spu", "hits_view_search,hits_view_pdp,hits_tocart_search,hits_tocart_pdp,session_view_search,session_view_pdp")]
    [InlineData("brand,category1", "revenue,position_category,conv_tocart_search,conv_tocart_pdp")]
    [InlineData("year,category4,modelID", "revenue")]
    public async Task Analytics_answers_any_published_grouping_with_the_metrics_in_the_order_asked(string dimension, string metrics)
    {
        await using var simulator = await OzonSimulator.StartAsync(Fast, cancellationToken: Ct);
        using var http = Client(simulator, OzonPlan.PremiumPlus);
        var today = DateOnly.FromDateTime(simulator.NowUtc);
        var (dimensions, asked) = (dimension.Split(','), metrics.Split(','));

        using var answer = await PostAsync(http, "v1/analytics/data", new { date_from = Day(today.AddDays(-13)), date_to = Day(today), metrics = asked, dimension = dimensions, filters = Array.Empty<object>(), sort = new[] { new { key = asked[0], order = "DESC" } }, limit = 1000, offset = 0 });

        Assert.Empty(PublishedShape.Load("ozon-v1-analytics-data").Violations(answer.RootElement));
        var data = answer.RootElement.GetProperty("result").GetProperty("data").EnumerateArray().ToList();
        Assert.NotEmpty(data);
        Assert.All(data, row => Assert.Equal(dimensions.Length, row.GetProperty("dimensions").GetArrayLength()));
        Assert.All(data, row => Assert.Equal(asked.Length, row.GetProperty("metrics").GetArrayLength()));
        Assert.Equal(data.Count, data.Select(row => string.Join("|", row.GetProperty("dimensions").EnumerateArray().Select(d => d.GetProperty("id").GetString()))).Distinct().Count());
        Assert.Equal(asked.Length, answer.RootElement.GetProperty("result").GetProperty("totals").GetArrayLength());
        var first = data.Select(row => row.GetProperty("metrics")[0].GetDecimal()).ToList();
        Assert.Equal(first.OrderByDescending(v => v), first);
    }

    [Fact]
    public async Task Analytics_by_day_sums_to_the_totals_and_has_one_row_per_day()
    {
        await using var simulator = await OzonSimulator.StartAsync(Fast, cancellationToken: Ct);
        using var http = Client(simulator, OzonPlan.PremiumPlus);
        var today = DateOnly.FromDateTime(simulator.NowUtc);

        using var answer = await PostAsync(http, "v1/analytics/data", new { date_from = Day(today.AddDays(-6)), date_to = Day(today), metrics = new[] { "revenue" }, dimension = new[] { "day" }, limit = 1000 });

        var result = answer.RootElement.GetProperty("result");
        Assert.Equal(7, result.GetProperty("data").GetArrayLength());
        Assert.Equal(result.GetProperty("totals")[0].GetDecimal(), result.GetProperty("data").EnumerateArray().Sum(row => row.GetProperty("metrics")[0].GetDecimal()));
    }

    [Theory]
    [InlineData("sku,day", "revenue,likes", "unknown metric")]
    [InlineData("sku,colour", "revenue", "unknown dimension")]
    [InlineData("unknownDimension", "revenue", "unknown dimension")]
    [InlineData("", "revenue", "no dimension")]
    [InlineData("sku", "", "no metric")]
    [InlineData("sku,sku", "revenue", "a repeated dimension")]
    [InlineData("sku", "revenue,ordered_units,hits_view,hits_view_search,hits_view_pdp,hits_tocart,hits_tocart_search,hits_tocart_pdp,session_view,session_view_search,session_view_pdp,conv_tocart,conv_tocart_search,conv_tocart_pdp,returns", "15 metrics")]
    public async Task Analytics_refuses_an_invalid_request_with_400(string dimension, string metrics, string why)
    {
        await using var simulator = await OzonSimulator.StartAsync(Fast, cancellationToken: Ct);
        using var http = Client(simulator, OzonPlan.PremiumPlus);
        var today = DateOnly.FromDateTime(simulator.NowUtc);

        using var response = await http.PostAsJsonAsync(new Uri("v1/analytics/data", UriKind.Relative), new { date_from = Day(today.AddDays(-6)), date_to = Day(today), metrics = Split(metrics), dimension = Split(dimension), limit = 1000 }, Ct);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, why);
        using var error = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(Ct), cancellationToken: Ct);
        Assert.Equal(3, error.RootElement.GetProperty("code").GetInt32());
    }

    [Theory]
    [InlineData(9, 10, 1000)]
    [InlineData(0, 6, 0)]
    [InlineData(0, 6, 1001)]
    public async Task Analytics_refuses_a_reversed_period_or_a_limit_out_of_range_with_400(int fromDaysAgo, int toDaysAgo, int limit)
    {
        await using var simulator = await OzonSimulator.StartAsync(Fast, cancellationToken: Ct);
        using var http = Client(simulator, OzonPlan.PremiumPlus);
        var today = DateOnly.FromDateTime(simulator.NowUtc);

        using var response = await http.PostAsJsonAsync(new Uri("v1/analytics/data", UriKind.Relative), new { date_from = Day(today.AddDays(-fromDaysAgo)), date_to = Day(today.AddDays(-toDaysAgo)), metrics = new[] { "revenue" }, dimension = new[] { "day" }, limit }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("sku,day", "revenue,hits_view", 10)]
    [InlineData("brand", "revenue", 10)]
    [InlineData("sku,day", "revenue", 120)]
    public async Task Without_premium_plus_premium_metrics_groupings_and_old_periods_are_refused_with_403(string dimension, string metrics, int daysBack)
    {
        await using var simulator = await OzonSimulator.StartAsync(Fast, cancellationToken: Ct);
        using var http = Client(simulator, OzonPlan.Premium);
        var today = DateOnly.FromDateTime(simulator.NowUtc);

        using var response = await http.PostAsJsonAsync(new Uri("v1/analytics/data", UriKind.Relative), new { date_from = Day(today.AddDays(-daysBack)), date_to = Day(today), metrics = Split(metrics), dimension = Split(dimension), limit = 1000 }, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Without_premium_plus_revenue_and_units_by_sku_and_day_are_answered()
    {
        await using var simulator = await OzonSimulator.StartAsync(Fast, cancellationToken: Ct);
        using var http = Client(simulator, OzonPlan.Basic);
        var today = DateOnly.FromDateTime(simulator.NowUtc);

        using var answer = await PostAsync(http, "v1/analytics/data", new { date_from = Day(today.AddDays(-30)), date_to = Day(today), metrics = new[] { "revenue", "ordered_units" }, dimension = new[] { "sku", "day" }, limit = 1000 });

        Assert.NotEqual(0, answer.RootElement.GetProperty("result").GetProperty("data").GetArrayLength());
    }

    private static string[] Split(string list) => list.Length == 0 ? [] : list.Split(',');

    private static HttpClient Client(OzonSimulator simulator, OzonPlan plan)
    {
        var (clientId, apiKey) = simulator.Keys.Issue(7, plan);
        var http = new HttpClient { BaseAddress = simulator.BaseAddress };
        http.DefaultRequestHeaders.Add("Client-Id", clientId);
        http.DefaultRequestHeaders.Add("Api-Key", apiKey);
        return http;
    }

    private static async Task<JsonDocument> PostAsync(HttpClient http, string path, object body)
    {
        using var response = await http.PostAsJsonAsync(new Uri(path.TrimStart('/'), UriKind.Relative), body, Ct);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(Ct), cancellationToken: Ct);
    }

    private static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The body our collector sends for each method, and the path of the answer's rows.</summary>
    private static (string Rows, object Body) Request(DateTime now, string schema)
    {
        var today = DateOnly.FromDateTime(now);
        var with = new { analytics_data = true, financial_data = true };
        return schema switch
        {
            "ozon-v3-product-list" => ("$.result.items[]", new { filter = new { visibility = "ALL" }, last_id = "", limit = 1000 }),
            "ozon-v3-product-info-list" => ("$.items[]", new { product_id = Enumerable.Range(0, 30).Select(i => 700_000_000 + 7 * 1000L + i).ToArray() }),
            "ozon-v4-product-info-stocks" => ("$.items[]", new { filter = new { visibility = "ALL" }, cursor = "", limit = 1000 }),
            "ozon-v5-product-info-prices" => ("$.items[]", new { filter = new { visibility = "ALL" }, cursor = "", limit = 1000 }),
            "ozon-v2-posting-fbo-list" => ("$.result[]", new { dir = "ASC", filter = new { since = Iso(now.AddDays(-30)), to = Iso(now), status = "" }, limit = 1000, offset = 0, translit = false, with }),
            "ozon-v3-posting-fbs-list" => ("$.result.postings[]", new { dir = "ASC", filter = new { since = Iso(now.AddDays(-30)), to = Iso(now), last_changed_status_date = new { from = Iso(now.AddDays(-30)), to = Iso(now) } }, limit = 1000, offset = 0, with }),
            "ozon-v1-analytics-data" => ("$.result.data[]", new { date_from = Day(today.AddDays(-30)), date_to = Day(today), metrics = new[] { "revenue", "ordered_units", "hits_view", "hits_tocart", "session_view" }, dimension = new[] { "sku", "day" }, filters = Array.Empty<object>(), sort = new[] { new { key = "revenue", order = "DESC" } }, limit = 1000, offset = 0 }),
            "ozon-v3-finance-transaction-list" => ("$.result.operations[]", new { filter = new { date = new { from = Iso(now.AddDays(-30)), to = Iso(now) }, operation_type = Array.Empty<string>(), posting_number = "", transaction_type = "all" }, page = 1, page_size = 1000 }),
            "ozon-v1-returns-list" => ("$.returns[]", new { filter = new { logistic_return_date = new { time_from = Iso(now.AddDays(-90)), time_to = Iso(now) } }, limit = 500, last_id = 0 }),
            "ozon-v1-rating-summary" => ("$.groups[]", new { }),
            "ozon-v1-review-list" => ("$.reviews[]", new { last_id = "", limit = 100, sort_dir = "ASC", status = "ALL" }),
            _ => throw new ArgumentOutOfRangeException(nameof(schema)),
        };
    }
}
