using Custodian.Modules.Marketplace.Dashboards;
using Custodian.Simulators.Ozon;
using Custodian.Simulators.Wildberries;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Marketplace.Tests;

/// <summary>The Products page's numbers per SKU, from both stand-ins collected over HTTP, against the stand-ins' own data.</summary>
public sealed class ProductsDashboardTests
{
    private static readonly WildberriesSimulatorOptions WildberriesFast = new() { RequestsPerWindow = 10_000, Products = 12, Days = 60 };
    private static readonly OzonSimulatorOptions OzonFast = new() { RequestsPerSecond = 10_000, AnalyticsPerMinute = 10_000, Products = 10, Days = 60 };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(AnalyticsEngineUnderTest.DuckDb)]
    [InlineData(AnalyticsEngineUnderTest.ClickHouse)]
    public async Task Every_sku_has_the_stand_ins_numbers_and_the_rows_add_up_to_the_overview(AnalyticsEngineUnderTest engine)
    {
        await using var world = await MarketplaceWorld.StartAsync(engine, WildberriesFast, OzonFast);
        var (accounts, filter) = await CollectedAsync(world, 81, 82);

        var (dashboard, tables) = await ProductsAsync(world, accounts, filter, ProductsView.Default);
        var overview = await world.InScopeAsync(sp => sp.GetRequiredService<OverviewQuery>().RunAsync(accounts, filter, Ct));

        var expected = ExpectedWildberries(world, 81, filter).Concat(ExpectedOzon(world, 82, filter)).ToDictionary(e => e.Sku);
        var rows = dashboard.All.ToDictionary(f => f.Sku);
        Assert.Equal(expected.Keys.Order(), rows.Keys.Order());
        foreach (var (sku, want) in expected)
        {
            var got = rows[sku];
            Assert.Equal(want, new Expected(got.Sku, got.Article, got.Name, got.Orders, got.Sales, got.Returns, got.Revenue, got.Stock, got.Price, got.Discount, got.Rating, got.Unanswered));
        }

        Assert.Equal(overview.Totals.Orders, dashboard.All.Sum(f => f.Orders));
        Assert.Equal(overview.Totals.Sales, dashboard.All.Sum(f => f.Sales));
        Assert.Equal(overview.Totals.Returns, dashboard.All.Sum(f => f.Returns));
        Assert.Equal(overview.Totals.Revenue, dashboard.All.Sum(f => f.Revenue));
        Assert.True(dashboard.All.Count(f => f.Sales > 0) > 10, "both stand-ins sold in the period");

        var table = tables.Single(t => t.Id == "products");
        Assert.Equal(dashboard.All.Count, table.Rows.Count);
        Assert.Equal([.. dashboard.All.OrderByDescending(f => f.Revenue).ThenBy(f => f.Account.Marketplace).ThenBy(f => f.Account.Tenant, StringComparer.Ordinal).ThenBy(f => f.Sku).Select(f => f.Sku.ToString(System.Globalization.CultureInfo.InvariantCulture))],
            table.Rows.Select(r => (string)r[2]!));
        var top = tables.Single(t => t.Id == "top-revenue");
        Assert.Equal(10, top.Rows.Count);
        Assert.Equal(dashboard.All.Max(f => f.Revenue), top.Rows[0][1]);
        Assert.True(top.Chart is { Kind: "bar", Horizontal: true });
    }

    [Fact]
    public async Task Days_of_stock_and_the_day_stock_runs_out_follow_the_average_daily_sales_of_the_period()
    {
        await using var world = await MarketplaceWorld.StartAsync(AnalyticsEngineUnderTest.DuckDb, WildberriesFast, OzonFast);
        var (accounts, filter) = await CollectedAsync(world, 83, 84);

        var (dashboard, tables) = await ProductsAsync(world, accounts, filter, ProductsView.Default);

        var columns = tables.Single(t => t.Id == "products").Columns.Select(c => c.Title).ToList();
        foreach (var (fact, row) in dashboard.Matching.Zip(tables.Single(t => t.Id == "products").Rows))
        {
            var daily = Math.Round((decimal)fact.Sales / filter.Days, 2);
            Assert.Equal(daily, row[ProductsDashboard.Keys.ToList().IndexOf("daily-sales")]);
            if (fact.Sales == 0)
            {
                Assert.Null(row[ProductsDashboard.Keys.ToList().IndexOf("days-of-stock")]);
                Assert.Null(row[ProductsDashboard.Keys.ToList().IndexOf("out-of-stock")]);
                continue;
            }

            var days = (long)Math.Floor((decimal)fact.Stock!.Value * filter.Days / fact.Sales); // stock ÷ (sales ÷ days), exactly
            Assert.Equal(days, row[ProductsDashboard.Keys.ToList().IndexOf("days-of-stock")]);
            Assert.Equal(dashboard.Today.AddDays((int)days), row[ProductsDashboard.Keys.ToList().IndexOf("out-of-stock")]);
        }

        Assert.Equal(ProductsDashboard.Keys.Count, columns.Count);
    }

    [Fact]
    public async Task The_search_sorting_and_pages_shape_the_table_and_export_writes_every_matching_row()
    {
        await using var world = await MarketplaceWorld.StartAsync(AnalyticsEngineUnderTest.DuckDb, WildberriesFast with { Products = 60 }, OzonFast);
        var (accounts, filter) = await CollectedAsync(world, 85, 86);

        var (all, _) = await ProductsAsync(world, accounts, filter, ProductsView.Default);
        var (searched, searchTables) = await ProductsAsync(world, accounts, filter, new ProductsView("sku", false, "art-85-00", 1));
        var (byName, _) = await ProductsAsync(world, accounts, filter, new ProductsView("name", false, "ФУТБОЛКА", 1));
        var (byStock, stockTables) = await ProductsAsync(world, accounts, filter, new ProductsView("stock", true, null, 2));

        Assert.True(all.All.Count > ProductsView.PageSize, "more than a page of SKUs");
        Assert.Equal([.. all.All.Where(f => f.Article.StartsWith("ART-85-00", StringComparison.Ordinal)).Select(f => f.Sku).Order()], searched.Matching.Select(f => f.Sku));
        Assert.Equal(searched.Matching.Count, searchTables.Single(t => t.Id == "products").Rows.Count);
        Assert.NotEmpty(byName.Matching);
        Assert.All(byName.Matching, f => Assert.Contains("футболка", f.Name, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(all.All.Count, stockTables.Single(t => t.Id == "products").Rows.Count); // export writes every row, not the page
        Assert.Equal(2, byStock.Page);
        Assert.Equal((all.All.Count + ProductsView.PageSize - 1) / ProductsView.PageSize, byStock.PageCount);
        var stocks = byStock.Matching.Select(f => f.Stock).ToList();
        Assert.Equal(stocks.OrderByDescending(s => s), stocks);
    }

    [Fact]
    public async Task An_unknown_sku_or_a_brand_no_product_has_leaves_the_table_empty()
    {
        await using var world = await MarketplaceWorld.StartAsync(AnalyticsEngineUnderTest.DuckDb, WildberriesFast, OzonFast);
        var (accounts, filter) = await CollectedAsync(world, 87, 88);

        var (unknown, _) = await ProductsAsync(world, accounts, filter with { Sku = 999_999_999_999 }, ProductsView.Default);
        var (brand, _) = await ProductsAsync(world, accounts, filter with { Brand = "Нет такого бренда" }, ProductsView.Default);
        var (own, _) = await ProductsAsync(world, accounts, filter with { Brand = world.Simulator.Seller(87).Products[0].Brand }, ProductsView.Default);

        Assert.Empty(unknown.All);
        Assert.Empty(brand.All);
        Assert.Equal(ExpectedWildberries(world, 87, filter).Select(e => e.Sku).Order(), own.All.Select(f => f.Sku).Order()); // every Wildberries SKU of the brand; Ozon carries no brand
    }

    [Fact]
    public void The_view_in_the_url_falls_back_to_revenue_largest_first_page_one_for_values_it_does_not_know()
    {
        var bad = ProductsView.Parse(name => name switch { "sort" => "password", "dir" => "sideways", "page" => "-3", "q" => "   ", _ => null });
        var good = ProductsView.Parse(name => name switch { "sort" => "days-of-stock", "dir" => "asc", "page" => "4", "q" => " ART-1 ", _ => null });

        Assert.Equal(ProductsView.Default, bad);
        Assert.Equal(new ProductsView("days-of-stock", false, "ART-1", 4), good);
    }

    private sealed record Expected(long Sku, string Article, string Name, long Orders, long Sales, long Returns, decimal Revenue, long? Stock, decimal? Price, decimal? Discount, decimal? Rating, long Unanswered);

    private static IEnumerable<Expected> ExpectedWildberries(MarketplaceWorld world, int seed, DashboardFilter filter)
    {
        var seller = world.Simulator.Seller(seed);
        var now = world.Simulator.NowMoscow;
        bool In(DateTime moscow) => DateOnly.FromDateTime(moscow) >= filter.From && DateOnly.FromDateTime(moscow) <= filter.To;
        var orders = seller.OrdersAt(now).Where(o => In(o.OrderedAt)).ToLookup(o => o.Product.NmId);
        var sales = seller.SalesAt(now).Where(s => In(s.SoldAt)).ToLookup(s => s.Product.NmId);
        var stocks = seller.StocksAt(now).ToLookup(s => s.Product.NmId);
        var reviews = seller.FeedbacksAt(now).ToLookup(f => f.Product.NmId);
        foreach (var product in seller.Products)
        {
            var sold = sales[product.NmId].Where(s => s.SaleId[0] == 'S').ToList();
            var returned = sales[product.NmId].Where(s => s.SaleId[0] == 'R').ToList();
            var stock = stocks[product.NmId].Sum(s => (long)s.Quantity);
            if (orders[product.NmId].Any() || sold.Count > 0 || returned.Count > 0 || stock > 0)
            {
                var (price, discount) = WildberriesSellerData.PriceOf(product);
                var rated = reviews[product.NmId].ToList();
                yield return new Expected(product.NmId, product.Article, product.Subject + " " + product.Article, orders[product.NmId].Count(), sold.Count, returned.Count,
                    sold.Sum(s => Math.Abs(s.PriceWithDisc)) - returned.Sum(s => Math.Abs(s.PriceWithDisc)), stock, Math.Round(price * (100 - discount) / 100m, 2), discount,
                    rated.Count == 0 ? null : Math.Round((decimal)rated.Sum(r => r.Rating) / rated.Count, 2), rated.Count(r => r.Answer is null));
            }
        }
    }

    private static IEnumerable<Expected> ExpectedOzon(MarketplaceWorld world, int seed, DashboardFilter filter)
    {
        var seller = world.Ozon.Seller(seed);
        var now = world.Ozon.NowUtc;
        bool In(DateTime utc) => DateOnly.FromDateTime(utc.AddHours(3)) >= filter.From && DateOnly.FromDateTime(utc.AddHours(3)) <= filter.To;
        var postings = seller.PostingsAt(now).ToList();
        var returns = seller.ReturnsAt(now).Where(r => In(r.ReturnedAt)).ToLookup(r => r.Posting.Product.Sku);
        var deliveries = seller.TransactionsAt(now).Where(t => t.Type == "orders" && In(t.At)).ToLookup(t => t.Sku);
        var reviews = seller.ReviewsAt(now).ToLookup(r => r.Product.Sku);
        foreach (var product in seller.Products)
        {
            var ordered = postings.Where(p => p.Product.Sku == product.Sku && In(p.InProcessAt)).Select(p => p.PostingNumber).Distinct().Count();
            // A sale is a delivery as Ozon's finance records it, on the day it records it (as on the Overview).
            var delivered = deliveries[product.Sku].ToList();
            var back = returns[product.Sku].ToList();
            var (fbo, _, fbs, _) = seller.StockOf(product, now);
            if (ordered > 0 || delivered.Count > 0 || back.Count > 0 || fbo + fbs > 0)
            {
                var rated = reviews[product.Sku].ToList();
                yield return new Expected(product.Sku, product.OfferId, product.Name, ordered, delivered.Count, back.Sum(r => (long)r.Posting.Quantity),
                    delivered.Sum(t => t.AccrualsForSale) - back.Sum(r => r.Posting.Price * r.Posting.Quantity), fbo + fbs, product.Price,
                    Math.Round((product.OldPrice - product.Price) / product.OldPrice * 100m, 2),
                    rated.Count == 0 ? null : Math.Round((decimal)rated.Sum(r => r.Rating) / rated.Count, 2), rated.Count(r => r.Status == "UNPROCESSED"));
            }
        }
    }

    /// <summary>A Wildberries and an Ozon seller, every dataset collected; the accounts as a dashboard sees them and the last 30 days.</summary>
    internal static async Task<(IReadOnlyList<DashboardAccount> Accounts, DashboardFilter Filter)> CollectedAsync(MarketplaceWorld world, int wildberriesSeed, int ozonSeed)
    {
        var ids = new[] { await world.ConnectSellerAsync(wildberriesSeed), await world.ConnectOzonSellerAsync(ozonSeed) };
        foreach (var id in ids)
        {
            Assert.All(await world.SyncAsync(id), o => Assert.Null(o.Problem));
        }

        var accounts = new List<DashboardAccount>();
        foreach (var id in ids)
        {
            accounts.Add(await world.InScopeAsync(sp => sp.GetRequiredService<DashboardScope>().OperatorViewAsync(id, Ct)));
        }

        var today = DateOnly.FromDateTime(world.Clock.GetUtcNow().UtcDateTime.AddHours(3));
        return (accounts, DashboardFilter.Parse(name => name == "period" ? "30d" : null, today));
    }

    private static Task<(ProductsDashboard Dashboard, IReadOnlyList<DashboardTable> Tables)> ProductsAsync(MarketplaceWorld world, IReadOnlyList<DashboardAccount> accounts, DashboardFilter filter, ProductsView view) =>
        world.InScopeAsync(async sp =>
        {
            var dashboard = sp.GetRequiredService<ProductsDashboard>();
            dashboard.View = view;
            return (dashboard, await dashboard.TablesAsync(accounts, filter, Ct));
        });
}
