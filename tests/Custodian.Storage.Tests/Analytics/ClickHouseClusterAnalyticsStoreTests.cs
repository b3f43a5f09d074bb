using Custodian.Privacy.Abstractions.Analytics;
using Custodian.Storage.Analytics;
using Custodian.Storage.Analytics.ClickHouse;
using Custodian.Testing;

namespace Custodian.Storage.Tests.Analytics;

/// <summary>The same contract on a two-shard cluster: Distributed table over per-shard ReplacingMergeTree tables.</summary>
public sealed class ClickHouseClusterAnalyticsStoreTests : AnalyticsStoreContract
{
    private ClickHouseSettings _settings = null!;
    private IAnalyticsStore? _store;

    protected override IAnalyticsStore Store => _store!;

    public override ValueTask InitializeAsync()
    {
        var (cluster, shards) = RequiredServer.ClickHouseCluster();
        _settings = new ClickHouseSettings { Url = shards[0], Database = $"test_{Guid.NewGuid():N}", Cluster = cluster, ShardUrls = shards };
        _store = AnalyticsStorage.CreateClickHouseStore(_settings);
        return ValueTask.CompletedTask;
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var shard in _settings.ShardUrls)
        {
            await AnalyticsStorage.CreateClickHouseHttp(_settings, shard)
                .ExecuteAsync($"DROP DATABASE IF EXISTS {ClickHouseSql.Quote(_settings.Database)}", CancellationToken.None, useDatabase: false);
        }
    }

    protected override object FlagValue(bool value) => value ? 1L : 0L;

    /// <summary>Known gap (ADR 0048): on the 18.16 test cluster a FINAL read through the Distributed table fails after the column is added.</summary>
    [Fact(Skip = "ADR 0048: adding a column to a sharded table is not yet readable with FINAL on ClickHouse 18.16; single-server ClickHouse and DuckDB pass")]
    public override Task A_nullable_column_added_in_a_later_version_is_added_to_the_existing_table_and_old_rows_read_null() => Task.CompletedTask;

    [Fact]
    public async Task Facts_spread_over_both_shards_and_every_version_of_a_fact_lands_on_one_shard()
    {
        var table = await CreateTableAsync("spread", [new("id", AnalyticsType.Int64), new("amount", AnalyticsType.Decimal)], ["id"]);
        await Store.UpsertAsync(table, Generate(1000, i => [(long)i, 1m]), Ct);
        await Store.UpsertAsync(table, Generate(1000, i => [(long)i, 2m]), Ct);

        var perShard = new List<long>();
        foreach (var shard in _settings.ShardUrls)
        {
            var local = new AnalyticsTable("spread_local", table.Columns, table.Key);
            var store = AnalyticsStorage.CreateClickHouseStore(new ClickHouseSettings { Url = shard, Database = _settings.Database });
            perShard.Add((long)(await store.QueryAsync(AnalyticsQuery.Sql($"SELECT count(*) FROM {local}"), Ct)).Scalar()!);
        }

        Assert.All(perShard, count => Assert.InRange(count, 300, 700));
        Assert.Equal(1000, perShard.Sum());
        Assert.Equal(2000m, (await Store.QueryAsync(AnalyticsQuery.Sql($"SELECT sum(amount) FROM {table}"), Ct)).Scalar());
    }
}
