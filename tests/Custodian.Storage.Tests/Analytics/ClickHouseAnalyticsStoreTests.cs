using Custodian.Privacy.Abstractions.Analytics;
using Custodian.Storage.Analytics;
using Custodian.Storage.Analytics.ClickHouse;
using Custodian.Testing;

namespace Custodian.Storage.Tests.Analytics;

public sealed class ClickHouseAnalyticsStoreTests : AnalyticsStoreContract
{
    private ClickHouseHttp? _http;
    private ClickHouseAnalyticsStore? _store;

    protected override IAnalyticsStore Store => _store!;

    public override ValueTask InitializeAsync()
    {
        var settings = new ClickHouseSettings { Url = RequiredServer.ClickHouse(), Database = $"test_{Guid.NewGuid():N}" };
        _http = AnalyticsStorage.CreateClickHouseHttp(settings, settings.Url);
        _store = AnalyticsStorage.CreateClickHouseStore(settings);
        return ValueTask.CompletedTask;
    }

    public override async ValueTask DisposeAsync()
    {
        if (_http is not null)
        {
            await _http.ExecuteAsync($"DROP DATABASE IF EXISTS {ClickHouseSql.Quote(_http.Database)}", CancellationToken.None, useDatabase: false);
        }
    }

    protected override object FlagValue(bool value) => value ? 1L : 0L;

    [Fact]
    public async Task An_error_carries_clickhouse_code_and_message()
    {
        await Store.PingAsync(Ct);
        var missing = new AnalyticsTable("never_created", [new("id", AnalyticsType.Int32)], ["id"]);
        await Store.EnsureTableAsync(new AnalyticsTable("exists_for_db", [new("id", AnalyticsType.Int32)], ["id"]), Ct);

        var error = await Assert.ThrowsAsync<ClickHouseException>(() => Store.QueryAsync(AnalyticsQuery.Sql($"SELECT count(*) FROM {missing}"), Ct));

        Assert.Equal(60, error.Code); // UNKNOWN_TABLE
        Assert.Contains("never_created", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_syntax_error_is_reported_not_swallowed()
    {
        var error = await Assert.ThrowsAsync<ClickHouseException>(() => Store.QueryAsync(AnalyticsQuery.Sql($"SELEC 1"), Ct));

        Assert.Equal(62, error.Code); // SYNTAX_ERROR
    }

    [Fact]
    public async Task An_unreachable_server_is_named_in_the_error()
    {
        var port = FreePort.Next();
        var store = AnalyticsStorage.CreateClickHouseStore(new ClickHouseSettings { Url = new Uri($"http://127.0.0.1:{port}/") });

        var error = await Assert.ThrowsAsync<ClickHouseException>(() => store.PingAsync(Ct));

        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
    }
}
