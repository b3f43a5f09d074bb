using System.Globalization;
using System.Text;
using Custodian.Modules.Marketplace.Abc;
using Custodian.Modules.Marketplace.Dashboards;
using Custodian.Modules.Marketplace.Economics;
using Custodian.Simulators.Ozon;
using Custodian.Simulators.Wildberries;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Marketplace.Tests;

/// <summary>Cost prices, the P&amp;L with taxes and ABC analysis on collected stand-in data, on every analytics engine.</summary>
public sealed class EconomicsDashboardTests
{
    private static readonly WildberriesSimulatorOptions WildberriesFast = new() { RequestsPerWindow = 10_000, Products = 12, Days = 60 };
    private static readonly OzonSimulatorOptions OzonFast = new() { RequestsPerSecond = 10_000, AnalyticsPerMinute = 10_000, Products = 10, Days = 60 };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(AnalyticsEngineUnderTest.DuckDb)]
    [InlineData(AnalyticsEngineUnderTest.ClickHouse)]
    public async Task The_pnl_adds_up_from_the_finance_report_and_the_cost_prices_and_the_tax_follows_the_regime(AnalyticsEngineUnderTest engine)
    {
        await using var world = await MarketplaceWorld.StartAsync(engine, WildberriesFast, OzonFast);
        var (accounts, filter) = await ProductsDashboardTests.CollectedAsync(world, 101, 102);
        var seller = await SellerOfAsync(world, accounts[0].Id);
        var wildberries = world.Simulator.Seller(101);
        var priced = wildberries.Products.Take(3).Select((p, i) => (p.NmId, Cost: 100m + i + 0.5m)).ToList();
        var csv = "Артикул WB;Себестоимость;Действует с\r\n" + string.Concat(priced.Select(p => $"{p.NmId};{p.Cost.ToString(CultureInfo.GetCultureInfo("ru-RU"))};{filter.Previous.From.AddDays(-1):dd.MM.yyyy}\r\n"));

        var import = await world.InScopeAsync(sp => sp.GetRequiredService<CostPrices>().ImportAsync(seller, accounts[0].Id.ToString(), CodePagesEncodingProvider.Instance.GetEncoding(1251)!.GetBytes(csv), Ct));
        var (usn, _) = await EconomicsAsync(world, accounts, filter, TaxChoice.Default);
        var (osno, _) = await EconomicsAsync(world, accounts, filter, new TaxChoice(TaxRules.Osno, null));

        Assert.Empty(import.Errors);
        Assert.Equal(3, import.Stored);
        var rows = wildberries.ReportAt(world.Simulator.NowMoscow).Where(r => DateOnly.FromDateTime(r.Sale.SoldAt) >= filter.From && DateOnly.FromDateTime(r.Sale.SoldAt) <= filter.To).ToList();
        var wb = usn.Skus.Where(s => s.Account.Id == accounts[0].Id).ToList();
        Assert.Equal(rows.Sum(r => r.Operation == "Продажа" ? r.RetailAmount : r.Operation == "Возврат" ? -r.RetailAmount : 0m), wb.Sum(s => s.Money.Revenue));
        Assert.Equal(rows.Sum(r => r.Deduction), wb.Sum(s => s.Money.Storage));
        foreach (var (sku, cost) in priced)
        {
            var units = rows.Where(r => r.Sale.Product.NmId == sku).Sum(r => r.Operation == "Продажа" ? 1L : r.Operation == "Возврат" ? -1L : 0L);
            var row = wb.SingleOrDefault(s => s.Sku == sku);
            Assert.Equal(units * cost, row?.Money.CostOfGoods ?? 0m);
            Assert.False(row?.MissingCost ?? false);
        }

        Assert.True(usn.Totals.Revenue > 0m && usn.Skus.Any(s => s.Account.Id == accounts[1].Id && s.Money.Revenue > 0m), "both marketplaces sold");
        Assert.Equal(usn.Totals.Revenue - usn.Totals.Charges - usn.Totals.CostOfGoods, usn.Totals.ProfitBeforeTax);
        Assert.Equal(Math.Round(usn.Totals.Revenue * 0.06m, 2), usn.Tax.Total);
        Assert.Equal(usn.Totals.ProfitBeforeTax - usn.Tax.Total, usn.Totals.Profit);
        Assert.Equal(usn.Totals.ProfitBeforeTax, osno.Totals.ProfitBeforeTax);
        Assert.NotEqual(usn.Totals.Profit, osno.Totals.Profit);
        Assert.True(osno.Tax.Vat > 0m);
        Assert.Equal(usn.Totals.Revenue, usn.Days.Sum(d => d.Money.Revenue));
        Assert.Equal(usn.Totals.Revenue, usn.Skus.Sum(s => s.Money.Revenue));
        Assert.Equal(usn.Totals.CostOfGoods, usn.Skus.Sum(s => s.Money.CostOfGoods));
    }

    [Theory]
    [InlineData(AnalyticsEngineUnderTest.DuckDb)]
    [InlineData(AnalyticsEngineUnderTest.ClickHouse)]
    public async Task Abc_classes_cover_every_sku_by_revenue_and_profit_with_movement_and_export(AnalyticsEngineUnderTest engine)
    {
        await using var world = await MarketplaceWorld.StartAsync(engine, WildberriesFast, OzonFast);
        var (accounts, filter) = await ProductsDashboardTests.CollectedAsync(world, 103, 104);
        filter = filter with { Compare = true };
        var (economics, _) = await EconomicsAsync(world, accounts, filter, TaxChoice.Default);

        var tables = await world.InScopeAsync(sp => sp.GetRequiredService<AbcDashboard>().TablesAsync(accounts, filter, Ct));

        var abc = tables.Single(t => t.Id == "abc");
        var skus = economics.Skus.Where(s => s.Sku != 0).ToList();
        Assert.Equal(skus.Count, abc.Rows.Count);
        var revenue = skus.Where(s => s.Money.Revenue > 0m).Sum(s => s.Money.Revenue);
        var a = abc.Rows.Where(r => (string)r[6]! == "A").Sum(r => (decimal)r[4]!);
        Assert.True(a / revenue <= 0.8m || abc.Rows.Count(r => (string)r[6]! == "A") == 1);
        Assert.All(abc.Rows, r => Assert.Contains((string)r[6]!, new[] { "A", "B", "C" }));
        Assert.All(abc.Rows, r => Assert.Equal((string)r[6]! + (string)r[8]!, (string)r[9]!));
        Assert.Contains(abc.Rows, r => (string)r[0]! == "Ozon");
        Assert.Contains(abc.Rows, r => (string)r[0]! == "Wildberries");
        Assert.All(abc.Rows, r => Assert.False(string.IsNullOrEmpty((string)r[12]!)));
        var summary = tables.Single(t => t.Id == "abc-summary");
        Assert.Equal(abc.Rows.Count, summary.Rows.Sum(r => (long)r[1]!));
        var (csv, type) = DashboardExport.Write(abc, "csv");
        Assert.StartsWith("text/csv", type, StringComparison.Ordinal);
        Assert.Equal(abc.Rows.Count + 1, Encoding.UTF8.GetString(csv).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.NotEmpty(DashboardExport.Write(abc, "xlsx").Content);
    }

    [Fact]
    public async Task A_file_with_an_unknown_sku_or_a_negative_cost_stores_nothing_and_names_every_row()
    {
        await using var world = await MarketplaceWorld.StartAsync(AnalyticsEngineUnderTest.DuckDb, WildberriesFast, OzonFast);
        var (accounts, _) = await ProductsDashboardTests.CollectedAsync(world, 105, 106);
        var seller = await SellerOfAsync(world, accounts[0].Id);
        var known = world.Simulator.Seller(105).Products[0].NmId;
        var file = Encoding.UTF8.GetBytes($"SKU,Себестоимость\n{known},10\n999999999,10\n{world.Simulator.Seller(105).Products[1].NmId},-1\n");

        var import = await world.InScopeAsync(sp => sp.GetRequiredService<CostPrices>().ImportAsync(seller, accounts[0].Id.ToString(), file, Ct));

        Assert.Equal(0, import.Stored);
        Assert.Equal([(3, "The SKU is not among the account's products."), (4, "The cost is negative.")], import.Errors.Select(e => (e.Line, e.Reason)));
        Assert.Empty(await world.InScopeAsync(sp => sp.GetRequiredService<MarketplaceDb>().CostPrices.ToListAsync(Ct)));
    }

    [Fact]
    public async Task A_later_cost_price_applies_from_its_day_and_the_earlier_one_before_it()
    {
        await using var world = await MarketplaceWorld.StartAsync(AnalyticsEngineUnderTest.DuckDb, WildberriesFast, OzonFast);
        var (accounts, filter) = await ProductsDashboardTests.CollectedAsync(world, 107, 108);
        var seller = await SellerOfAsync(world, accounts[0].Id);
        var sku = world.Simulator.Seller(107).Products[0].NmId.ToString(CultureInfo.InvariantCulture);
        var middle = filter.From.AddDays(15);

        await world.InScopeAsync(async sp => { await sp.GetRequiredService<CostPrices>().SetAsync(seller, accounts[0].Id.ToString(), sku, "100", DashboardFilter.Iso(filter.Previous.From), Ct); return 0; });
        await world.InScopeAsync(async sp => { await sp.GetRequiredService<CostPrices>().SetAsync(seller, accounts[0].Id.ToString(), sku, "200,00", middle.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture), Ct); return 0; });
        var (economics, _) = await EconomicsAsync(world, accounts, filter, TaxChoice.Default);

        var history = await world.InScopeAsync(sp => sp.GetRequiredService<CostPrices>().ForAsync(accounts, Ct));
        Assert.Equal([100m, 200m], history.Select(h => h.Cost));
        var rows = world.Simulator.Seller(107).ReportAt(world.Simulator.NowMoscow).Where(r => r.Sale.Product.NmId.ToString(CultureInfo.InvariantCulture) == sku && DateOnly.FromDateTime(r.Sale.SoldAt) >= filter.From && DateOnly.FromDateTime(r.Sale.SoldAt) <= filter.To).ToList();
        long Units(Func<DateOnly, bool> when) => rows.Where(r => when(DateOnly.FromDateTime(r.Sale.SoldAt))).Sum(r => r.Operation == "Продажа" ? 1L : r.Operation == "Возврат" ? -1L : 0L);
        Assert.Equal((Units(d => d < middle) * 100m) + (Units(d => d >= middle) * 200m), economics.Skus.SingleOrDefault(s => s.Account.Id == accounts[0].Id && s.Sku.ToString(CultureInfo.InvariantCulture) == sku)?.Money.CostOfGoods ?? 0m);
    }

    private static Task<(PeriodEconomics Current, PeriodEconomics Previous)> EconomicsAsync(MarketplaceWorld world, IReadOnlyList<DashboardAccount> accounts, DashboardFilter filter, TaxChoice tax) =>
        world.InScopeAsync(sp => sp.GetRequiredService<UnitEconomics>().ComputeAsync(accounts, filter, tax, Ct));

    private static Task<Guid> SellerOfAsync(MarketplaceWorld world, Guid account) =>
        world.InScopeAsync(sp => sp.GetRequiredService<MarketplaceDb>().Accounts.Where(a => a.Id == account).Select(a => a.SellerId).SingleAsync(Ct));
}
