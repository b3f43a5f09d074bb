using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Custodian.Simulators.Ozon;

/// <summary>Postings (FBO by offset, FBS by offset + has_next), money movements (pages, one month at most) and returns (last_id).</summary>
public sealed partial class OzonSimulator
{
    /// <summary><c>/v2/posting/fbo/list</c>: postings created in <c>filter.since</c>..<c>filter.to</c>, oldest first, <c>limit</c> (1000) from <c>offset</c>; the answer is a bare <c>result</c> array.</summary>
    private Task FboPostingsAsync(HttpContext context, OzonSellerData seller, JsonElement body)
    {
        var (limit, offset) = (Limit(body, 1000), body.GetProperty("offset").GetInt32());
        var filter = body.GetProperty("filter");
        var (since, to) = (Time(filter.GetProperty("since")), Time(filter.GetProperty("to")));
        var page = seller.PostingsAt(NowUtc).Where(p => p.Scheme == "fbo" && p.CreatedAt >= since && p.CreatedAt <= to)
            .OrderBy(p => p.CreatedAt).ThenBy(p => p.PostingNumber, StringComparer.Ordinal).Skip(offset).Take(limit).ToList();
        return SendAsync(context, json =>
        {
            json.WriteStartObject();
            json.WriteStartArray("result");
            var (analytics, finance) = With(body);
            foreach (var posting in page)
            {
                WritePosting(json, posting, analytics, finance);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    /// <summary>
    /// <c>/v3/posting/fbs/list</c>: postings created in <c>since</c>..<c>to</c> and, when given, whose status last changed in
    /// <c>filter.last_changed_status_date</c>; <c>has_next</c> says whether another page follows. Buyer details come along.
    /// </summary>
    private Task FbsPostingsAsync(HttpContext context, OzonSellerData seller, JsonElement body)
    {
        var (limit, offset) = (Limit(body, 1000), body.GetProperty("offset").GetInt32());
        var filter = body.GetProperty("filter");
        var (since, to) = (Time(filter.GetProperty("since")), Time(filter.GetProperty("to")));
        var (changedFrom, changedTo) = filter.TryGetProperty("last_changed_status_date", out var changed)
            ? (Time(changed.GetProperty("from")), Time(changed.GetProperty("to"))) : (DateTime.MinValue, DateTime.MaxValue);
        var all = seller.PostingsAt(NowUtc).Where(p => p.Scheme == "fbs" && p.CreatedAt >= since && p.CreatedAt <= to && p.LastChangedAt >= changedFrom && p.LastChangedAt <= changedTo)
            .OrderBy(p => p.LastChangedAt).ThenBy(p => p.PostingNumber, StringComparer.Ordinal).Skip(offset).ToList();
        return SendAsync(context, json =>
        {
            json.WriteStartObject();
            json.WriteStartObject("result");
            json.WriteStartArray("postings");
            var (analytics, finance) = With(body);
            foreach (var posting in all.Take(limit))
            {
                WritePosting(json, posting, analytics, finance);
            }

            json.WriteEndArray();
            json.WriteBoolean("has_next", all.Count > limit);
            json.WriteEndObject();
            json.WriteEndObject();
        });
    }

    /// <summary>
    /// One posting as the published lists show it. FBO (v2) has <c>created_at</c>, a top-level <c>cancel_reason_id</c> and
    /// <c>analytics_data.warehouse_name</c> (city only for CIS sellers, no region); FBS (v3) has no <c>created_at</c> and no
    /// status-change date, a <c>cancellation</c> object, <c>analytics_data.warehouse</c>, region and city only for rFBS, and
    /// the buyer's <c>customer</c>/<c>addressee</c> only for rFBS (null otherwise). <c>analytics_data</c> and
    /// <c>financial_data</c> come only when the request's <c>with</c> asks for them (null otherwise).
    /// </summary>
    private static void WritePosting(Utf8JsonWriter json, OzonPosting p, bool withAnalytics, bool withFinance)
    {
        var fbs = p.Scheme == "fbs";
        json.WriteStartObject();
        json.WriteNumber("order_id", p.OrderId);
        json.WriteString("order_number", (p.OrderId % 100_000_000).ToString(CultureInfo.InvariantCulture) + "-" + p.PostingNumber.Split('-')[1]);
        json.WriteString("posting_number", p.PostingNumber);
        json.WriteString("status", p.Status);
        if (fbs)
        {
            json.WriteString("substatus", "posting_" + p.Status);
            json.WriteString("tracking_number", "");
            json.WriteString("tpl_integration_type", "ozon");
            json.WriteString("shipment_date", Utc(p.InProcessAt.AddDays(1)));
            if (p.Status is "delivering" or "delivered")
            {
                json.WriteString("delivering_date", Utc(p.CreatedAt.AddHours(12)));
            }
            else
            {
                json.WriteNull("delivering_date");
            }

            json.WriteBoolean("is_express", false);
            json.WriteStartObject("delivery_method");
            json.WriteNumber("id", 1_020_000_000 + p.Warehouse.Length);
            json.WriteString("name", "Ozon Логистика, " + p.Warehouse);
            json.WriteNumber("warehouse_id", 1_020_000_000 + p.Warehouse.Length);
            json.WriteString("warehouse", p.Warehouse);
            json.WriteNumber("tpl_provider_id", 24);
            json.WriteString("tpl_provider", "Ozon Логистика");
            json.WriteEndObject();
            json.WriteStartObject("cancellation");
            json.WriteNumber("cancel_reason_id", p.Status == "cancelled" ? 352 : 0);
            json.WriteString("cancel_reason", p.Status == "cancelled" ? "Покупатель отменил заказ" : "");
            json.WriteString("cancellation_type", p.Status == "cancelled" ? "client" : "");
            json.WriteBoolean("cancelled_after_ship", false);
            json.WriteBoolean("affect_cancellation_rating", false);
            json.WriteString("cancellation_initiator", p.Status == "cancelled" ? "Клиент" : "");
            json.WriteEndObject();
        }
        else
        {
            json.WriteNumber("cancel_reason_id", p.Status == "cancelled" ? 352 : 0);
            json.WriteString("created_at", Utc(p.CreatedAt));
        }

        json.WriteString("in_process_at", Utc(p.InProcessAt));
        json.WriteStartArray("products");
        json.WriteStartObject();
        json.WriteNumber("sku", p.Product.Sku);
        json.WriteString("name", p.Product.Name);
        json.WriteNumber("quantity", p.Quantity);
        json.WriteString("offer_id", p.Product.OfferId);
        json.WriteString("price", Amount(p.Price));
        json.WriteString("currency_code", "RUB");
        json.WriteBoolean("is_marketplace_buyout", false);
        json.WriteEndObject();
        json.WriteEndArray();
        if (withAnalytics)
        {
            var rfbs = p.Buyer is not null;
            json.WriteStartObject("analytics_data");
            json.WriteString("city", rfbs ? p.City : "");
            if (fbs)
            {
                json.WriteString("region", rfbs ? p.Region : "");
            }

            json.WriteString("delivery_type", fbs ? "Courier" : "PVZ");
            json.WriteBoolean("is_premium", false);
            json.WriteString("payment_type_group_name", "Карты оплаты");
            json.WriteNumber("warehouse_id", 1_020_000_000 + p.Warehouse.Length);
            json.WriteString(fbs ? "warehouse" : "warehouse_name", p.Warehouse);
            json.WriteBoolean("is_legal", false);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("analytics_data");
        }

        if (withFinance)
        {
            json.WriteStartObject("financial_data");
            json.WriteStartArray("products");
            json.WriteStartObject();
            json.WriteNumber("commission_amount", p.Commission);
            json.WriteNumber("commission_percent", 15);
            json.WriteNumber("payout", p.Payout);
            json.WriteNumber("product_id", p.Product.ProductId);
            json.WriteNumber("old_price", p.Product.OldPrice);
            json.WriteNumber("price", p.Price);
            json.WriteNumber("total_discount_value", p.Product.OldPrice - p.Price);
            json.WriteNumber("quantity", p.Quantity);
            json.WriteString("currency_code", "RUB");
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("financial_data");
        }

        if (fbs)
        {
            if (p.Buyer is { } buyer)
            {
                json.WriteStartObject("customer");
                json.WriteNumber("customer_id", p.OrderId % 9_999_999);
                json.WriteString("name", buyer.Name);
                json.WriteString("phone", ""); // always "" as published
                json.WriteStartObject("address");
                json.WriteString("address_tail", buyer.Address);
                json.WriteString("city", p.City);
                json.WriteString("region", p.Region);
                json.WriteEndObject();
                json.WriteEndObject();
                json.WriteStartObject("addressee");
                json.WriteString("name", buyer.Name);
                json.WriteString("phone", "");
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("customer");
                json.WriteNull("addressee");
            }

            json.WriteNull("legal_info");
        }
        else
        {
            json.WriteStartArray("additional_data");
            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    private static (bool Analytics, bool Finance) With(JsonElement body) =>
        body.TryGetProperty("with", out var with) && with.ValueKind == JsonValueKind.Object
            ? (with.TryGetProperty("analytics_data", out var a) && a.ValueKind == JsonValueKind.True, with.TryGetProperty("financial_data", out var f) && f.ValueKind == JsonValueKind.True)
            : (false, false);

    /// <summary><c>/v3/finance/transaction/list</c>: operations of <c>filter.date</c> (at most one month), <c>page</c> of <c>page_size</c> (1000), with <c>page_count</c>.</summary>
    private async Task TransactionsAsync(HttpContext context, OzonSellerData seller, JsonElement body)
    {
        var date = body.GetProperty("filter").GetProperty("date");
        var (from, to) = (Time(date.GetProperty("from")), Time(date.GetProperty("to")));
        var (page, size) = (body.GetProperty("page").GetInt32(), body.GetProperty("page_size").GetInt32());
        if (to < from || to - from > TimeSpan.FromDays(31) + TimeSpan.FromSeconds(1) || page < 1 || size is < 1 or > 1000)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, 3, "period must not exceed one month; page from 1, page_size 1-1000");
            return;
        }

        var all = seller.TransactionsAt(NowUtc).Where(t => t.At >= from && t.At <= to).OrderBy(t => t.At).ThenBy(t => t.OperationId).ToList();
        await SendAsync(context, json =>
        {
            json.WriteStartObject();
            json.WriteStartObject("result");
            json.WriteStartArray("operations");
            foreach (var t in all.Skip((page - 1) * size).Take(size))
            {
                json.WriteStartObject();
                json.WriteNumber("operation_id", t.OperationId);
                json.WriteString("operation_type", t.Type == "orders" ? "OperationAgentDeliveredToCustomer" : "ClientReturnAgentOperation");
                json.WriteString("operation_date", (t.At + TimeSpan.FromHours(3)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
                json.WriteString("operation_type_name", t.TypeName);
                json.WriteNumber("delivery_charge", 0);
                json.WriteNumber("return_delivery_charge", 0);
                json.WriteNumber("accruals_for_sale", t.AccrualsForSale);
                json.WriteNumber("sale_commission", t.SaleCommission);
                json.WriteNumber("amount", t.Amount);
                json.WriteString("type", t.Type);
                json.WriteStartObject("posting");
                json.WriteString("delivery_schema", "FBO");
                json.WriteString("order_date", (t.At + TimeSpan.FromHours(3)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
                json.WriteString("posting_number", t.PostingNumber);
                json.WriteNumber("warehouse_id", 0);
                json.WriteEndObject();
                json.WriteStartArray("items");
                json.WriteStartObject();
                json.WriteString("name", "");
                json.WriteNumber("sku", t.Sku);
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteStartArray("services");
                if (t.DeliveryCharge != 0)
                {
                    json.WriteStartObject();
                    json.WriteString("name", "MarketplaceServiceItemDirectFlowLogistic");
                    json.WriteNumber("price", t.DeliveryCharge);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteNumber("page_count", Math.Max(1, (all.Count + size - 1) / size));
            json.WriteNumber("row_count", all.Count);
            json.WriteEndObject();
            json.WriteEndObject();
        });
    }

    /// <summary>
    /// <c>/v1/returns/list</c>: returns with <c>id</c> after <c>last_id</c>, at most <c>limit</c> (500), and <c>has_next</c>.
    /// 64-bit ids and money come as JSON strings, as in the published example (the schema types them int64/double).
    /// </summary>
    private Task ReturnsAsync(HttpContext context, OzonSellerData seller, JsonElement body)
    {
        var limit = Limit(body, 500);
        var after = body.TryGetProperty("last_id", out var l) ? (l.ValueKind == JsonValueKind.String ? long.Parse(l.GetString()!, CultureInfo.InvariantCulture) : l.GetInt64()) : 0;
        var (from, to) = body.TryGetProperty("filter", out var f) && f.TryGetProperty("logistic_return_date", out var d)
            ? (Time(d.GetProperty("time_from")), Time(d.GetProperty("time_to"))) : (DateTime.MinValue, DateTime.MaxValue);
        var all = seller.ReturnsAt(NowUtc).Where(r => r.Id > after && r.ReturnedAt >= from && r.ReturnedAt <= to).OrderBy(r => r.Id).ToList();
        return SendAsync(context, json =>
        {
            json.WriteStartObject();
            json.WriteStartArray("returns");
            foreach (var r in all.Take(limit))
            {
                json.WriteStartObject();
                json.WriteString("id", Id(r.Id));
                json.WriteString("company_id", Id(seller.Seed + 3000L));
                json.WriteString("schema", r.Posting.Scheme == "fbs" ? "Fbs" : "Fbo");
                json.WriteString("order_id", Id(r.Posting.OrderId));
                json.WriteString("order_number", (r.Posting.OrderId % 100_000_000).ToString(CultureInfo.InvariantCulture) + "-" + r.Posting.PostingNumber.Split('-')[1]);
                json.WriteString("posting_number", r.Posting.PostingNumber);
                json.WriteString("return_reason_name", r.Reason);
                json.WriteString("type", "ClientReturn");
                json.WriteStartObject("product");
                json.WriteString("sku", Id(r.Posting.Product.Sku));
                json.WriteString("offer_id", r.Posting.Product.OfferId);
                json.WriteString("name", r.Posting.Product.Name);
                json.WriteStartObject("price");
                json.WriteString("currency_code", "RUB");
                json.WriteString("price", Amount(r.Posting.Price));
                json.WriteEndObject();
                json.WriteNumber("quantity", r.Posting.Quantity);
                json.WriteEndObject();
                json.WriteStartObject("logistic");
                json.WriteString("return_date", Utc(r.ReturnedAt));
                if (r.Status == "ReturnedToSeller")
                {
                    json.WriteString("final_moment", Utc(r.ReturnedAt.AddDays(2)));
                }
                else
                {
                    json.WriteNull("final_moment");
                }

                json.WriteString("barcode", "ii" + Id(r.Id % 10_000_000_000L));
                json.WriteEndObject();
                json.WriteStartObject("visual");
                json.WriteStartObject("status");
                json.WriteNumber("id", 34);
                json.WriteString("display_name", "Возвращён продавцу");
                json.WriteString("sys_name", r.Status);
                json.WriteEndObject();
                json.WriteString("change_moment", Utc(r.ReturnedAt));
                json.WriteEndObject();
                json.WriteString("clearing_id", Id(r.Posting.OrderId * 10));
                json.WriteNull("return_clearing_id"); // null as in the published example
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteBoolean("has_next", all.Count > limit);
            json.WriteEndObject();
        });
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
