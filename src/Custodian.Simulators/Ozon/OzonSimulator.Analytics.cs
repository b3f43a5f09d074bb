using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Custodian.Simulators.Ozon;

/// <summary>Analytics by SKU and day (1 request a minute; funnel metrics need Premium), the seller rating and reviews (Premium Plus).</summary>
public sealed partial class OzonSimulator
{
    private static readonly string[] BasicMetrics = ["revenue", "ordered_units"];
    private static readonly string[] PremiumMetrics = ["hits_view", "hits_tocart", "session_view"];

    /// <summary><c>/v1/analytics/data</c> with <c>dimension: ["sku","day"]</c>: one row per SKU and day, metrics in the order asked.</summary>
    private async Task AnalyticsAsync(HttpContext context, OzonSellerData seller, OzonPlan plan, JsonElement body)
    {
        var metrics = body.GetProperty("metrics").EnumerateArray().Select(m => m.GetString()!).ToList();
        var dimensions = body.GetProperty("dimension").EnumerateArray().Select(d => d.GetString()).ToList();
        var (limit, offset) = (Limit(body, 1000), body.TryGetProperty("offset", out var o) ? o.GetInt32() : 0);
        var from = DateOnly.ParseExact(body.GetProperty("date_from").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = DateOnly.ParseExact(body.GetProperty("date_to").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (metrics.Count is 0 or > 14 || metrics.Any(m => !BasicMetrics.Contains(m) && !PremiumMetrics.Contains(m)) || dimensions is not ["sku", "day"] || to < from)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, 3, "metrics: 1-14 known metrics; dimension must be [sku, day]; date_to not before date_from");
            return;
        }

        if (plan == OzonPlan.Basic && metrics.Any(PremiumMetrics.Contains))
        {
            await ErrorAsync(context, StatusCodes.Status403Forbidden, 7, "Metrics hits_view, hits_tocart, session_view are available with the Premium subscription");
            return;
        }

        var rows = seller.AnalyticsOn(from, to, NowUtc).OrderBy(r => r.Day).ThenBy(r => r.Sku).Skip(offset).Take(limit).ToList();
        await SendAsync(context, json =>
        {
            json.WriteStartObject();
            json.WriteStartObject("result");
            json.WriteStartArray("data");
            foreach (var row in rows)
            {
                json.WriteStartObject();
                json.WriteStartArray("dimensions");
                json.WriteStartObject();
                json.WriteString("id", row.Sku.ToString(CultureInfo.InvariantCulture));
                json.WriteString("name", seller.Products.First(p => p.Sku == row.Sku).Name);
                json.WriteEndObject();
                json.WriteStartObject();
                json.WriteString("id", row.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                json.WriteString("name", "");
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteStartArray("metrics");
                foreach (var metric in metrics)
                {
                    json.WriteNumberValue(metric switch
                    {
                        "revenue" => row.Revenue,
                        "ordered_units" => row.OrderedUnits,
                        "hits_view" => row.HitsView,
                        "hits_tocart" => row.HitsToCart,
                        _ => row.SessionView,
                    });
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("totals");
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteString("timestamp", Utc(NowUtc));
            json.WriteEndObject();
        });
    }

    /// <summary><c>/v1/rating/summary</c>: the seller's ratings now, in groups, with the previous value.</summary>
    private Task RatingAsync(HttpContext context, OzonSellerData seller, OzonPlan plan)
    {
        var hour = (int)((NowUtc - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerDay);
        (string Rating, string Name, string Group, double Value, double Past, string Type)[] items =
        [
            ("rating_on_time", "Заказы, отгруженные вовремя", "Индекс ошибок", 90 + (seller.Seed + hour) % 10, 91 + seller.Seed % 9, "PERCENT"),
            ("rating_review_avg_score_total", "Средняя оценка товаров", "Качество", 4 + ((seller.Seed + hour) % 10) / 10.0, 4.5, "INDEX"),
            ("rating_price", "Индекс цен", "Цены", 0.9 + (seller.Seed % 5) / 100.0, 0.95, "INDEX"),
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
                    json.WriteString("rating_direction", item.Value >= item.Past ? "UP" : "DOWN");
                    json.WriteString("status", "OK");
                    json.WriteString("value_type", item.Type);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteBoolean("penalty_score_exceeded", false);
            json.WriteBoolean("premium", plan != OzonPlan.Basic);
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
