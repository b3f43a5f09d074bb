using Custodian.Modules.Marketplace.Dashboards;
using Custodian.Modules.Marketplace.Sellers;
using Custodian.Modules.Marketplace.Teams;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Abstractions.Requests;
using Custodian.Simulators.Ozon;
using Custodian.Simulators.Wildberries;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Marketplace.Tests;

/// <summary>The Stocks page: the latest snapshot by warehouse, region and SKU, the alerts, and the sellers' thresholds.</summary>
public sealed class StocksDashboardTests
{
    private static readonly WildberriesSimulatorOptions WildberriesFast = new() { RequestsPerWindow = 10_000, Products = 12, Days = 60 };
    private static readonly OzonSimulatorOptions OzonFast = new() { RequestsPerSecond = 10_000, AnalyticsPerMinute = 10_000, Products = 10, Days = 60 };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(AnalyticsEngineUnderTest.DuckDb)]
    [InlineData(AnalyticsEngineUnderTest.ClickHouse)]
    public async Task Stock_by_warehouse_region_and_sku_is_the_stand_ins_stock_now_and_alerts_follow_the_seven_day_rule(AnalyticsEngineUnderTest engine)
    {
        await using var world = await MarketplaceWorld.StartAsync(engine, WildberriesFast, OzonFast);
        var (accounts, filter) = await ProductsDashboardTests.CollectedAsync(world, 91, 92);
        var wildberries = world.Simulator.Seller(91);
        var ozon = world.Ozon.Seller(92);
        var stocks = wildberries.StocksAt(world.Simulator.NowMoscow).ToList();
        var ozonStocks = ozon.Products.Select(p => (Product: p, Stock: ozon.StockOf(p, world.Ozon.NowUtc))).ToList();

        var (dashboard, tables) = await StocksAsync(world, accounts, filter);

        Assert.Equal(
            ((string[])[.. stocks.GroupBy(s => s.Warehouse).Select(g => Place(g.Key, "Wildberries", g.Sum(s => s.Quantity), g.Sum(s => s.InWayToClient), g.Sum(s => s.InWayFromClient), 0)),
             Place("fbs", "Ozon", ozonStocks.Sum(s => s.Stock.Fbs), 0, 0, ozonStocks.Sum(s => s.Stock.FbsReserved)),
             Place("rfbs", "Ozon", ozonStocks.Sum(s => s.Stock.Fbo), 0, 0, ozonStocks.Sum(s => s.Stock.FboReserved))])
            .Order(StringComparer.Ordinal),
            tables.Single(t => t.Id == "warehouses").Rows.Select(r => Place((string)r[0]!, (string)r[1]!, (long)r[2]!, (long)r[3]!, (long)r[4]!, (long)r[5]!)).OrderBy(p => p, StringComparer.Ordinal));
        Assert.Equal(
            stocks.GroupBy(s => s.Region).Select(g => Place(g.Key, "", g.Sum(s => s.Quantity), g.Sum(s => s.InWayToClient), g.Sum(s => s.InWayFromClient), 0)).Order(StringComparer.Ordinal),
            tables.Single(t => t.Id == "regions").Rows.Select(r => Place((string)r[0]!, "", (long)r[1]!, (long)r[2]!, (long)r[3]!, 0)).OrderBy(p => p, StringComparer.Ordinal));

        var today = dashboard.Today;
        var sold = wildberries.SalesAt(world.Simulator.NowMoscow).Where(s => s.SaleId[0] == 'S' && DateOnly.FromDateTime(s.SoldAt) >= today.AddDays(-30) && DateOnly.FromDateTime(s.SoldAt) < today)
            .GroupBy(s => s.Product.NmId).ToDictionary(g => g.Key, g => (long)g.Count());
        var skus = tables.Single(t => t.Id == "skus").Rows.ToDictionary(r => long.Parse((string)r[2]!, System.Globalization.CultureInfo.InvariantCulture));
        foreach (var product in wildberries.Products)
        {
            var stock = stocks.Where(s => s.Product.NmId == product.NmId).Sum(s => (long)s.Quantity);
            var sales = sold.GetValueOrDefault(product.NmId);
            long? left = sales == 0 ? null : stock * 30 / sales;
            Assert.Equal([stock, Math.Round(sales / 30m, 2), left], new[] { skus[product.NmId][5], skus[product.NmId][9], skus[product.NmId][10] });
            Assert.Equal(left < 7, dashboard.Alerts.Any(a => a.Fact.Sku == product.NmId));
        }

        foreach (var (product, stock) in ozonStocks)
        {
            Assert.Equal([(long)(stock.Fbo + stock.Fbs), (long)(stock.FboReserved + stock.FbsReserved)], new[] { skus[product.Sku][5], skus[product.Sku][8] });
        }
    }

    [Fact]
    public async Task A_sku_at_or_below_its_threshold_alerts_and_one_above_does_not_whatever_its_pace()
    {
        await using var world = await MarketplaceWorld.StartAsync(AnalyticsEngineUnderTest.DuckDb, WildberriesFast, OzonFast);
        var (accounts, filter) = await ProductsDashboardTests.CollectedAsync(world, 93, 94);
        var (before, _) = await StocksAsync(world, accounts, filter);
        var stocked = before.Skus.Where(f => f.Account.Id == accounts[0].Id && f.Stock > 0 && !before.Alerts.Any(a => a.Fact.Key == f.Key)).Take(2).ToList();
        var seller = await SellerOfAsync(world, accounts[0].Id);
        var (at, above) = (stocked[0], stocked[1]);

        await SetAsync(world, seller, at.Account.Id, at.Sku, at.Stock!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await SetAsync(world, seller, above.Account.Id, above.Sku, (above.Stock!.Value - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var (after, tables) = await StocksAsync(world, accounts, filter);

        var alert = Assert.Single(after.Alerts, a => a.Fact.Key == at.Key);
        Assert.Equal((int)at.Stock.Value, alert.Threshold);
        Assert.DoesNotContain(after.Alerts, a => a.Fact.Key == above.Key);
        Assert.Equal(2, after.Thresholds.Count);
        var row = Assert.Single(tables.Single(t => t.Id == "alerts").Rows, r => (string)r[2]! == at.Sku.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(DashboardFormat.Count(at.Stock.Value), row[6]);

        Assert.True(await world.InScopeAsync(sp => sp.GetRequiredService<StockThresholds>().RemoveAsync(seller, at.Account.Id.ToString(), at.Sku.ToString(System.Globalization.CultureInfo.InvariantCulture), Ct)));
        Assert.DoesNotContain((await StocksAsync(world, accounts, filter)).Dashboard.Alerts, a => a.Fact.Key == at.Key);
    }

    [Theory]
    [InlineData("1.5", "threshold")]
    [InlineData("-1", "threshold")]
    [InlineData("1000001", "threshold")]
    [InlineData("много", "threshold")]
    [InlineData("", "threshold")]
    public async Task A_threshold_that_is_not_a_whole_number_from_0_to_a_million_is_refused_and_nothing_is_stored(string threshold, string field)
    {
        await using var world = await MarketplaceWorld.StartAsync(AnalyticsEngineUnderTest.DuckDb, WildberriesFast, OzonFast);
        var (accounts, _) = await ProductsDashboardTests.CollectedAsync(world, 95, 96);
        var seller = await SellerOfAsync(world, accounts[0].Id);
        var sku = world.Simulator.Seller(95).Products[0].NmId;

        var refused = await Assert.ThrowsAsync<MarketplaceInputException>(() => SetAsync(world, seller, accounts[0].Id, sku, threshold));

        Assert.Equal(field, refused.Field);
        Assert.Empty(await world.InScopeAsync(sp => sp.GetRequiredService<MarketplaceDb>().StockThresholds.ToListAsync(Ct)));
    }

    [Fact]
    public async Task Thresholds_are_set_by_the_seller_and_team_owners_for_skus_of_their_accounts_and_members_only_see_them()
    {
        await using var world = await MarketplaceWorld.StartAsync(AnalyticsEngineUnderTest.DuckDb, WildberriesFast, OzonFast);
        var (accounts, filter) = await ProductsDashboardTests.CollectedAsync(world, 97, 98);
        var seller = await SellerOfAsync(world, accounts[0].Id);
        var ozonSeller = await SellerOfAsync(world, accounts[1].Id);
        var (owner, member) = (await MemberAsync(world, seller, TeamRole.Owner), await MemberAsync(world, seller, TeamRole.Member));
        var sku = world.Simulator.Seller(97).Products[0].NmId;
        var ozonSku = world.Ozon.Seller(98).Products[0].Sku;

        await SetAsync(world, seller, accounts[0].Id, sku, "1 000");
        await SetAsync(world, owner, accounts[0].Id, sku, "5");
        await Assert.ThrowsAsync<ThresholdNotAllowedException>(() => SetAsync(world, member, accounts[0].Id, sku, "7"));
        var stranger = await Assert.ThrowsAsync<MarketplaceInputException>(() => SetAsync(world, seller, accounts[1].Id, ozonSku, "7")); // another seller's account
        var unknown = await Assert.ThrowsAsync<MarketplaceInputException>(() => SetAsync(world, seller, accounts[0].Id, ozonSku, "7")); // an Ozon SKU, not this account's
        await SetAsync(world, ozonSeller, accounts[1].Id, ozonSku, "0");

        Assert.Equal("account", stranger.Field);
        Assert.Equal("sku", unknown.Field);
        var stored = await world.InScopeAsync(sp => sp.GetRequiredService<MarketplaceDb>().StockThresholds.AsNoTracking().OrderBy(x => x.Sku).ToListAsync(Ct));
        Assert.Equal([(seller, accounts[0].Id, sku, 5), (ozonSeller, accounts[1].Id, ozonSku, 0)], stored.Select(x => (x.SellerId, x.AccountId, x.Sku, x.Threshold)));
        var manageable = await world.InScopeAsync(async sp => (
            Member: await sp.GetRequiredService<StockThresholds>().ManageableAsync(member, await sp.GetRequiredService<DashboardScope>().VisibleAsync(member, Ct), Ct),
            Owner: await sp.GetRequiredService<StockThresholds>().ManageableAsync(owner, await sp.GetRequiredService<DashboardScope>().VisibleAsync(owner, Ct), Ct)));
        Assert.Empty(manageable.Member);
        Assert.Equal([accounts[0].Id], manageable.Owner);
        var seen = await world.InScopeAsync(async sp => await sp.GetRequiredService<StocksDashboard>().TablesAsync(await sp.GetRequiredService<DashboardScope>().VisibleAsync(member, Ct), filter, Ct));
        Assert.Contains(seen.Single(t => t.Id == "skus").Rows, r => (string)r[2]! == sku.ToString(System.Globalization.CultureInfo.InvariantCulture) && r[11] is 5L);
    }

    [Fact]
    public async Task A_snapshot_older_than_two_days_is_still_shown_with_its_day()
    {
        await using var world = await MarketplaceWorld.StartAsync(AnalyticsEngineUnderTest.DuckDb, WildberriesFast, OzonFast);
        var (accounts, filter) = await ProductsDashboardTests.CollectedAsync(world, 99, 100);
        var (fresh, _) = await StocksAsync(world, accounts, filter);

        world.Clock.Advance(TimeSpan.FromDays(3)); // no collection since
        var (old, tables) = await StocksAsync(world, accounts, filter);

        Assert.All(fresh.Snapshots, s => Assert.False(SnapshotAge.IsStale(s.Stocks, fresh.Today)));
        Assert.All(old.Snapshots, s => Assert.True(SnapshotAge.IsStale(s.Stocks, old.Today)));
        Assert.All(old.Snapshots, s => Assert.Equal(fresh.Today, s.Stocks));
        Assert.Equal(fresh.Skus.Sum(f => f.Stock), old.Skus.Sum(f => f.Stock));
        Assert.All(tables.Single(t => t.Id == "skus").Rows.Where(r => r[5] is not null), r => Assert.Equal(fresh.Today, r[12]));
    }

    [Fact]
    public async Task A_sellers_thresholds_are_in_their_data_export_and_go_with_their_erasure()
    {
        await using var world = await MarketplaceWorld.StartAsync(AnalyticsEngineUnderTest.DuckDb, WildberriesFast, OzonFast);
        var (accounts, _) = await ProductsDashboardTests.CollectedAsync(world, 101, 102);
        var seller = await SellerOfAsync(world, accounts[0].Id);
        var other = await SellerOfAsync(world, accounts[1].Id);
        var sku = world.Simulator.Seller(101).Products[1].NmId;
        await SetAsync(world, seller, accounts[0].Id, sku, "12");
        await SetAsync(world, other, accounts[1].Id, world.Ozon.Seller(102).Products[0].Sku, "3");
        var subject = await world.InScopeAsync(async sp => new SubjectId((await sp.GetRequiredService<MarketplaceDb>().Sellers.SingleAsync(s => s.Id == seller, Ct)).SubjectId));
        static SellerDataProvider Provider(IServiceProvider sp) => sp.GetServices<IPersonalDataProvider>().OfType<SellerDataProvider>().Single();

        var exported = await world.InScopeAsync(sp => Provider(sp).ExportAsync(subject, SellerDataProvider.Register, Ct));
        await world.InScopeAsync(sp => Provider(sp).EraseAsync(subject, SellerDataProvider.Register, Ct));

        var record = Assert.Single(exported, r => r.Record.RecordType == "stock-threshold");
        Assert.Contains(record.Fields, f => f.Name == "sku" && f.Value == sku.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(record.Fields, f => f.Name == "stock_threshold" && f.Value == "12");
        var left = await world.InScopeAsync(sp => sp.GetRequiredService<MarketplaceDb>().StockThresholds.AsNoTracking().ToListAsync(Ct));
        Assert.Equal([other], left.Select(x => x.SellerId));
    }

    private static string Place(string place, string marketplace, long stock, long toClients, long fromClients, long reserved) =>
        $"{place}|{marketplace}|{stock}|{toClients}|{fromClients}|{reserved}";

    private static Task<(StocksDashboard Dashboard, IReadOnlyList<DashboardTable> Tables)> StocksAsync(MarketplaceWorld world, IReadOnlyList<DashboardAccount> accounts, DashboardFilter filter) =>
        world.InScopeAsync(async sp =>
        {
            var dashboard = sp.GetRequiredService<StocksDashboard>();
            return (dashboard, await dashboard.TablesAsync(accounts, filter, Ct));
        });

    private static Task SetAsync(MarketplaceWorld world, Guid seller, Guid account, long sku, string threshold) =>
        world.InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<StockThresholds>().SetAsync(seller, account.ToString(), sku.ToString(System.Globalization.CultureInfo.InvariantCulture), threshold, Ct);
            return true;
        });

    private static Task<Guid> SellerOfAsync(MarketplaceWorld world, Guid account) =>
        world.InScopeAsync(sp => sp.GetRequiredService<MarketplaceDb>().Accounts.Where(a => a.Id == account).Select(a => a.SellerId).SingleAsync(Ct));

    /// <summary>A seller of their own who is in <paramref name="teamSeller"/>'s team in <paramref name="role"/>.</summary>
    private static Task<Guid> MemberAsync(MarketplaceWorld world, Guid teamSeller, TeamRole role) =>
        world.InScopeAsync(async sp =>
        {
            var member = await sp.GetRequiredService<AddSeller>().AddAsync($"{role}.{Guid.NewGuid():N}@example.ru", null, "operator", true, Ct);
            var db = sp.GetRequiredService<MarketplaceDb>();
            db.TeamMembers.Add(new TeamMemberRecord { TeamSellerId = teamSeller, MemberSellerId = member.Id, Role = role, AddedAtUtc = world.Clock.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync(Ct);
            return member.Id;
        });
}
