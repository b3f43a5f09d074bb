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
}
