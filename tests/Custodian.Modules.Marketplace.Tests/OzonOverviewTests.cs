using Custodian.Modules.Marketplace.Dashboards;
using Custodian.Simulators.Ozon;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Marketplace.Tests;

/// <summary>The Overview of an Ozon account counts as docs/dashboards.md says, checked against the stand-in's own postings, deliveries and returns.</summary>
public sealed class OzonOverviewTests
{
    [Fact]
    public async Task Orders_are_postings_by_processing_day_and_sales_are_the_deliveries_ozons_finance_records()
    {
        await using var world = await MarketplaceWorld.StartAsync(AnalyticsEngineUnderTest.DuckDb, null, new OzonSimulatorOptions { RequestsPerSecond = 10_000, AnalyticsPerMinute = 10_000 });
        var account = await world.ConnectOzonSellerAsync(81);
        Assert.All(await world.SyncAsync(account), o => Assert.Null(o.Problem));
        var now = world.Ozon.NowUtc;
        var today = DateOnly.FromDateTime(now.AddHours(3));
        var filter = DashboardFilter.Parse(name => name == "period" ? "30d" : null, today);
        static DateOnly Moscow(DateTime utc) => DateOnly.FromDateTime(utc.AddHours(3));
        bool InPeriod(DateTime utc) => Moscow(utc) >= filter.From && Moscow(utc) <= filter.To;

        var totals = (await world.InScopeAsync(async s => await s.GetRequiredService<OverviewQuery>().RunAsync(
            [await s.GetRequiredService<DashboardScope>().OperatorViewAsync(account, TestContext.Current.CancellationToken)], filter, TestContext.Current.CancellationToken))).Totals;

        var seller = world.Ozon.Seller(81);
        var postings = seller.PostingsAt(now).Where(p => InPeriod(p.InProcessAt)).ToList();
        var deliveries = seller.TransactionsAt(now).Where(t => t.Type == "orders" && InPeriod(t.At)).ToList();
        var returns = seller.ReturnsAt(now).Where(r => InPeriod(r.ReturnedAt)).ToList();
        Assert.True(postings.Count > 0 && deliveries.Count > 0 && returns.Count > 0, "the period has postings, deliveries and returns");
        Assert.Equal(postings.Select(p => p.PostingNumber).Distinct().Count(), totals.Orders);
        Assert.Equal(postings.Where(p => p.Status == "cancelled").Select(p => p.PostingNumber).Distinct().Count(), totals.Cancelled);
        Assert.Equal(postings.Sum(p => p.Quantity), totals.Units);
        Assert.Equal(deliveries.Count, totals.Sales);
        Assert.Equal(returns.Sum(r => r.Posting.Quantity), totals.Returns);
        Assert.Equal(deliveries.Sum(t => t.AccrualsForSale) - returns.Sum(r => r.Posting.Price * r.Posting.Quantity), totals.Revenue);
        Assert.Equal(deliveries.Sum(t => t.Amount), totals.Payout);
    }
}
