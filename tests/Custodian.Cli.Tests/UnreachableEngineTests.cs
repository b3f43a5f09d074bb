using Custodian.Simulators.Wildberries;
using Custodian.Simulators;
using Custodian.Testing;

namespace Custodian.Cli.Tests;

/// <summary>
/// A verb whose engine does not answer (ClickHouse, one shard of a cluster, PostgreSQL) prints one line on stderr naming
/// what it could not reach (host:port, never a password) and exits 1: no stack trace.
/// </summary>
public sealed class UnreachableEngineTests
{
    private const string Secret = "engine-password-never-shown";

    [Fact]
    public async Task Stats_against_a_clickhouse_server_that_does_not_answer_prints_one_line_naming_it()
    {
        using var data = new TemporaryFolder();
        var accountId = await AccountAsync(data);
        var port = FreePort.Next();

        var stats = await Custodian.RunAsync(["marketplace", "stats", "--account", accountId, "--Storage:DataDirectory=" + data.Path, "--Simulators:Enabled=false",
            "--Analytics:Engine=ClickHouse", $"--Analytics:ClickHouse:Url=http://custodian:{Secret}@127.0.0.1:{port}/", "--Analytics:ClickHouse:Password=" + Secret]);

        AssertOneLine(stats, $"127.0.0.1:{port}");
        Assert.Contains("ClickHouse", stats.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stats_against_a_cluster_whose_shard_does_not_answer_prints_one_line_naming_the_shard()
    {
        var (cluster, shards) = RequiredServer.ClickHouseCluster();
        using var data = new TemporaryFolder();
        var accountId = await AccountAsync(data);
        var port = FreePort.Next();
        string[] analytics =
        [
            "--Analytics:Engine=ClickHouse", $"--Analytics:ClickHouse:Database=custodian_{Guid.NewGuid():N}", "--Analytics:ClickHouse:Url=" + shards[0],
            "--Analytics:ClickHouse:Cluster=" + cluster, "--Analytics:ClickHouse:ShardUrls:0=" + shards[0], $"--Analytics:ClickHouse:ShardUrls:1=http://127.0.0.1:{port}/",
        ];

        var stats = await Custodian.RunAsync(["marketplace", "stats", "--account", accountId, "--Storage:DataDirectory=" + data.Path, "--Simulators:Enabled=false", .. analytics]);

        AssertOneLine(stats, $"127.0.0.1:{port}");
    }

    [Theory]
    [InlineData(true)]  // the CLI migrates first: the host cannot start
    [InlineData(false)] // migrations left to operators: the verb's own query fails
    public async Task A_verb_against_a_postgresql_server_that_does_not_answer_prints_one_line_naming_it(bool migrateFirst)
    {
        using var data = new TemporaryFolder();
        var port = FreePort.Next();

        var stats = await Custodian.RunAsync(["marketplace", "stats", "--account", Guid.NewGuid().ToString(), "--Storage:DataDirectory=" + data.Path, "--Simulators:Enabled=false",
            "--Database:Provider=Postgres", $"--Database:ConnectionString=Host=127.0.0.1;Port={port};Username=custodian;Password={Secret};Database=custodian",
            "--Database:MigrateOnStart=" + (migrateFirst ? "true" : "false")]);

        AssertOneLine(stats, $"127.0.0.1:{port}");
    }

    private static void AssertOneLine(Custodian.Result result, string address)
    {
        Assert.True(result.ExitCode == 1, result.ToString());
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length == 1, result.ToString());
        Assert.Contains(address, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, result.Output + result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Output);
    }

    /// <summary>A seller with one Wildberries account (proven against a simulator), on the embedded records database.</summary>
    private static async Task<string> AccountAsync(TemporaryFolder data)
    {
        await using var simulator = await WildberriesSimulator.StartAsync(new WildberriesSimulatorOptions { RequestsPerWindow = 1000 }, cancellationToken: TestContext.Current.CancellationToken);
        string[] args = ["--Storage:DataDirectory=" + data.Path, "--Simulators:Enabled=false", "--Marketplace:Wildberries:BaseUrl=" + simulator.BaseAddress];
        var seller = await Custodian.RunAsync(["sellers", "add", "--email", "unreachable@example.ru", .. args]);
        var token = simulator.Tokens.Issue(21, WildberriesCategories.All, DateTimeOffset.UtcNow.AddDays(100));
        var account = await Custodian.RunAsync(["marketplace", "accounts", "add", "--seller", seller.Output.Trim(), "--wildberries-token", token, .. args]);
        Assert.True(account.ExitCode == 0, account.ToString());
        return account.Output.Trim();
    }
}
