using System.Globalization;
using Custodian.Modules.Marketplace.Dashboards;
using Custodian.Simulators.Ozon;
using Custodian.Simulators.Wildberries;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Marketplace.Tests;

/// <summary>
/// Every dashboard widget gives identical numbers on every analytics engine: the same stand-in data, collected at the
/// same instant into DuckDB, one ClickHouse server and the two-shard cluster, answers every table of every dashboard
/// row for row.
/// </summary>
public sealed class DashboardEnginesTests
{
    private static readonly WildberriesSimulatorOptions Wildberries = new() { RequestsPerWindow = 10_000, PageSize = 5_000 };
    private static readonly OzonSimulatorOptions Ozon = new() { RequestsPerSecond = 10_000, AnalyticsPerMinute = 10_000 };

    /// <summary>One instant for all three worlds, so the stand-ins' histories are the same.</summary>
    private static readonly DateTimeOffset Now = new(DateTimeOffset.UtcNow.Date.AddDays(1).AddHours(9), TimeSpan.Zero);

    [Fact]
    public async Task Every_table_of_every_dashboard_is_the_same_on_duckdb_clickhouse_and_the_cluster()
    {
        var duckdb = await CollectAsync(AnalyticsEngineUnderTest.DuckDb);
        var clickhouse = await CollectAsync(AnalyticsEngineUnderTest.ClickHouse);
        var cluster = await CollectAsync(AnalyticsEngineUnderTest.ClickHouseCluster);

        Assert.Equal(["abc", "economics", "funnel", "geography", "overview", "products", "reviews", "stocks"], duckdb.Keys.Select(k => k.Split('/')[0]).Distinct().Order(StringComparer.Ordinal));
        Assert.Contains(duckdb, t => t.Value.Count > 0 && t.Key.StartsWith("overview/", StringComparison.Ordinal));
        Assert.Equal(duckdb.Keys.Order(StringComparer.Ordinal), clickhouse.Keys.Order(StringComparer.Ordinal));
        foreach (var (table, rows) in duckdb)
        {
            Assert.True(rows.SequenceEqual(clickhouse[table]), $"{table} differs on ClickHouse:\n{Diff(rows, clickhouse[table])}");
            Assert.True(rows.SequenceEqual(cluster[table]), $"{table} differs on the cluster:\n{Diff(rows, cluster[table])}");
        }
    }

    /// <summary>Each dashboard's tables as text rows, for the period of the last 30 days with comparison, for all accounts and for one SKU.</summary>
    private static async Task<Dictionary<string, List<string>>> CollectAsync(AnalyticsEngineUnderTest engine)
    {
        await using var world = await MarketplaceWorld.StartAsync(engine, Wildberries, Ozon);
        world.Clock.Set(Now);
        var wildberries = await world.ConnectSellerAsync(71);
        var ozon = await world.ConnectOzonSellerAsync(72);
        Assert.All(await world.SyncAsync(), o => Assert.Null(o.Problem));

        var today = DateOnly.FromDateTime(Now.UtcDateTime.AddHours(3));
        var sku = world.Simulator.Seller(71).Products[3].NmId.ToString(CultureInfo.InvariantCulture);
        var brand = world.Simulator.Seller(71).Products[5].Brand;
        var filters = new Dictionary<string, DashboardFilter>
        {
            ["30d"] = DashboardFilter.Parse(name => name switch { "period" => "30d", "compare" => "1", _ => null }, today),
            ["sku"] = DashboardFilter.Parse(name => name switch { "period" => "90d", "sku" => sku, _ => null }, today),
            ["brand"] = DashboardFilter.Parse(name => name switch { "period" => "90d", "brand" => brand, _ => null }, today),
        };
        var tables = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        await world.InScopeAsync(async services =>
        {
            var scope = services.GetRequiredService<DashboardScope>();
            IReadOnlyList<DashboardAccount> accounts = [await scope.OperatorViewAsync(wildberries, TestContext.Current.CancellationToken), await scope.OperatorViewAsync(ozon, TestContext.Current.CancellationToken)];
            foreach (var dashboard in services.GetServices<IDashboard>())
            {
                foreach (var (name, filter) in filters)
                {
                    foreach (var table in await dashboard.TablesAsync(accounts, filter, TestContext.Current.CancellationToken))
                    {
                        tables[$"{dashboard.Id}/{table.Id}/{name}"] = [.. table.Rows.Select(Text)];
                    }
                }
            }

            return 0;
        });
        return tables;
    }

    /// <summary>A row as text with invariant numbers; key tails (…abcd) are left out, since each world issues its own keys.</summary>
    private static string Text(object?[] row) => System.Text.RegularExpressions.Regex.Replace(string.Join(" | ", row.Select(v => v switch
    {
        null => "null",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        decimal m => m.ToString("0.00##", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString(),
    })), "…[^ |]+", "…");

    private static string Diff(List<string> expected, List<string> actual) =>
        $"{expected.Count} rows vs {actual.Count}; first difference: " + (expected.Zip(actual).Select((p, i) => (p, i)).FirstOrDefault(x => x.p.First != x.p.Second) is var (pair, index) && pair.First is not null
            ? $"row {index}: {pair.First}  <>  {pair.Second}" : "(in length)");
}
