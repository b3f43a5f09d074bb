using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Custodian.Simulators.Ozon;

/// <summary>Analytics (1 request a minute; funnel metrics and finer groupings need Premium Plus), the seller rating and reviews (Premium Plus).</summary>
public sealed partial class OzonSimulator
{
    /// <summary>Metrics every seller may ask for, as published.</summary>
    private static readonly string[] BasicMetrics = ["revenue", "ordered_units"];

    /// <summary>Metrics only Premium Plus sellers get, as published (<c>unknown_metric</c> is listed but carries nothing: refused).</summary>
    private static readonly string[] PremiumMetrics =
    [
        "hits_view_search", "hits_view_pdp", "hits_view", "hits_tocart_search", "hits_tocart_pdp", "hits_tocart", "session_view_search", "session_view_pdp",
        "session_view", "conv_tocart_search", "conv_tocart_pdp", "conv_tocart", "returns", "cancellations", "delivered_units", "position_category",
    ];

    /// <summary>Groupings every seller may ask for, as published.</summary>
    private static readonly string[] BasicDimensions = ["sku", "spu", "day", "week", "month"];

    /// <summary>Groupings only Premium Plus sellers get, as published.</summary>
    private static readonly string[] PremiumDimensions = ["year", "category1", "category2", "category3", "category4", "brand", "modelID"];

    private static readonly string[] Categories = ["Одежда", "Дом", "Спорт", "Аксессуары"];

    /// <summary>
    /// <c>/v1/analytics/data</c>: the metrics asked (1-14, in the order asked) summed per group of the dimensions asked
    /// (any of the published ones, in the order asked), over <c>date_from</c>..<c>date_to</c>, sorted by <c>sort</c> (ties by
    /// the dimensions), <c>limit</c> (1-1000) from <c>offset</c>, with the totals. Unknown metrics or dimensions, more than 14
    /// metrics, a reversed period or a bad limit answer 400 (InvalidArgument); premium metrics or groupings, or a period
    /// older than three months, answer 403 for sellers without Premium Plus.
    /// </summary>
    private async Task AnalyticsAsync(HttpContext context, OzonSellerData seller, OzonPlan plan, JsonElement body)
    {
        var metrics = Strings(body, "metrics");
        var dimensions = Strings(body, "dimension");
        var from = DateOnly.ParseExact(body.GetProperty("date_from").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = DateOnly.ParseExact(body.GetProperty("date_to").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var offset = body.TryGetProperty("offset", out var o) ? o.GetInt32() : 0;
        var limitValid = body.TryGetProperty("limit", out var l) && l.ValueKind == JsonValueKind.Number && l.GetInt32() is >= 1 and <= 1000;
        var problem = metrics.Count is 0 or > 14 ? "metrics: from 1 to 14 values"
            : metrics.FirstOrDefault(m => !BasicMetrics.Contains(m) && !PremiumMetrics.Contains(m)) is { } metric ? $"metrics: unknown metric {metric}"
            : dimensions.Count == 0 ? "dimension: at least one value"
            : dimensions.FirstOrDefault(d => !BasicDimensions.Contains(d) && !PremiumDimensions.Contains(d)) is { } dimension ? $"dimension: unknown dimension {dimension}"
            : dimensions.Distinct(StringComparer.Ordinal).Count() != dimensions.Count ? "dimension: repeated value"
            : to < from ? "date_to is before date_from"
            : !limitValid ? "limit: from 1 to 1000"
            : offset < 0 ? "offset: 0 or more"
            : null;
        if (problem is not null)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, 3, problem);
            return;
        }

        if (plan != OzonPlan.PremiumPlus && (metrics.Any(PremiumMetrics.Contains) || dimensions.Any(PremiumDimensions.Contains)))
        {
            await ErrorAsync(context, StatusCodes.Status403Forbidden, 7, "Metrics " + string.Join(", ", metrics.Where(PremiumMetrics.Contains).Concat(dimensions.Where(PremiumDimensions.Contains))) + " are available with the Premium Plus subscription");
            return;
        }

        var today = DateOnly.FromDateTime(NowUtc);
        if (plan != OzonPlan.PremiumPlus && from < today.AddMonths(-3))
        {
            await ErrorAsync(context, StatusCodes.Status403Forbidden, 7, "Without Premium Plus the report covers the last three months only");
            return;
        }

        var products = seller.Products.ToDictionary(p => p.Sku);
        var groups = seller.AnalyticsOn(from, to, NowUtc)
            .GroupBy(r => string.Join("|", dimensions.Select(d => DimensionOf(d, products[r.Sku], r.Day).Id)))
            .Select(g => (Dimensions: dimensions.Select(d => DimensionOf(d, products[g.First().Sku], g.First().Day)).ToList(), Values: metrics.Select(m => MetricOf(m, g.ToList())).ToList()))
            .Where(g => Matches(body, dimensions, metrics, g.Dimensions, g.Values))
            .ToList();
        var sorted = Sorted(body, metrics, groups).ToList();
        var page = sorted.Skip(offset).Take(l.GetInt32()).ToList();
        var all = seller.AnalyticsOn(from, to, NowUtc).ToList();
        await SendAsync(context, json =>
        {
            json.WriteStartObject();
            json.WriteStartObject("result");
            json.WriteStartArray("data");
            foreach (var (dims, values) in page)
            {
                json.WriteStartObject();
                json.WriteStartArray("dimensions");
                foreach (var (id, name) in dims)
                {
                    json.WriteStartObject();
                    json.WriteString("id", id);
                    json.WriteString("name", name);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteStartArray("metrics");
                foreach (var value in values)
                {
                    json.WriteNumberValue(value);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("totals");
            foreach (var metric in metrics)
            {
                json.WriteNumberValue(MetricOf(metric, all));
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteString("timestamp", NowUtc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
            json.WriteEndObject();
        });
    }

    private static List<string> Strings(JsonElement body, string name) =>
        body.GetProperty(name).EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString()! : throw new FormatException(name + ": strings expected")).ToList();

    /// <summary>The id and name a row shows for one grouping.</summary>
    private static (string Id, string Name) DimensionOf(string dimension, OzonProduct product, DateOnly day) => dimension switch
    {
        "sku" => (product.Sku.ToString(CultureInfo.InvariantCulture), product.Name),
        "spu" or "modelID" => (product.ProductId.ToString(CultureInfo.InvariantCulture), product.Name),
        "day" => (day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ""),
        "week" => (day.AddDays(-(((int)day.DayOfWeek + 6) % 7)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ""),
        "month" => (day.ToString("yyyy-MM", CultureInfo.InvariantCulture), ""),
        "year" => (day.Year.ToString(CultureInfo.InvariantCulture), ""),
        "brand" => ("970000001", "Custodian Demo"),
        _ => ((17_027_900 + product.CategoryId % 4 + dimension[^1] * 10).ToString(CultureInfo.InvariantCulture), Categories[product.CategoryId % Categories.Length] + " " + dimension[^1]),
    };

    /// <summary>A metric summed over a group's SKU-days (conversions as a ratio of the sums, in percent).</summary>
    private static decimal MetricOf(string metric, List<(long Sku, DateOnly Day, decimal Revenue, int OrderedUnits, int HitsView, int HitsToCart, int SessionView)> rows)
    {
        decimal Sum(Func<(long Sku, DateOnly Day, decimal Revenue, int OrderedUnits, int HitsView, int HitsToCart, int SessionView), decimal> of) => rows.Sum(of);
        decimal Percent(decimal part, decimal whole) => whole == 0 ? 0 : Math.Round(part * 100 / whole, 2);
        return metric switch
        {
            "revenue" => Sum(r => r.Revenue),
            "ordered_units" => Sum(r => r.OrderedUnits),
            "hits_view" => Sum(r => r.HitsView),
            "hits_view_search" => Sum(r => r.HitsView * 7 / 10),
            "hits_view_pdp" => Sum(r => r.HitsView - r.HitsView * 7 / 10),
            "hits_tocart" => Sum(r => r.HitsToCart),
            "hits_tocart_search" => Sum(r => r.HitsToCart / 2),
            "hits_tocart_pdp" => Sum(r => r.HitsToCart - r.HitsToCart / 2),
            "session_view" => Sum(r => r.SessionView),
            "session_view_search" => Sum(r => r.SessionView * 6 / 10),
            "session_view_pdp" => Sum(r => r.SessionView - r.SessionView * 6 / 10),
            "conv_tocart" => Percent(Sum(r => r.HitsToCart), Sum(r => r.SessionView)),
            "conv_tocart_search" => Percent(Sum(r => r.HitsToCart / 2), Sum(r => r.SessionView * 6 / 10)),
            "conv_tocart_pdp" => Percent(Sum(r => r.HitsToCart - r.HitsToCart / 2), Sum(r => r.SessionView - r.SessionView * 6 / 10)),
            "returns" => Sum(r => r.OrderedUnits / 20),
            "cancellations" => Sum(r => r.OrderedUnits / 14),
            "delivered_units" => Sum(r => r.OrderedUnits - r.OrderedUnits / 14),
            _ => rows.Count == 0 ? 0 : Math.Round(rows.Average(r => 10m + r.Sku % 90), 1), // position_category
        };
    }

    /// <summary>Applies <c>filters</c> (<c>key</c> a dimension or metric asked, <c>op</c> EQ/GT/GTE/LT/LTE, <c>value</c>); an unknown op is refused.</summary>
    private static bool Matches(JsonElement body, List<string> dimensions, List<string> metrics, List<(string Id, string Name)> dims, List<decimal> values)
    {
        if (!body.TryGetProperty("filters", out var filters) || filters.ValueKind != JsonValueKind.Array)
        {
            return true;
        }

        foreach (var filter in filters.EnumerateArray())
        {
            var key = filter.GetProperty("key").GetString();
            var op = filter.TryGetProperty("op", out var o) ? o.GetString() : "EQ";
            var value = filter.GetProperty("value").GetString() ?? "";
            int? compared = dimensions.IndexOf(key!) is var d and >= 0 ? string.CompareOrdinal(dims[d].Id, value)
                : metrics.IndexOf(key!) is var m and >= 0 ? values[m].CompareTo(decimal.Parse(value, CultureInfo.InvariantCulture))
                : throw new FormatException($"filters: key {key} is neither a dimension nor a metric asked");
            var keep = op switch
            {
                "EQ" => compared == 0,
                "GT" => compared > 0,
                "GTE" => compared >= 0,
                "LT" => compared < 0,
                "LTE" => compared <= 0,
                _ => throw new FormatException($"filters: unknown op {op}"),
            };
            if (!keep)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Orders groups by <c>sort</c> (a metric asked, ASC/DESC), then by their dimension ids so pages never overlap.</summary>
    private static IEnumerable<(List<(string Id, string Name)> Dimensions, List<decimal> Values)> Sorted(JsonElement body, List<string> metrics, List<(List<(string Id, string Name)> Dimensions, List<decimal> Values)> groups)
    {
        var ordered = groups.OrderBy(_ => 0);
        if (body.TryGetProperty("sort", out var sort) && sort.ValueKind == JsonValueKind.Array)
        {
            foreach (var rule in sort.EnumerateArray())
            {
                var index = metrics.IndexOf(rule.GetProperty("key").GetString()!);
                if (index < 0)
                {
                    throw new FormatException("sort: key must be a metric asked");
                }

                ordered = rule.TryGetProperty("order", out var order) && string.Equals(order.GetString(), "DESC", StringComparison.OrdinalIgnoreCase)
                    ? ordered.ThenByDescending(g => g.Values[index])
                    : ordered.ThenBy(g => g.Values[index]);
            }
        }

        return ordered.ThenBy(g => string.Join("|", g.Dimensions.Select(d => d.Id)), StringComparer.Ordinal);
    }

    /// <summary><c>/v1/rating/summary</c>: the seller's ratings now, in groups, with the previous value.</summary>
    private Task RatingAsync(HttpContext context, OzonSellerData seller, OzonPlan plan)
    {
        var hour = (int)((NowUtc - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerDay);
        (string Rating, string Name, string Group, double Value, double Past, string Type, bool HigherIsBetter)[] items =
        [
            ("rating_on_time", "Заказы, отгруженные вовремя", "Индекс ошибок", 90 + (seller.Seed + hour) % 10, 91 + seller.Seed % 9, "PERCENT", true),
            ("rating_review_avg_score_total", "Средняя оценка товаров", "Качество", 4 + ((seller.Seed + hour) % 10) / 10.0, 4.5, "INDEX", true),
            ("rating_price", "Индекс цен", "Цены", 0.9 + (seller.Seed % 5) / 100.0, 0.95, "INDEX", false),
        ];
        return SendAsync(context, json =>
        {
            json.WriteStartObject();
            json.WriteStartArray("groups");
            foreach (var group in items.GroupBy(i => i.Group))
            {
                json.WriteStartObject();
                json.WriteString("group_name", group.Key);
                json.WriteStartArray("items");
                foreach (var item in group)
                {
                    json.WriteStartObject();
                    json.WriteString("rating", item.Rating);
                    json.WriteString("name", item.Name);
                    json.WriteNumber("current_value", item.Value);
                    json.WriteNumber("past_value", item.Past);
                    json.WriteStartObject("change");
                    json.WriteString("direction", item.Value > item.Past ? "DIRECTION_RISE" : item.Value < item.Past ? "DIRECTION_FALL" : "DIRECTION_NONE");
                    json.WriteString("meaning", item.Value == item.Past ? "MEANING_NONE" : (item.Value > item.Past) == item.HigherIsBetter ? "MEANING_GOOD" : "MEANING_BAD");
                    json.WriteEndObject();
                    json.WriteString("rating_direction", item.HigherIsBetter ? "HIGHER_IS_BETTER" : "LOWER_IS_BETTER");
                    json.WriteString("status", "OK");
                    json.WriteString("value_type", item.Type);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("localization_index");
            json.WriteStartObject();
            json.WriteString("calculation_date", Utc(NowUtc.Date));
            json.WriteNumber("localization_percentage", 60 + seller.Seed % 30);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteBoolean("penalty_score_exceeded", false);
            json.WriteBoolean("premium", plan != OzonPlan.Basic);
            json.WriteBoolean("premium_plus", plan == OzonPlan.PremiumPlus);
            json.WriteEndObject();
        });
    }

    /// <summary><c>/v1/review/list</c> (Premium Plus): reviews oldest first after <c>last_id</c>, <c>limit</c> 20-100, with <c>has_next</c> and <c>last_id</c>.</summary>
    private async Task ReviewsAsync(HttpContext context, OzonSellerData seller, OzonPlan plan, JsonElement body)
    {
        if (plan != OzonPlan.PremiumPlus)
        {
            await ErrorAsync(context, StatusCodes.Status403Forbidden, 7, "Method is available only with the Premium Plus subscription");
            return;
        }

        var limit = Limit(body, 100);
        var all = seller.ReviewsAt(NowUtc).OrderBy(r => r.PublishedAt).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
        var start = body.TryGetProperty("last_id", out var l) && l.GetString() is { Length: > 0 } last ? all.FindIndex(r => r.Id == last) + 1 : 0;
        var page = all.Skip(start).Take(limit).ToList();
        await SendAsync(context, json =>
        {
            json.WriteStartObject();
            json.WriteStartArray("reviews");
            foreach (var r in page)
            {
                json.WriteStartObject();
                json.WriteString("id", r.Id);
                json.WriteNumber("sku", r.Product.Sku);
                json.WriteString("text", r.Text);
                json.WriteString("published_at", Utc(r.PublishedAt));
                json.WriteNumber("rating", r.Rating);
                json.WriteString("status", r.Status);
                json.WriteNumber("comments_amount", 0);
                json.WriteNumber("photos_amount", 0);
                json.WriteNumber("videos_amount", 0);
                json.WriteString("order_status", "DELIVERED");
                json.WriteBoolean("is_rating_participant", true);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteBoolean("has_next", start + page.Count < all.Count);
            json.WriteString("last_id", page.Count > 0 ? page[^1].Id : (body.TryGetProperty("last_id", out var same) ? same.GetString() : "") ?? "");
            json.WriteEndObject();
        });
    }
}
