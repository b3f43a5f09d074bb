using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Custodian.Simulators.Ozon;

/// <summary>The assortment: product list (last_id), product details, stocks and prices (cursor).</summary>
public sealed partial class OzonSimulator
{
    /// <summary><c>/v3/product/list</c>: product ids after <c>last_id</c>, at most <c>limit</c> (1000); an empty <c>last_id</c> back means the end.</summary>
    private static Task ProductListAsync(HttpContext context, OzonSellerData seller, JsonElement body)
    {
        var limit = Limit(body, 1000);
        var after = body.TryGetProperty("last_id", out var l) && l.GetString() is { Length: > 0 } last ? long.Parse(last, CultureInfo.InvariantCulture) : 0;
        var page = seller.Products.Where(p => p.ProductId > after).Take(limit).ToList();
        var more = seller.Products.Any(p => p.ProductId > (page.Count > 0 ? page[^1].ProductId : long.MaxValue));
        return SendAsync(context, json =>
        {
            json.WriteStartObject();
            json.WriteStartObject("result");
            json.WriteStartArray("items");
            foreach (var p in page)
            {
                json.WriteStartObject();
                json.WriteNumber("product_id", p.ProductId);
                json.WriteString("offer_id", p.OfferId);
                json.WriteBoolean("has_fbo_stocks", true);
                json.WriteBoolean("has_fbs_stocks", true);
                json.WriteBoolean("archived", false);
                json.WriteBoolean("is_discounted", false);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteNumber("total", seller.Products.Count);
            json.WriteString("last_id", more ? page[^1].ProductId.ToString(CultureInfo.InvariantCulture) : "");
            json.WriteEndObject();
            json.WriteEndObject();
        });
    }

    /// <summary><c>/v3/product/info/list</c> with up to 1000 <c>product_id</c>: names, barcodes, prices as strings, SKUs.</summary>
    private static Task ProductInfoAsync(HttpContext context, OzonSellerData seller, JsonElement body)
    {
        var ids = body.GetProperty("product_id").EnumerateArray().Select(i => i.ValueKind == JsonValueKind.String ? long.Parse(i.GetString()!, CultureInfo.InvariantCulture) : i.GetInt64()).ToHashSet();
        if (ids.Count > 1000)
        {
            throw new FormatException("product_id: at most 1000 values");
        }

        return SendAsync(context, json =>
        {
            json.WriteStartObject();
            json.WriteStartArray("items");
            foreach (var p in seller.Products.Where(p => ids.Contains(p.ProductId)))
            {
                json.WriteStartObject();
                json.WriteNumber("id", p.ProductId);
                json.WriteString("name", p.Name);
                json.WriteString("offer_id", p.OfferId);
                json.WriteStartArray("barcodes");
                json.WriteStringValue(p.Barcode);
                json.WriteEndArray();
                json.WriteNumber("description_category_id", p.CategoryId);
                json.WriteString("currency_code", "RUB");
                json.WriteString("price", Amount(p.Price));
                json.WriteString("old_price", Amount(p.OldPrice));
                json.WriteString("min_price", Amount(p.Price * 0.9m));
                json.WriteBoolean("is_archived", false);
                json.WriteString("created_at", Utc(p.CreatedAt));
                json.WriteString("updated_at", Utc(p.CreatedAt.AddDays(30)));
                json.WriteStartArray("sources");
                json.WriteStartObject();
                json.WriteNumber("sku", p.Sku);
                json.WriteString("source", "SDS");
                json.WriteString("shipment_type", "SHIPMENT_TYPE_GENERAL");
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    /// <summary><c>/v4/product/info/stocks</c>: stock per product on the seller's own warehouses (FBS, rFBS) now, continued with the answer's <c>cursor</c>.</summary>
    private Task StocksAsync(HttpContext context, OzonSellerData seller, JsonElement body) =>
        CursorPageAsync(context, seller, body, (json, p) =>
        {
            var (fbo, fboReserved, fbs, fbsReserved) = seller.StockOf(p, NowUtc);
            json.WriteStartArray("stocks");
            // The v4 method answers the seller's own stock (FBS and rFBS); Ozon's warehouses (FBO) are another method.
            foreach (var (type, present, reserved) in new[] { ("fbs", fbs, fbsReserved), ("rfbs", fbo, fboReserved) })
            {
                json.WriteStartObject();
                json.WriteString("type", type);
                json.WriteNumber("present", present);
                json.WriteNumber("reserved", reserved);
                json.WriteNumber("sku", p.Sku);
                json.WriteString("shipment_type", "SHIPMENT_TYPE_GENERAL");
                json.WriteStartArray("warehouse_ids");
                if (present > 0)
                {
                    json.WriteStringValue((1_020_000_000 + p.ProductId % 4).ToString(CultureInfo.InvariantCulture));
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
        });

    /// <summary><c>/v5/product/info/prices</c>: prices (numbers here, unlike product info) per product, continued with <c>cursor</c>.</summary>
    private static Task PricesAsync(HttpContext context, OzonSellerData seller, JsonElement body) =>
        CursorPageAsync(context, seller, body, (json, p) =>
        {
            json.WriteStartObject("price");
            json.WriteNumber("price", p.Price);
            json.WriteNumber("old_price", p.OldPrice);
            json.WriteNumber("min_price", Math.Round(p.Price * 0.9m, 2));
            json.WriteNumber("marketing_price", Math.Round(p.Price * 0.95m, 2));
            json.WriteNumber("marketing_seller_price", p.Price);
            json.WriteString("currency_code", "RUB");
            json.WriteBoolean("auto_action_enabled", false);
            json.WriteEndObject();
            json.WriteStartObject("commissions");
            json.WriteNumber("sales_percent_fbo", 15);
            json.WriteNumber("sales_percent_fbs", 17);
            json.WriteEndObject();
            json.WriteNumber("acquiring", 0);
            json.WriteNumber("volume_weight", 0.5);
        });

    private static Task CursorPageAsync(HttpContext context, OzonSellerData seller, JsonElement body, Action<Utf8JsonWriter, OzonProduct> writeItem)
    {
        var limit = Limit(body, 1000);
        var after = body.TryGetProperty("cursor", out var c) && c.GetString() is { Length: > 0 } cursor ? long.Parse(cursor, CultureInfo.InvariantCulture) : 0;
        var page = seller.Products.Where(p => p.ProductId > after).Take(limit).ToList();
        return SendAsync(context, json =>
        {
            json.WriteStartObject();
            json.WriteStartArray("items");
            foreach (var p in page)
            {
                json.WriteStartObject();
                json.WriteNumber("product_id", p.ProductId);
                json.WriteString("offer_id", p.OfferId);
                writeItem(json, p);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteString("cursor", page.Count > 0 ? page[^1].ProductId.ToString(CultureInfo.InvariantCulture) : "");
            json.WriteNumber("total", seller.Products.Count);
            json.WriteEndObject();
        });
    }
}
