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
}
