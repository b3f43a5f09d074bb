using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Custodian.Simulators.Wildberries;

/// <summary>The analytics and prices hosts: warehouse stocks, prices, the sales funnel and the goods-return report.</summary>
public sealed partial class WildberriesSimulator
{
    /// <summary>
    /// <c>POST /api/analytics/v1/stocks-report/wb-warehouses</c> with <c>{"nmIds":[],"chrtIds":[],"limit","offset"}</c>:
    /// stock per product size and warehouse now, in pages of <c>limit</c> (up to 250 000) from <c>offset</c>.
    /// </summary>
    private async Task StocksAsync(HttpContext context)
    {
        if (await AuthoriseAsync(context, WildberriesCategories.Analytics, "analytics") is not { } seed)
        {
            return;
        }

        if (await LimitOffsetAsync(context, 250_000) is not { } page)
        {
            return;
        }

        var items = Seller(seed).StocksAt(NowMoscow).Skip(page.Offset).Take(page.Limit).ToList();
        await SendJsonAsync(context, Json(json =>
        {
            json.WriteStartObject();
            json.WriteStartObject("data");
            json.WriteStartArray("items");
            foreach (var stock in items)
            {
                json.WriteStartObject();
                json.WriteNumber("nmId", stock.Product.NmId);
                json.WriteNumber("chrtId", stock.ChrtId);
                json.WriteNumber("warehouseId", stock.WarehouseId);
                json.WriteString("warehouseName", stock.Warehouse);
                json.WriteString("regionName", stock.Region);
                json.WriteNumber("quantity", stock.Quantity);
                json.WriteNumber("inWayToClient", stock.InWayToClient);
                json.WriteNumber("inWayFromClient", stock.InWayFromClient);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }));
    }

    /// <summary><c>GET /api/v2/list/goods/filter?limit&amp;offset</c>: products with their sizes' prices, <c>limit</c> up to 1000.</summary>
    private async Task PricesAsync(HttpContext context)
    {
        if (await AuthoriseAsync(context, WildberriesCategories.Prices, "prices") is not { } seed)
        {
            return;
        }

        if (!int.TryParse(context.Request.Query["limit"], out var limit) || limit is < 1 or > 1000 || !int.TryParse(context.Request.Query["offset"], out var offset) || offset < 0)
        {
            await ProblemAsync(context, StatusCodes.Status400BadRequest, "bad request", "limit (1-1000) and offset (0 or more) are required");
            return;
        }

        var goods = Seller(seed).Products.Skip(offset).Take(limit).ToList();
        await SendJsonAsync(context, Json(json =>
        {
            json.WriteStartObject();
            json.WriteStartObject("data");
            json.WriteStartArray("listGoods");
            foreach (var product in goods)
            {
                var (price, discount) = WildberriesSellerData.PriceOf(product);
                json.WriteStartObject();
                json.WriteNumber("nmID", product.NmId);
                json.WriteString("vendorCode", product.Article);
                json.WriteStartArray("sizes");
                json.WriteStartObject();
                json.WriteNumber("sizeID", product.NmId * 10 + 1);
                json.WriteNumber("price", price);
                json.WriteNumber("discountedPrice", Math.Round(price * (100 - discount) / 100m, 2));
                json.WriteNumber("clubDiscountedPrice", Math.Round(price * (100 - discount) / 100m * 0.95m, 2));
                json.WriteString("techSizeName", product.Size);
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteString("currencyIsoCode4217", "RUB");
                json.WriteNumber("discount", discount);
                json.WriteNumber("clubDiscount", 5);
                json.WriteBoolean("editableSizePrice", false);
                if (product.NmId % 4 == 0)
                {
                    json.WriteBoolean("isBadTurnover", true); // sent only for some goods
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteBoolean("error", false);
            json.WriteString("errorText", "");
            json.WriteEndObject();
        }));
    }

    /// <summary>
    /// <c>POST /api/analytics/v3/sales-funnel/products</c> with <c>{"selectedPeriod":{"start","end"},"limit","offset"}</c>:
    /// each product's funnel summed over the period (dates in Moscow), at most a year back, <c>limit</c> up to 1000.
    /// </summary>
    private async Task SalesFunnelAsync(HttpContext context)
    {
        if (await AuthoriseAsync(context, WildberriesCategories.Analytics, "analytics") is not { } seed)
        {
            return;
        }

        DateOnly start, end;
        int limit, offset;
        try
        {
            using var request = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            var root = request.RootElement;
            var period = root.GetProperty("selectedPeriod");
            start = DateOnly.ParseExact(period.GetProperty("start").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            end = DateOnly.ParseExact(period.GetProperty("end").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            limit = root.TryGetProperty("limit", out var l) ? l.GetInt32() : 50;
            offset = root.TryGetProperty("offset", out var o) ? o.GetInt32() : 0;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or FormatException or InvalidOperationException or ArgumentNullException)
        {
            await ProblemAsync(context, StatusCodes.Status400BadRequest, "bad request", "selectedPeriod.start and .end (YYYY-MM-DD) are required");
            return;
        }

        var today = DateOnly.FromDateTime(NowMoscow);
        if (end < start || start < today.AddDays(-365) || end > today || limit is < 1 or > 1000 || offset < 0)
        {
            await ProblemAsync(context, StatusCodes.Status400BadRequest, "bad request", "the period must lie within the last 365 days, limit 1-1000");
            return;
        }

        var seller = Seller(seed);
        var days = Enumerable.Range(0, end.DayNumber - start.DayNumber + 1).Select(start.AddDays).SelectMany(d => seller.FunnelOn(d, NowMoscow)).ToLookup(f => f.Product.NmId);
        var products = seller.Products.Skip(offset).Take(limit).ToList();
        await SendJsonAsync(context, Json(json =>
        {
            json.WriteStartObject();
            json.WriteStartObject("data");
            json.WriteStartArray("products");
            foreach (var product in products)
            {
                var f = days[product.NmId].ToList();
                var (orders, orderSum) = (f.Sum(x => x.OrderCount), Rubles(f.Sum(x => x.OrderSum)));
                var (buyouts, buyoutSum) = (f.Sum(x => x.BuyoutCount), Rubles(f.Sum(x => x.BuyoutSum)));
                var (opens, carts) = (f.Sum(x => x.OpenCount), f.Sum(x => x.CartCount));
                json.WriteStartObject();
                json.WriteStartObject("product");
                json.WriteNumber("nmId", product.NmId);
                json.WriteString("title", product.Subject + " " + product.Article);
                json.WriteString("vendorCode", product.Article);
                json.WriteString("brandName", product.Brand);
                json.WriteNumber("subjectId", 100 + product.NmId % 6);
                json.WriteString("subjectName", product.Subject);
                json.WriteStartArray("tags");
                json.WriteEndArray();
                json.WriteNumber("productRating", 4.5);
                json.WriteNumber("feedbackRating", 4);
                json.WriteStartObject("stocks");
                json.WriteNumber("wb", 40 + product.NmId % 50);
                json.WriteNumber("mp", 0);
                json.WriteNumber("balanceSum", (40 + product.NmId % 50) * (long)product.BasePrice);
                json.WriteEndObject();
                json.WriteEndObject();
                json.WriteStartObject("statistic");
                json.WriteStartObject("selected");
                json.WriteStartObject("period");
                json.WriteString("start", start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                json.WriteString("end", end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                json.WriteEndObject();
                json.WriteNumber("openCount", opens);
                json.WriteNumber("cartCount", carts);
                json.WriteNumber("orderCount", orders);
                json.WriteNumber("orderSum", orderSum);
                json.WriteNumber("buyoutCount", buyouts);
                json.WriteNumber("buyoutSum", buyoutSum);
                json.WriteNumber("cancelCount", f.Sum(x => x.CancelCount));
                json.WriteNumber("cancelSum", Rubles(f.Sum(x => x.CancelSum)));
                json.WriteNumber("avgPrice", orders > 0 ? orderSum / orders : 0);
                json.WriteNumber("avgOrdersCountPerDay", Math.Round(orders / (double)Math.Max(1, f.Select(x => x.Day).Distinct().Count()), 2));
                json.WriteNumber("shareOrderPercent", 0);
                json.WriteNumber("addToWishlist", f.Sum(x => x.AddToWishlist));
                json.WriteStartObject("timeToReady");
                json.WriteNumber("days", 1);
                json.WriteNumber("hours", (int)(product.NmId % 24));
                json.WriteNumber("mins", (int)(product.NmId % 60));
                json.WriteEndObject();
                json.WriteNumber("localizationPercent", (int)(product.NmId % 100));
                json.WriteStartObject("wbClub");
                foreach (var name in (string[])["orderCount", "orderSum", "buyoutSum", "buyoutCount", "cancelSum", "cancelCount", "avgPrice", "buyoutPercent"])
                {
                    json.WriteNumber(name, 0);
                }

                json.WriteNumber("avgOrderCountPerDay", 0);
                json.WriteEndObject();
                json.WriteStartObject("conversions");
                json.WriteNumber("addToCartPercent", opens > 0 ? carts * 100 / opens : 0);
                json.WriteNumber("cartToOrderPercent", carts > 0 ? orders * 100 / carts : 0);
                json.WriteNumber("buyoutPercent", orders > 0 ? buyouts * 100 / orders : 0);
                json.WriteEndObject();
                json.WriteEndObject();
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }));
    }

    /// <summary><c>GET /api/v1/analytics/goods-return?dateFrom&amp;dateTo</c>: returns of the period (at most 31 days), by the day they became ready.</summary>
    private async Task GoodsReturnAsync(HttpContext context)
    {
        if (await AuthoriseAsync(context, WildberriesCategories.Analytics, "analytics") is not { } seed)
        {
            return;
        }

        if (!DateOnly.TryParseExact(context.Request.Query["dateFrom"], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
            || !DateOnly.TryParseExact(context.Request.Query["dateTo"], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to)
            || to < from || to.DayNumber - from.DayNumber > 31)
        {
            await ProblemAsync(context, StatusCodes.Status400BadRequest, "bad request", "dateFrom and dateTo (YYYY-MM-DD) are required, at most 31 days apart");
            return;
        }

        var returns = Seller(seed).ReturnsAt(NowMoscow).Where(r => DateOnly.FromDateTime(r.ReadyAt) >= from && DateOnly.FromDateTime(r.ReadyAt) <= to).ToList();
        await SendJsonAsync(context, Json(json =>
        {
            json.WriteStartObject();
            json.WriteStartArray("report");
            foreach (var r in returns)
            {
                json.WriteStartObject();
                json.WriteString("barcode", r.Product.Barcode);
                json.WriteString("brand", r.Product.Brand);
                if (r.CompletedAt is { } c)
                {
                    json.WriteString("completedDt", Moscow(c));
                }
                else
                {
                    json.WriteNull("completedDt"); // nullable as published: not handed over yet
                }

                json.WriteString("dstOfficeAddress", "г. Москва, ул. Демонстрационная, д. 1");
                json.WriteNumber("dstOfficeId", 300_000 + seed);
                json.WriteString("expiredDt", Moscow(r.ReadyAt.AddDays(14)));
                json.WriteNumber("isStatusActive", r.CompletedAt is null ? 1 : 0);
                json.WriteNumber("nmId", r.Product.NmId);
                json.WriteString("orderDt", r.OrderDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                json.WriteNumber("orderId", 2_000_000_000L + r.ShkId % 1_000_000_000L);
                json.WriteString("readyToReturnDt", Moscow(r.ReadyAt));
                json.WriteString("reason", r.Reason);
                json.WriteString("returnType", "Возврат брака");
                json.WriteNumber("shkId", r.ShkId);
                json.WriteString("srid", r.Srid);
                json.WriteString("status", r.Status);
                json.WriteString("stickerId", "");
                json.WriteString("subjectName", r.Product.Subject);
                json.WriteString("techSize", r.Product.Size);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }));
    }

    /// <summary>The funnel's sums are whole rubles (the published schema types them as integers).</summary>
    public static long Rubles(decimal amount) => (long)Math.Round(amount, MidpointRounding.AwayFromZero);

    /// <summary>Reads <c>{"limit","offset"}</c> of a POST body; answers 400 itself and returns null when they are missing or out of range.</summary>
    private async Task<(int Limit, int Offset)?> LimitOffsetAsync(HttpContext context, int maxLimit)
    {
        try
        {
            using var request = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            var limit = request.RootElement.GetProperty("limit").GetInt32();
            var offset = request.RootElement.GetProperty("offset").GetInt32();
            if (limit >= 1 && limit <= maxLimit && offset >= 0)
            {
                return (limit, offset);
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or FormatException or InvalidOperationException)
        {
        }

        await ProblemAsync(context, StatusCodes.Status400BadRequest, "bad request", $"limit (1-{maxLimit}) and offset (0 or more) are required");
        return null;
    }
}
