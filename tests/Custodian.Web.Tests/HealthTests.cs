using System.Net;
using System.Text.Json;
using Custodian.Testing;
using Npgsql;

namespace Custodian.Web.Tests;

/// <summary>
/// <c>/healthz/live</c> (the process answers), <c>/healthz/ready</c> (what serving needs; analytics and its shards only
/// Degraded) and <c>/healthz</c> (every check), against real servers: a ClickHouse cluster with one shard's server not
/// listening, and a PostgreSQL database that stops accepting connections.
/// </summary>
public sealed class HealthTests(CustodianFactory factory) : IClassFixture<CustodianFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Healthz_reports_the_records_database_the_keys_and_the_analytics_engine()
    {
        using var client = factory.CreateBrowserClient();

        var (status, report) = await GetAsync(client, "/healthz");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", report.Status);
        Assert.Equal(new Dictionary<string, string> { ["records"] = "Healthy", ["keys"] = "Healthy", ["analytics"] = "Healthy", ["background"] = "Healthy" }, report.Statuses);
    }

    [Fact]
    public async Task Live_asks_no_dependency_and_ready_asks_what_serving_needs()
    {
        using var client = factory.CreateBrowserClient();

        var (liveStatus, live) = await GetAsync(client, "/healthz/live");
        var (readyStatus, ready) = await GetAsync(client, "/healthz/ready");

        Assert.Equal(HttpStatusCode.OK, liveStatus);
        Assert.Equal("Healthy", live.Status);
        Assert.Empty(live.Checks);
        Assert.Equal(HttpStatusCode.OK, readyStatus);
        Assert.Equal(["analytics", "keys", "records"], ready.Checks.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_shard_that_does_not_answer_is_degraded_and_named_while_ready_stays_200_and_records_pages_work()
    {
        var (_, shards) = RequiredServer.ClickHouseCluster();
        var port = FreePort.Next();
        const string Secret = "shard-password-never-shown";
        await using var host = await CustodianHost.Builder().WithClickHouseCluster()
            .WithSetting($"Analytics:ClickHouse:ShardUrls:{shards.Count - 1}", $"http://custodian:{Secret}@127.0.0.1:{port}/")
            .Started().BuildAsync(Ct);
        using var client = host.CreateClient();

        var (readyStatus, ready) = await GetAsync(client, "/healthz/ready");
        var (liveStatus, _) = await GetAsync(client, "/healthz/live");
        var (summaryStatus, summary) = await GetAsync(client, "/healthz");
        using var page = await client.GetAsync(new Uri("/privacy", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, readyStatus);
        Assert.Equal("Degraded", ready.Status);
        var down = $"analytics-shard-{shards.Count}";
        Assert.Equal("Degraded", ready.Statuses[down]);
        Assert.Contains($"127.0.0.1:{port}", ready.Checks[down], StringComparison.Ordinal);
        Assert.Equal("Healthy", ready.Statuses["analytics-shard-1"]);
        Assert.Contains(shards[0].Authority, ready.Checks["analytics-shard-1"], StringComparison.Ordinal);
        Assert.Equal("Healthy", ready.Statuses["records"]);
        Assert.Equal("Healthy", ready.Statuses["keys"]);
        Assert.Equal("Healthy", ready.Statuses["analytics"]);
        Assert.Equal(HttpStatusCode.OK, liveStatus);
        Assert.Equal(HttpStatusCode.OK, summaryStatus);
        Assert.Equal("Degraded", summary.Statuses[down]);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain(Secret, summary.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("custodian:", summary.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ready_answers_503_while_the_records_database_refuses_connections_and_200_again_after()
    {
        await using var host = await CustodianHost.Builder().WithPostgres().Started().BuildAsync(Ct);
        using var client = host.CreateClient();
        var database = new NpgsqlConnectionStringBuilder(host.PostgresConnectionString).Database!;
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, "/healthz/ready")).Status);

        await AllowConnectionsAsync(database, false);
        try
        {
            var (readyStatus, ready) = await GetAsync(client, "/healthz/ready");
            var (liveStatus, _) = await GetAsync(client, "/healthz/live");
            var (summaryStatus, summary) = await GetAsync(client, "/healthz");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, readyStatus);
            Assert.Equal("Unhealthy", ready.Status);
            Assert.Equal("Unhealthy", ready.Statuses["records"]);
            Assert.Equal("Degraded", ready.Statuses["keys"]); // not checked: its stored data keys are in the database
            Assert.Equal(HttpStatusCode.OK, liveStatus);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, summaryStatus);
            Assert.Equal("Unhealthy", summary.Statuses["records"]);
        }
        finally
        {
            await AllowConnectionsAsync(database, true);
        }

        // Connections the server closed are dropped by the pool on their next use: the probe after that is ready again.
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(20);
        HttpStatusCode again;
        while ((again = (await GetAsync(client, "/healthz/ready")).Status) != HttpStatusCode.OK && TimeProvider.System.GetUtcNow() < deadline)
        {
            await Task.Delay(200, Ct);
        }

        Assert.Equal(HttpStatusCode.OK, again);
    }

    /// <summary>As the server's administrator: stop (and end) or allow again the connections to <paramref name="database"/>.</summary>
    private static async Task AllowConnectionsAsync(string database, bool allow)
    {
        var admin = new NpgsqlConnectionStringBuilder(RequiredServer.Postgres()) { Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync(Ct);
        var quoted = "\"" + database.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        await using (var alter = new NpgsqlCommand($"ALTER DATABASE {quoted} WITH ALLOW_CONNECTIONS {(allow ? "true" : "false")}", connection))
        {
            await alter.ExecuteNonQueryAsync(Ct);
        }

        if (!allow)
        {
            await using var terminate = new NpgsqlCommand("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = @database", connection);
            terminate.Parameters.AddWithValue("database", database);
            await terminate.ExecuteScalarAsync(Ct);
        }
    }

    private static async Task<(HttpStatusCode Status, Report Report)> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(body);
        var checks = json.RootElement.GetProperty("checks").EnumerateArray().ToList();
        return (response.StatusCode, new Report(
            json.RootElement.GetProperty("status").GetString()!,
            checks.ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("description").GetString() ?? string.Empty),
            checks.ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString()!),
            body));
    }

    /// <param name="Checks">Description per check.</param>
    /// <param name="Statuses">Status per check.</param>
    private sealed record Report(string Status, Dictionary<string, string> Checks, Dictionary<string, string> Statuses, string Body);
}
