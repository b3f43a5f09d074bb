using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Custodian.Simulators.Wildberries;

namespace Custodian.Simulators.Tests;

/// <summary>The Wildberries stand-in answers every method our collectors call in the shape Wildberries publishes (Schemas/wb-*.json).</summary>
public sealed class WildberriesResponseShapeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("wb-statistics-orders")]
    [InlineData("wb-statistics-sales")]
    [InlineData("wb-finance-sales-reports-detailed")]
    [InlineData("wb-feedbacks")]
    [InlineData("wb-content-cards-list")]
    [InlineData("wb-prices-goods-filter")]
    [InlineData("wb-analytics-stocks-report-wb-warehouses")]
    [InlineData("wb-analytics-sales-funnel-products")]
    [InlineData("wb-analytics-goods-return")]
    public async Task The_answer_has_the_published_shape_and_optional_fields_are_sometimes_absent(string schema)
    {
        await using var simulator = await WildberriesSimulator.StartAsync(new WildberriesSimulatorOptions { RequestsPerWindow = 10_000 }, cancellationToken: Ct);
        using var http = new HttpClient { BaseAddress = simulator.BaseAddress };
        http.DefaultRequestHeaders.Add("Authorization", simulator.Tokens.Issue(5, WildberriesCategories.All, DateTimeOffset.UtcNow.AddDays(30)));
        var shape = PublishedShape.Load(schema);

        var (rows, answers) = await AnswersAsync(http, simulator.NowMoscow, schema);

        foreach (var answer in answers)
        {
            Assert.Empty(shape.Violations(answer.RootElement));
        }

        Assert.True(answers.Sum(a => PublishedShape.Presence(a.RootElement, rows + ".x").Objects) > 0, $"{shape.Endpoint} answered rows");
        foreach (var path in shape.SometimesAbsentOrNull)
        {
            var presence = answers.Select(a => PublishedShape.Presence(a.RootElement, path)).ToList();
            Assert.True(presence.Sum(p => p.AbsentOrNull) > 0, $"{path} is absent or null in some rows");
        }

        foreach (var answer in answers)
        {
            answer.Dispose();
        }
    }

    /// <summary>The requests our collectors send, as the real client sends them; the path of the answer's rows; the answers.</summary>
    private static async Task<(string Rows, List<JsonDocument> Answers)> AnswersAsync(HttpClient http, DateTime nowMoscow, string schema)
    {
        var today = DateOnly.FromDateTime(nowMoscow);
        string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        async Task<JsonDocument> Get(string path)
        {
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative), Ct);
            response.EnsureSuccessStatusCode();
            return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(Ct), cancellationToken: Ct);
        }

        async Task<JsonDocument> Post(string path, object body)
        {
            using var response = await http.PostAsJsonAsync(new Uri(path, UriKind.Relative), body, Ct);
            response.EnsureSuccessStatusCode();
            return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(Ct), cancellationToken: Ct);
        }

        var from = Uri.EscapeDataString(Day(today.AddDays(-30)) + "T00:00:00");
        return schema switch
        {
            "wb-statistics-orders" => ("$[]", [await Get($"api/v1/supplier/orders?dateFrom={from}&flag=0")]),
            "wb-statistics-sales" => ("$[]", [await Get($"api/v1/supplier/sales?dateFrom={from}&flag=0")]),
            "wb-finance-sales-reports-detailed" => ("$[]", [await Post("api/finance/v1/sales-reports/detailed", new { dateFrom = Day(today.AddDays(-30)), dateTo = Day(today), limit = 100_000, rrdId = 0 })]),
            "wb-feedbacks" => ("$.data.feedbacks[]", [await Get("api/v1/feedbacks?isAnswered=false&take=5000&skip=0&order=dateDesc"), await Get("api/v1/feedbacks?isAnswered=true&take=5000&skip=0&order=dateDesc")]),
            "wb-content-cards-list" => ("$.cards[]", [await Post("content/v2/get/cards/list", new { settings = new { cursor = new { limit = 100 }, filter = new { withPhoto = -1 } } })]),
            "wb-prices-goods-filter" => ("$.data.listGoods[]", [await Get("api/v2/list/goods/filter?limit=1000&offset=0")]),
            "wb-analytics-stocks-report-wb-warehouses" => ("$.data.items[]", [await Post("api/analytics/v1/stocks-report/wb-warehouses", new { nmIds = Array.Empty<long>(), chrtIds = Array.Empty<long>(), limit = 250_000, offset = 0 })]),
            "wb-analytics-sales-funnel-products" => ("$.data.products[]", [await Post("api/analytics/v3/sales-funnel/products", new { selectedPeriod = new { start = Day(today.AddDays(-1)), end = Day(today.AddDays(-1)) }, limit = 1000, offset = 0 })]),
            "wb-analytics-goods-return" => ("$.report[]", [await Get($"api/v1/analytics/goods-return?dateFrom={Day(today.AddDays(-30))}&dateTo={Day(today)}")]),
            _ => throw new ArgumentOutOfRangeException(nameof(schema)),
        };
    }
}
