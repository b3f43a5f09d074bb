namespace Custodian.Modules.Marketplace.Tests;

/// <summary>The assortment: product cards paged by the (updatedAt, nmID) cursor, one row per card and size.</summary>
public sealed class CardCollectionTests
{
    [Theory]
    [InlineData(AnalyticsEngineUnderTest.DuckDb)]
    [InlineData(AnalyticsEngineUnderTest.ClickHouse)]
    public async Task Every_card_arrives_once_over_cursor_pages_and_a_second_run_reads_only_changes(AnalyticsEngineUnderTest engine)
    {
        await using var world = await MarketplaceWorld.StartAsync(engine, new Simulators.Wildberries.WildberriesSimulatorOptions { RequestsPerWindow = 10_000, Products = 250 });
        var account = await world.ConnectSellerAsync(15);

        var first = Assert.Single(await world.SyncAsync(account, "wb-cards"));
        var second = Assert.Single(await world.SyncAsync(account, "wb-cards"));

        Assert.Null(first.Problem);
        Assert.Equal(250, first.Rows); // three pages of 100
        Assert.Equal(0, second.Rows); // nothing changed since the cursor
        var stats = (await world.StatsAsync(account))["wb-cards"];
        Assert.Equal(250, stats.Rows);
        Assert.Equal(250, stats.DistinctKeys);
    }
}
