using Custodian.Modules.Marketplace.Collection;
using Custodian.Modules.Marketplace.Accounts;
using Custodian.Modules.Marketplace.Collection.Ozon;
using Custodian.Modules.Marketplace.Collection.Wildberries;
using Custodian.Privacy.Abstractions.Analytics;
using static Custodian.Modules.Marketplace.Dashboards.AnalyticsRows;

namespace Custodian.Modules.Marketplace.Dashboards;

internal readonly record struct SkuKey(Guid AccountId, long Sku);

/// <summary>
/// One SKU of one account: what it sold in a period (the Overview's definitions), its stock and price in the latest
/// snapshots, and its reviews. Ratios are computed here with decimals, the same on every analytics engine.
/// </summary>
internal sealed record ProductFact(DashboardAccount Account, long Sku)
{
    public SkuKey Key => new(Account.Id, Sku);

    /// <summary>Wildberries supplier article (vendor code), Ozon offer_id.</summary>
    public string Article { get; init; } = string.Empty;

    public string Name { get; init; } = string.Empty;

    public string Brand { get; init; } = string.Empty;

    public long Orders { get; init; }

    public long Sales { get; init; }

    public long Returns { get; init; }

    public decimal Revenue { get; init; }

    /// <summary>Units in the latest stock snapshot (0 when the SKU is not in it); null when the account has no snapshot.</summary>
    public long? Stock { get; init; }

    public bool InSnapshot { get; init; }

    public long ToClients { get; init; }

    public long FromClients { get; init; }

    /// <summary>Ozon: units reserved for orders.</summary>
    public long Reserved { get; init; }

    public DateOnly? StockDay { get; init; }

    /// <summary>The price after the seller's own discount (Wildberries: the lowest over sizes).</summary>
    public decimal? Price { get; init; }

    public decimal? Discount { get; init; }

    public long Reviews { get; init; }

    public long RatingSum { get; init; }

    public long Unanswered { get; init; }

    public bool HasActivity => Orders != 0 || Sales != 0 || Returns != 0 || Revenue != 0m;

    /// <summary>Sales / (sales + returns) × 100, as on the Overview.</summary>
    public decimal? BuyoutPercent => Sales + Returns == 0 ? null : Math.Round(100m * Sales / (Sales + Returns), 2);

    /// <summary>Returns / sales × 100.</summary>
    public decimal? ReturnsRate => Sales == 0 ? null : Math.Round(100m * Returns / Sales, 2);

    public decimal? Rating => Reviews == 0 ? null : Math.Round((decimal)RatingSum / Reviews, 2);

    public decimal DailySales(int days) => Math.Round((decimal)Sales / days, 2);

    /// <summary>Whole days the stock lasts at the period's average daily sales: stock × days ÷ sales, rounded down; null without sales or snapshot.</summary>
    public long? DaysOfStock(int days) => Sales <= 0 || Stock is not { } stock ? null : Math.Max(0, stock) * days / Sales;

    public DateOnly? OutOfStock(int days, DateOnly today) =>
        DaysOfStock(days) is { } left && left <= DateOnly.MaxValue.DayNumber - today.DayNumber ? today.AddDays((int)left) : null;
}

/// <summary>How old an account's latest stock and price snapshots are.</summary>
internal sealed record SnapshotAge(DashboardAccount Account, DateOnly? Stocks, DateOnly? Prices)
{
    /// <summary>Older than two days: the page labels it with its date.</summary>
    public static bool IsStale(DateOnly? day, DateOnly today) => day is { } d && today.DayNumber - d.DayNumber > 2;
}

internal sealed record ProductFactSet(IReadOnlyList<ProductFact> Facts, IReadOnlyList<SnapshotAge> Snapshots, IReadOnlyDictionary<string, DateOnly> StockDays, IReadOnlySet<long>? MatchingWildberries);

/// <summary>A place stock is kept: a Wildberries warehouse or region, or an Ozon stock type (fbs, rfbs as Ozon names them).</summary>
internal sealed record StockPlace(MarketplaceKind Marketplace, string Place, long Stock, long ToClients, long FromClients, long Reserved);

/// <summary>
/// The per-SKU facts behind the Products and Stocks pages. Orders, sales, returns and revenue are the Overview's
/// <see cref="DailyTotals"/> added up by SKU instead of day (so a page's SKUs add up to the Overview of the same filter;
/// an Ozon posting with several SKUs is an order of each). Stock, price and discount come from each account's
/// latest snapshot day; names from Wildberries cards and Ozon's product list; ratings from every collected review.
/// </summary>
internal sealed class ProductFacts(AnalyticsRows store)
{
    public async Task<ProductFactSet> LoadAsync(IReadOnlyList<DashboardAccount> accounts, DashboardFilter filter, CancellationToken cancellationToken)
    {
        var byTenant = accounts.ToDictionary(a => a.Tenant, StringComparer.Ordinal);
        var facts = new Dictionary<SkuKey, ProductFact>();
        ProductFact Get(object? tenant, long sku) =>
            facts.TryGetValue(new SkuKey(byTenant[Text(tenant)].Id, sku), out var fact) ? fact : new ProductFact(byTenant[Text(tenant)], sku);
        void Put(ProductFact fact) => facts[fact.Key] = fact;
        bool Known(object? tenant, long sku, out ProductFact fact) => facts.TryGetValue(new SkuKey(byTenant[Text(tenant)].Id, sku), out fact!);

        var wildberries = OverviewQuery.Tenants(accounts, MarketplaceKind.Wildberries);
        var ozon = filter.ByProductAttributes ? [] : OverviewQuery.Tenants(accounts, MarketplaceKind.Ozon);

        // What sold in the period, from the daily totals per SKU.
        // Names come only from totals something still adds to: a total left at zero (its facts moved to another brand) keeps its old one.
        var sold = new Sql($"SELECT account_id, sku, sum(orders) AS t_orders, sum(sales) AS t_sales, sum(returns) AS t_returns, sum(revenue) AS t_revenue, ")
            .Append($"max(CASE WHEN orders <> 0 OR sales <> 0 OR returns <> 0 OR revenue <> 0 THEN article END) AS t_article, ")
            .Append($"max(CASE WHEN orders <> 0 OR sales <> 0 OR returns <> 0 OR revenue <> 0 THEN brand END) AS t_brand, ")
            .Append($"max(CASE WHEN orders <> 0 OR sales <> 0 OR returns <> 0 OR revenue <> 0 THEN name END) AS t_name FROM {DailyTotals.Table} WHERE")
            .Tenants([.. wildberries, .. ozon]).Append($" AND").In(new AnalyticsColumn("source", AnalyticsType.String), DailyTotals.ForSkus(filter))
            .Days("day_local", filter).Products(filter, "sku").Append($" GROUP BY account_id, sku");
        foreach (var row in await store.QueryAsync(sold, cancellationToken))
        {
            var f = Get(row[0], Long(row[1]));
            Put(f with { Orders = Long(row[2]), Sales = Long(row[3]), Returns = Long(row[4]), Revenue = Decimal(row[5]), Article = Text(row[6]), Brand = Text(row[7]), Name = Text(row[8]) });
        }

        // Stock now: each account's latest snapshot.
        var wildberriesStockDays = wildberries.Count == 0 ? [] : await LatestAsync(WildberriesStocksAndPrices.Stocks, wildberries, cancellationToken);
        var ozonStockDays = ozon.Count == 0 ? [] : await LatestAsync(OzonSnapshot.Stocks, ozon, cancellationToken);
        var stockDays = wildberriesStockDays.Concat(ozonStockDays).ToDictionary(d => d.Key, d => d.Value, StringComparer.Ordinal);
        var ozonProductSkus = new Dictionary<(string Tenant, long ProductId), long>();
        if (wildberriesStockDays.Count > 0)
        {
            var sql = new Sql($"SELECT account_id, nm_id, sum(quantity) AS stock, sum(in_way_to_client) AS to_clients, sum(in_way_from_client) AS from_clients FROM {WildberriesStocksAndPrices.Stocks} WHERE")
                .Latest(wildberriesStockDays).Products(filter, "nm_id", hasBrandAndCategory: false).Append($" GROUP BY account_id, nm_id");
            foreach (var row in await store.QueryAsync(sql, cancellationToken))
            {
                var f = Get(row[0], Long(row[1]));
                Put(f with { Stock = Long(row[2]), ToClients = Long(row[3]), FromClients = Long(row[4]), InSnapshot = true, StockDay = wildberriesStockDays[Text(row[0])] });
            }
        }

        if (ozonStockDays.Count > 0)
        {
            var sql = new Sql($"SELECT account_id, sku, product_id, sum(present) AS stock, sum(reserved) AS reserved, max(offer_id) AS offer_id FROM {OzonSnapshot.Stocks} WHERE")
                .Latest(ozonStockDays).Append($" AND sku <> 0").Products(filter, "sku", hasBrandAndCategory: false).Append($" GROUP BY account_id, sku, product_id");
            foreach (var row in await store.QueryAsync(sql, cancellationToken))
            {
                var f = Get(row[0], Long(row[1]));
                Put(f with { Stock = (f.InSnapshot ? f.Stock : 0) + Long(row[3]), Reserved = f.Reserved + Long(row[4]), InSnapshot = true, StockDay = ozonStockDays[Text(row[0])], Article = Either(f.Article, row[5]) });
                ozonProductSkus[(Text(row[0]), Long(row[2]))] = Long(row[1]);
            }
        }

        // A SKU missing from its account's latest snapshot has an unknown stock, not zero: the snapshot may still be coming
        // in page by page (a run that stopped midway), and Wildberries' report covers only its own warehouses, not the
        // seller's (FBS), so a zero there would raise false "out of stock" alerts.

        // Brand and category narrow SKUs that only have stock by what their cards and orders say.
        HashSet<long>? matching = null;
        if (filter.ByProductAttributes)
        {
            matching = await MatchingAsync(wildberries, filter, cancellationToken);
            foreach (var fact in facts.Values.Where(f => !f.HasActivity && !matching.Contains(f.Sku)).ToList())
            {
                facts.Remove(fact.Key);
            }
        }

        // Names, prices and reviews of the SKUs found.
        var priceDaysByTenant = new Dictionary<string, DateOnly>(StringComparer.Ordinal);
        if (wildberries.Count > 0)
        {
            var cards = new Sql($"SELECT account_id, nm_id, max(vendor_code) AS article, max(title) AS title, max(brand) AS brand_seen FROM {WildberriesCards.Cards} WHERE")
                .Tenants(wildberries).Products(filter, "nm_id", hasBrandAndCategory: false).Append($" GROUP BY account_id, nm_id");
            foreach (var row in await store.QueryAsync(cards, cancellationToken))
            {
                if (Known(row[0], Long(row[1]), out var f))
                {
                    Put(f with { Article = Either(Text(row[2]), f.Article), Name = Either(Text(row[3]), f.Name), Brand = Either(Text(row[4]), f.Brand) });
                }
            }

            var priceDays = await LatestAsync(WildberriesStocksAndPrices.Prices, wildberries, cancellationToken);
            foreach (var (tenant, day) in priceDays)
            {
                priceDaysByTenant[tenant] = day;
            }

            if (priceDays.Count > 0)
            {
                var prices = new Sql($"SELECT account_id, nm_id, min(discounted_price) AS price, max(discount_percent) AS discount FROM {WildberriesStocksAndPrices.Prices} WHERE")
                    .Latest(priceDays).Products(filter, "nm_id", hasBrandAndCategory: false).Append($" GROUP BY account_id, nm_id");
                foreach (var row in await store.QueryAsync(prices, cancellationToken))
                {
                    if (Known(row[0], Long(row[1]), out var f))
                    {
                        Put(f with { Price = Decimal(row[2]), Discount = Decimal(row[3]) });
                    }
                }
            }

            var reviews = new Sql($"SELECT account_id, nm_id, count(*) AS reviews, sum(rating) AS ratings, sum(CASE WHEN is_answered THEN 0 ELSE 1 END) AS unanswered FROM {WildberriesFeedbacks.Facts} WHERE")
                .Tenants(wildberries).Products(filter, "nm_id", hasBrandAndCategory: false).Append($" GROUP BY account_id, nm_id");
            foreach (var row in await store.QueryAsync(reviews, cancellationToken))
            {
                if (Known(row[0], Long(row[1]), out var f))
                {
                    Put(f with { Reviews = Long(row[2]), RatingSum = Long(row[3]), Unanswered = Long(row[4]) });
                }
            }
        }

        if (ozon.Count > 0)
        {
            var products = new Sql($"SELECT account_id, product_id, sku, offer_id, name FROM {OzonProducts.Products} WHERE").Tenants(ozon).Append($" AND sku <> 0")
                .Products(filter, "sku", hasBrandAndCategory: false);
            foreach (var row in await store.QueryAsync(products, cancellationToken))
            {
                ozonProductSkus[(Text(row[0]), Long(row[1]))] = Long(row[2]);
                if (Known(row[0], Long(row[2]), out var f))
                {
                    Put(f with { Article = Either(Text(row[3]), f.Article), Name = Either(Text(row[4]), f.Name) });
                }
            }

            var priceDays = await LatestAsync(OzonSnapshot.Prices, ozon, cancellationToken);
            foreach (var (tenant, day) in priceDays)
            {
                priceDaysByTenant[tenant] = day;
            }

            if (priceDays.Count > 0)
            {
                var prices = new Sql($"SELECT account_id, product_id, price, old_price FROM {OzonSnapshot.Prices} WHERE").Latest(priceDays);
                foreach (var row in await store.QueryAsync(prices, cancellationToken))
                {
                    if (ozonProductSkus.TryGetValue((Text(row[0]), Long(row[1])), out var sku) && Known(row[0], sku, out var f))
                    {
                        var (price, old) = (Decimal(row[2]), Decimal(row[3]));
                        var discount = old > price && old > 0m ? Math.Round((old - price) / old * 100m, 2) : 0m;
                        Put(f.Price is { } known && known <= price ? f : f with { Price = price, Discount = discount });
                    }
                }
            }

            var reviews = new Sql($"SELECT account_id, sku, count(*) AS reviews, sum(rating) AS ratings, sum(CASE WHEN status = 'UNPROCESSED' THEN 1 ELSE 0 END) AS unanswered FROM {OzonReviews.Facts} WHERE")
                .Tenants(ozon).Products(filter, "sku", hasBrandAndCategory: false).Append($" GROUP BY account_id, sku");
            foreach (var row in await store.QueryAsync(reviews, cancellationToken))
            {
                if (Known(row[0], Long(row[1]), out var f))
                {
                    Put(f with { Reviews = Long(row[2]), RatingSum = Long(row[3]), Unanswered = Long(row[4]) });
                }
            }
        }

        var snapshots = new List<SnapshotAge>();
        foreach (var account in accounts.Where(a => wildberries.Contains(a.Tenant) || ozon.Contains(a.Tenant)))
        {
            snapshots.Add(new SnapshotAge(account, stockDays.TryGetValue(account.Tenant, out var s) ? s : null, priceDaysByTenant.TryGetValue(account.Tenant, out var p) ? p : null));
        }

        return new ProductFactSet([.. facts.Values.OrderBy(f => f.Account.Marketplace).ThenBy(f => f.Account.Tenant, StringComparer.Ordinal).ThenBy(f => f.Sku)], snapshots, stockDays, matching);
    }

    /// <summary>The latest snapshot's stock by warehouse (Wildberries warehouses, Ozon stock types) and by Wildberries region.</summary>
    public async Task<(IReadOnlyList<StockPlace> Warehouses, IReadOnlyList<StockPlace> Regions)> PlacesAsync(IReadOnlyList<DashboardAccount> accounts, DashboardFilter filter, ProductFactSet set, CancellationToken cancellationToken)
    {
        var wildberries = accounts.Where(a => a.Marketplace == MarketplaceKind.Wildberries && set.StockDays.ContainsKey(a.Tenant)).ToDictionary(a => a.Tenant, a => set.StockDays[a.Tenant], StringComparer.Ordinal);
        var ozon = filter.ByProductAttributes ? [] : accounts.Where(a => a.Marketplace == MarketplaceKind.Ozon && set.StockDays.ContainsKey(a.Tenant)).ToDictionary(a => a.Tenant, a => set.StockDays[a.Tenant], StringComparer.Ordinal);
        var warehouses = new List<StockPlace>();
        var regions = new List<StockPlace>();
        if (wildberries.Count > 0)
        {
            foreach (var (column, into) in new[] { ("warehouse_name", warehouses), ("region_name", regions) })
            {
                var place = new AnalyticsColumn(column, AnalyticsType.String);
                var sql = new Sql($"SELECT {place} AS place, sum(quantity) AS stock, sum(in_way_to_client) AS to_clients, sum(in_way_from_client) AS from_clients FROM {WildberriesStocksAndPrices.Stocks} WHERE")
                    .Latest(wildberries).Products(filter, "nm_id", hasBrandAndCategory: false);
                if (set.MatchingWildberries is { } matching)
                {
                    sql.AndIn("nm_id", [.. matching]);
                }

                foreach (var row in await store.QueryAsync(sql.Append($" GROUP BY {place}"), cancellationToken))
                {
                    into.Add(new StockPlace(MarketplaceKind.Wildberries, Text(row[0]), Long(row[1]), Long(row[2]), Long(row[3]), 0));
                }
            }
        }

        if (ozon.Count > 0)
        {
            var sql = new Sql($"SELECT stock_type, sum(present) AS stock, sum(reserved) AS reserved FROM {OzonSnapshot.Stocks} WHERE")
                .Latest(ozon).Append($" AND sku <> 0").Products(filter, "sku", hasBrandAndCategory: false).Append($" GROUP BY stock_type");
            foreach (var row in await store.QueryAsync(sql, cancellationToken))
            {
                warehouses.Add(new StockPlace(MarketplaceKind.Ozon, Text(row[0]), Long(row[1]), 0, 0, Long(row[2])));
            }
        }

        static List<StockPlace> Ordered(List<StockPlace> places) =>
            [.. places.OrderByDescending(p => p.Stock).ThenBy(p => p.Marketplace).ThenBy(p => p.Place, StringComparer.Ordinal)];
        return (Ordered(warehouses), Ordered(regions));
    }

    /// <summary>Wildberries nmIDs whose card or any order names the filter's brand and category (cards carry a subject, not a category).</summary>
    private async Task<HashSet<long>> MatchingAsync(IReadOnlyList<string> wildberries, DashboardFilter filter, CancellationToken cancellationToken)
    {
        var matching = new HashSet<long>();
        if (wildberries.Count == 0)
        {
            return matching;
        }

        var cards = new Sql($"SELECT nm_id FROM {WildberriesCards.Cards} WHERE").Tenants(wildberries).Products(filter, "nm_id", hasBrandAndCategory: false);
        if (filter.Brand is { } brand)
        {
            cards.Append($" AND brand = {brand}");
        }

        if (filter.Category is { } category)
        {
            cards.Append($" AND subject = {category}");
        }

        var orders = new Sql($"SELECT nm_id FROM {WildberriesTables.Orders} WHERE").Tenants(wildberries).Products(filter, "nm_id");
        foreach (var (table, sql) in new[] { (WildberriesCards.Cards, cards), (WildberriesTables.Orders, orders) })
        {
            foreach (var row in await store.QueryAsync(sql.Append($" GROUP BY nm_id"), cancellationToken))
            {
                matching.Add(Long(row[0]));
            }
        }

        return matching;
    }

    private async Task<Dictionary<string, DateOnly>> LatestAsync(AnalyticsTable table, IReadOnlyList<string> tenants, CancellationToken cancellationToken)
    {
        var sql = new Sql($"SELECT account_id, max(day_local) AS day FROM {table} WHERE").Tenants(tenants).Append($" GROUP BY account_id");
        return (await store.QueryAsync(sql, cancellationToken)).Where(r => r[1] is not null).ToDictionary(r => Text(r[0]), r => Day(r[1]), StringComparer.Ordinal);
    }

    private static string Either(string first, object? second) => first.Length > 0 ? first : Text(second);

}
