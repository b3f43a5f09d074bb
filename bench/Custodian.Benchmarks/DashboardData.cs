using System.Globalization;
using Custodian.Modules.Marketplace.Collection;
using Custodian.Privacy.Abstractions.Analytics;

namespace Custodian.Benchmarks;

/// <summary>
/// One seller's facts written by the analytics engine itself (<c>INSERT … SELECT … FROM range(n)</c> / <c>numbers(n)</c>)
/// into the tables the store creates: Wildberries orders and sales over <see cref="Days"/> Moscow days in the order a
/// collection appends them (by day), ~2 000 SKUs with brands, subjects and categories, 8 warehouses, 20 regions, ~8 %
/// of orders cancelled, ~4 % of sales lines returns, prices 300–5 000 ₽; Ozon FBO and FBS posting lines (1.2 per posting,
/// ~8 % cancelled, delivered 2–5 days after processing), a finance delivery operation for every delivered line, and
/// returns of ~3 % of the lines. Values come from a
/// multiplicative hash of the row number, so both engines hold the same rows.
/// </summary>
internal static class DashboardData
{
    public const int Days = 120;
    public const int Skus = 2000;

    private const string Hash = "2654435761";
    private const string Prime = "1000000007";
    private const string Warehouses = "['Коледино', 'Подольск', 'Электросталь', 'Казань', 'Краснодар', 'Тула', 'Екатеринбург', 'Новосибирск']";
    private const string Regions = "['Москва', 'Московская область', 'Санкт-Петербург', 'Краснодарский край', 'Татарстан', 'Свердловская область', 'Новосибирская область', 'Ростовская область', " +
        "'Башкортостан', 'Нижегородская область', 'Самарская область', 'Челябинская область', 'Воронежская область', 'Пермский край', 'Красноярский край', 'Тюменская область', " +
        "'Ленинградская область', 'Волгоградская область', 'Саратовская область', 'Омская область']";
    private const string Okrugs = "['Центральный', 'Центральный', 'Северо-Западный', 'Южный', 'Приволжский', 'Уральский', 'Сибирский', 'Южный', 'Приволжский', 'Приволжский', " +
        "'Приволжский', 'Уральский', 'Центральный', 'Приволжский', 'Сибирский', 'Уральский', 'Северо-Западный', 'Южный', 'Приволжский', 'Сибирский']";
    private const string Sizes = "['XS', 'S', 'M', 'L', 'XL']";

    /// <summary>Writes the rows; <paramref name="last"/> is the newest Moscow day (yesterday), the first is <see cref="Days"/> − 1 days before.</summary>
    public static async Task GenerateAsync(RawEngine e, string wildberries, string ozon, long orders, long sales, long postingLines, DateOnly last, DateTime loadedAt)
    {
        var first = last.AddDays(-(Days - 1));
        var midnight = DateTime.SpecifyKind(first.ToDateTime(TimeOnly.MinValue) - MoscowOffset, DateTimeKind.Utc); // the first day's 00:00 in Moscow, as UTC
        string N(long n) => n.ToString(CultureInfo.InvariantCulture);
        string Day(string d) => e.DayPlus(first, d);
        string At(string seconds) => e.InstantPlus(midnight, seconds);
        var loaded = e.Instant(loadedAt);

        // Per row: i, its hash x, its day d, product p and independent-looking picks f (fate 0–99), s (spp 0–25), w, r.
        string Picks(long n, string dayOf) =>
            $"SELECT i, x, {dayOf} AS d, x % {Skus} AS p, {e.Div("x", N(Skus))} % 100 AS f, {e.Div("x", "200000")} % 26 AS s, {e.Div("x", "7")} % 8 AS w, {e.Div("x", "13")} % 20 AS r " +
            $"FROM (SELECT i, (i * {Hash} + 12345) % {Prime} AS x FROM ({e.Numbers(n)}) AS numbered) AS hashed";
        var price = "(300 + (p * 37) % 4701)"; // roubles
        var discount = "(10 + (p % 5) * 10)";
        var withDiscount = $"({price} * (100 - {discount}))"; // kopecks
        (string, string)[] product =
        [
            ("warehouse_name", $"{Warehouses}[1 + w]"), ("region_name", $"{Regions}[1 + r]"), ("oblast_okrug_name", $"{Okrugs}[1 + r]"),
            ("supplier_article", e.Text("ART-", "p")), ("nm_id", "(100000000 + p)"), ("barcode", e.Text("204", "(100000000 + p)")),
            ("category", e.Text("Category ", "p % 8")), ("subject", e.Text("Subject ", "p % 40")), ("brand", e.Text("Brand ", "p % 60")), ("tech_size", $"{Sizes}[1 + p % 5]"),
            ("total_price", e.Money($"{price} * 100")), ("discount_percent", discount), ("spp", e.Money("s * 100")),
            ("finished_price", e.Money(e.Div($"{withDiscount} * (100 - s)", "100"))), ("price_with_disc", e.Money(withDiscount)),
        ];
        var orderDay = e.Div($"i * {Days}", N(orders));
        await InsertAsync(e, DatasetCatalog.WbOrders.Table, Picks(orders, orderDay),
        [
            ("account_id", $"'{wildberries}'"), ("srid", e.Text("o", "i")), ("day_local", Day("d")), ("ordered_at", At("d * 86400 + x % 86400")),
            ("last_change_at", At("d * 86400 + x % 86400 + CASE WHEN f < 8 THEN 18000 ELSE 600 END")), .. product,
            ("is_cancel", e.Flag("f < 8")), ("cancelled_at", $"CASE WHEN f < 8 THEN {At("d * 86400 + x % 86400 + 18000")} ELSE NULL END"), ("loaded_at", loaded),
        ]);

        var sign = "CASE WHEN f < 4 THEN -1 ELSE 1 END";
        await InsertAsync(e, DatasetCatalog.WbSales.Table, Picks(sales, e.Div($"i * {Days}", N(sales))),
        [
            ("account_id", $"'{wildberries}'"), ("sale_id", $"CASE WHEN f < 4 THEN {e.Text("R", "i")} ELSE {e.Text("S", "i")} END"), ("day_local", Day("d")),
            ("kind", "CASE WHEN f < 4 THEN 'return' ELSE 'sale' END"), ("srid", e.Text("o", e.Div($"i * {N(orders)}", N(sales)))),
            ("sold_at", At("d * 86400 + x % 86400")), ("last_change_at", At("d * 86400 + x % 86400 + 600")), .. product[..10],
            ("total_price", e.Money($"{price} * 100")), ("discount_percent", discount), ("spp", e.Money("s * 100")),
            ("payment_sale_amount", e.Money($"({sign}) * {e.Div($"{withDiscount} * (100 - s)", "100")}")), ("for_pay", e.Money($"({sign}) * {e.Div($"{withDiscount} * 3", "4")}")),
            ("finished_price", e.Money($"({sign}) * {e.Div($"{withDiscount} * (100 - s)", "100")}")), ("price_with_disc", e.Money($"({sign}) * {withDiscount}")), ("loaded_at", loaded),
        ]);

        if (postingLines <= 0)
        {
            return;
        }

        var fbo = postingLines * 7 / 10;
        foreach (var (table, scheme, lines) in new[] { (DatasetCatalog.OzonFbo.Table, "FBO", fbo), (DatasetCatalog.OzonFbs.Table, "FBS", postingLines - fbo) })
        {
            // Six lines make five postings (one with two SKUs); every value of a posting comes from its own hash.
            var postings = (lines * 5 / 6) + 1;
            var source = $"SELECT i, posting, x, {e.Div($"posting * {Days}", N(postings))} AS d, {e.Div("x", N(Skus))} % 100 AS f, {e.Div("x", "7")} % 8 AS w, {e.Div("x", "13")} % 20 AS r, " +
                $"20000000 + ((posting * 7919) % 1000) * 2 + i % 2 AS sku, 1 + {e.Div("x", "7")} % 2 AS qty " +
                $"FROM (SELECT i, posting, (posting * {Hash} + 777) % {Prime} AS x FROM (SELECT i, {e.Div("i * 5", "6")} AS posting FROM ({e.Numbers(lines)}) AS numbered) AS lined) AS hashed";
            var skuPrice = "(300 + (sku * 37) % 4701)";
            await InsertAsync(e, table, source,
            [
                ("account_id", $"'{ozon}'"), ("posting_number", e.Text(scheme + "-", "posting")), ("sku", "sku"), ("day_local", Day("d")), ("order_id", "(1000000 + posting)"),
                ("status", $"CASE WHEN f < 8 THEN 'cancelled' WHEN d >= {Days - 5} THEN 'delivering' ELSE 'delivered' END"),
                ("created_at", At("d * 86400 + x % 86400")), ("in_process_at", At("d * 86400 + x % 86400")), ("status_changed_at", At($"d * 86400 + x % 86400 + (2 + x % 4) * 86400")),
                ("offer_id", e.Text("OF-", "sku")), ("name", e.Text("Товар ", "sku")), ("quantity", "qty"), ("price", e.Money($"{skuPrice} * 100")), ("currency", "'RUB'"),
                ("commission_amount", e.Money($"{skuPrice} * qty * 20")), ("payout", e.Money($"{skuPrice} * qty * 80")),
                ("region", $"{Regions}[1 + r]"), ("city", $"{Regions}[1 + r]"), ("warehouse_name", $"{Warehouses}[1 + w]"), ("loaded_at", loaded),
            ]);
        }

        // Ozon's finance records each delivered line as an OperationAgentDeliveredToCustomer on the day it was delivered
        // (the Overview's Ozon sales), written from the posting lines just stored.
        foreach (var (table, offset) in new[] { (DatasetCatalog.OzonFbo.Table, 0L), (DatasetCatalog.OzonFbs.Table, 1_000_000_000L) })
        {
            await InsertAsync(e, DatasetCatalog.OzonFinance.Table, $"SELECT * FROM {table.Name} WHERE status = 'delivered'",
            [
                ("account_id", "account_id"), ("operation_id", $"({N(offset)} + order_id * 2 + sku % 2)"), ("day_local", e.MoscowDay("status_changed_at")), ("operation_at", "status_changed_at"),
                ("operation_type", "'OperationAgentDeliveredToCustomer'"), ("operation_type_name", "'Доставка покупателю'"), ("type", "'orders'"), ("posting_number", "posting_number"),
                ("sku", "sku"), ("accruals_for_sale", "price * quantity"), ("sale_commission", "-commission_amount"), ("delivery_charge", e.Money("0")),
                ("return_delivery_charge", e.Money("0")), ("services_total", e.Money("0")), ("amount", "payout"), ("loaded_at", "loaded_at"),
            ]);
        }

        var returns = postingLines * 3 / 100;
        await InsertAsync(e, DatasetCatalog.OzonReturns.Table, Picks(returns, e.Div($"i * {Days}", N(returns))),
        [
            ("account_id", $"'{ozon}'"), ("return_id", "i"), ("day_local", Day("d")), ("returned_at", At("d * 86400 + x % 86400")),
            ("posting_number", e.Text("FBO-", $"x % {N((fbo * 5 / 6) + 1)}")), ("order_id", "(1000000 + x)"), ("sku", "(20000000 + p)"), ("offer_id", e.Text("OF-", "(20000000 + p)")),
            ("name", e.Text("Товар ", "(20000000 + p)")), ("quantity", "1"), ("price", e.Money("(300 + ((20000000 + p) * 37) % 4701) * 100")), ("schema", "'FBO'"),
            ("return_type", "'ClientReturn'"), ("reason", "'Не подошёл размер'"), ("status", "'ReturnedToSeller'"), ("loaded_at", loaded),
        ]);
    }

    private static readonly TimeSpan MoscowOffset = MarketplaceValues.MoscowOffset;

    /// <summary><c>INSERT INTO table (every column) SELECT …</c>; refuses a column list that does not match the table the store made.</summary>
    private static async Task InsertAsync(RawEngine e, AnalyticsTable table, string source, (string Column, string Value)[] values)
    {
        var missing = table.Columns.Select(c => c.Name).Except(values.Select(v => v.Column)).ToList();
        var unknown = values.Select(v => v.Column).Except(table.Columns.Select(c => c.Name)).ToList();
        if (missing.Count > 0 || unknown.Count > 0)
        {
            throw new InvalidOperationException($"{table.Name}: the generator does not match the table (missing {string.Join(", ", missing)}; unknown {string.Join(", ", unknown)}).");
        }

        await e.ExecuteAsync($"INSERT INTO {table.Name} ({string.Join(", ", values.Select(v => v.Column))}) SELECT {string.Join(", ", values.Select(v => v.Value))} FROM ({source}) AS source");
    }
}
