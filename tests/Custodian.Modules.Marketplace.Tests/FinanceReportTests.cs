using Custodian.Modules.Marketplace.Collection.Wildberries;
using Custodian.Privacy.Abstractions.Analytics;

namespace Custodian.Modules.Marketplace.Tests;

/// <summary>The finance report paged by rrdId until 204, money given as strings, reconciled with the simulator.</summary>
public sealed class FinanceReportTests
{
    [Fact]
    public async Task The_report_is_read_page_by_page_until_no_content_and_later_rows_follow_the_checkpoint()
    {
        await using var world = await MarketplaceWorld.StartAsync(extraArgs: "--Marketplace:Wildberries:FinancePageSize=700");
        var account = await world.ConnectSellerAsync(14);
        var windowStart = DateOnly.FromDateTime(world.FirstWindowStart);

        var outcome = Assert.Single(await world.SyncAsync(account, "wb-finance"));

        Assert.Null(outcome.Problem);
        var expected = world.Simulator.Seller(14).ReportAt(world.Simulator.NowMoscow).Where(r => DateOnly.FromDateTime(r.Sale.SoldAt) >= windowStart).ToList();
        Assert.True(expected.Count > 2 * 700, "the report spans several pages");
        var stats = (await world.StatsAsync(account))["wb-finance"];
        Assert.Equal(expected.Count, stats.Rows);
        Assert.Equal(expected.Sum(r => r.ForPay), stats.Sums["for_pay"]);
        Assert.Equal(expected.Sum(r => r.DeliveryRub), stats.Sums["delivery_rub"]);

        world.Clock.Advance(TimeSpan.FromDays(2)); // two more days settle
        await world.SyncAsync(account, "wb-finance");

        var later = world.Simulator.Seller(14).ReportAt(world.Simulator.NowMoscow).Where(r => DateOnly.FromDateTime(r.Sale.SoldAt) >= windowStart).ToList();
        var after = (await world.StatsAsync(account))["wb-finance"];
        Assert.True(later.Count > expected.Count);
        Assert.Equal(later.Count, after.Rows);
        Assert.Equal(after.Rows, after.DistinctKeys);
        Assert.Equal(later.Sum(r => r.RetailAmount), after.Sums["retail_amount"]);
    }

    [Fact]
    public async Task Storage_charges_without_a_sale_date_are_collected_dated_by_the_report_row_date_and_none_is_rejected()
    {
        await using var world = await MarketplaceWorld.StartAsync();
        var account = await world.ConnectSellerAsync(15);
        var windowStart = DateOnly.FromDateTime(world.FirstWindowStart);

        var outcome = Assert.Single(await world.SyncAsync(account, "wb-finance"));

        var charges = world.Simulator.Seller(15).ReportAt(world.Simulator.NowMoscow).Where(r => r.IsDeduction && DateOnly.FromDateTime(r.Sale.SoldAt) >= windowStart).ToList();
        Assert.NotEmpty(charges);
        Assert.Null(outcome.Problem);
        Assert.Equal(0, outcome.Rejected);
        var store = world.Get<IAnalyticsStore>();
        var rows = await store.QueryAsync(AnalyticsQuery.Sql($"SELECT day_local FROM {WildberriesFinanceReport.Rows} WHERE account_id = {account.ToString("N")} AND operation = {"Хранение"}"), TestContext.Current.CancellationToken);
        Assert.Equal(charges.Count, rows.Rows.Count);
        Assert.Equal(charges.Select(c => DateOnly.FromDateTime(c.Sale.SoldAt)).Order(), rows.Rows.Select(r => r[0] switch { DateOnly d => d, DateTime t => DateOnly.FromDateTime(t), var v => DateOnly.Parse(v!.ToString()!, System.Globalization.CultureInfo.InvariantCulture) }).Order());
    }
}
