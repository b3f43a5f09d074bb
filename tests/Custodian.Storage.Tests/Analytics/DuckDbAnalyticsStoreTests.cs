using Custodian.Privacy.Abstractions.Analytics;
using Custodian.Storage.Analytics.DuckDb;
using Custodian.Testing;

namespace Custodian.Storage.Tests.Analytics;

public sealed class DuckDbAnalyticsStoreTests : AnalyticsStoreContract
{
    private readonly TemporaryFolder _folder = new();
    private DuckDbAnalyticsStore? _store;

    protected override IAnalyticsStore Store => _store!;

    public override ValueTask InitializeAsync()
    {
        _store = new DuckDbAnalyticsStore(_folder.File("analytics.duckdb"));
        return ValueTask.CompletedTask;
    }

    public override ValueTask DisposeAsync()
    {
        _store?.Dispose();
        _folder.Dispose();
        return ValueTask.CompletedTask;
    }

    protected override object FlagValue(bool value) => value;

    [Fact]
    public async Task Data_survives_reopening_the_file()
    {
        var table = await CreateTableAsync("kept", [new("id", AnalyticsType.Int32)], ["id"]);
        await Store.UpsertAsync(table, Rows([1], [2]), Ct);
        _store!.Dispose();

        using var reopened = new DuckDbAnalyticsStore(_folder.File("analytics.duckdb"));

        Assert.Equal(2L, (await reopened.QueryAsync(AnalyticsQuery.Sql($"SELECT count(*) FROM {table}"), Ct)).Scalar());
        _store = new DuckDbAnalyticsStore(_folder.File("analytics.duckdb"));
    }

    [Fact]
    public async Task Concurrent_upserts_of_the_same_keys_leave_one_row_per_key()
    {
        var table = await CreateTableAsync("raced", [new("id", AnalyticsType.Int32), new("v", AnalyticsType.Int32)], ["id"]);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(n => Task.Run(() => Store.UpsertAsync(table, Rows([.. Enumerable.Range(0, 500).Select(i => new object?[] { i, n })]), Ct))));

        Assert.Equal(500L, (await Store.QueryAsync(AnalyticsQuery.Sql($"SELECT count(*) FROM {table}"), Ct)).Scalar());
    }

    [Fact]
    public async Task A_batch_that_fails_part_way_stores_nothing_and_keeps_the_rows_it_would_have_replaced()
    {
        var table = await CreateTableAsync("half_failed", [new("id", AnalyticsType.Int32), new("v", AnalyticsType.String)], ["id"]);
        await Store.UpsertAsync(table, Rows([.. Enumerable.Range(0, 5000).Select(i => new object?[] { i, "old" })]), Ct);

        // Rows are appended straight into the table: thousands are written before the bad one, then all are rolled back.
        var replacement = Enumerable.Range(0, 5000).Select(i => i == 4500 ? new object?[] { i } : new object?[] { i, "new" }).Append(new object?[] { 6000, "new" });
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.UpsertAsync(table, Rows([.. replacement]), Ct));

        var stored = await Store.QueryAsync(AnalyticsQuery.Sql($"SELECT count(*) AS n, count(*) FILTER (WHERE v = 'old') AS old FROM {table}"), Ct);
        Assert.Equal(5000L, stored[0, "n"]);
        Assert.Equal(5000L, stored[0, "old"]);
        await Store.UpsertAsync(table, Rows([1, "after"]), Ct);
        Assert.Equal(5000L, (await Store.QueryAsync(AnalyticsQuery.Sql($"SELECT count(*) FROM {table}"), Ct)).Scalar());
    }

    [Fact]
    public async Task A_table_an_earlier_version_created_with_a_primary_key_is_still_upserted_by_key()
    {
        var table = new AnalyticsTable("legacy_keyed", [new("id", AnalyticsType.Int32), new("v", AnalyticsType.String)], ["id"]);
        using (var connection = new DuckDB.NET.Data.DuckDBConnection("Data Source=" + _folder.File("analytics.duckdb")))
        {
            _store!.Dispose();
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE legacy_keyed (id INTEGER NOT NULL, v VARCHAR NOT NULL, PRIMARY KEY (id))";
            command.ExecuteNonQuery();
        }

        _store = new DuckDbAnalyticsStore(_folder.File("analytics.duckdb"));
        await Store.EnsureTableAsync(table, Ct);
        await Store.UpsertAsync(table, Rows([1, "a"], [2, "b"]), Ct);
        await Store.UpsertAsync(table, Rows([2, "c"], [3, "d"]), Ct);

        var rows = await Store.QueryAsync(AnalyticsQuery.Sql($"SELECT id, v FROM {table} ORDER BY id"), Ct);
        Assert.Equal(["a", "c", "d"], rows.Rows.Select(r => (string)r[1]!));
    }
}
