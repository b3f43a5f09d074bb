using Custodian.Testing;

namespace Custodian.Cli.Tests;

public sealed class CliTests
{
    [Fact]
    public async Task Help_lists_the_verbs()
    {
        var result = await Custodian.RunAsync("--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("serve", result.Output, StringComparison.Ordinal);
        Assert.Contains("db", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_verb_is_an_error_with_usage()
    {
        var result = await Custodian.RunAsync("frobnicate");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("frobnicate", result.Error + result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Db_migrate_creates_the_embedded_database_then_reports_it_current()
    {
        using var data = new TemporaryFolder();

        var first = await Custodian.RunAsync("db", "migrate", "--Storage:DataDirectory=" + data.Path);
        var second = await Custodian.RunAsync("db", "migrate", "--Storage:DataDirectory=" + data.Path);

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("InitialHost", first.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(data.File("custodian.db")));
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("(0 migrations applied)", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Db_migrate_upgrades_a_postgresql_database()
    {
        using var data = new TemporaryFolder();
        var connectionString = PostgresDatabase.NewConnectionString("cli");

        var result = await Custodian.RunAsync("db", "migrate", "--Storage:DataDirectory=" + data.Path, "--Database:Provider=Postgres", "--Database:ConnectionString=" + connectionString);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Postgres database is up to date", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("db", "migrate")]
    [InlineData("serve")]
    public async Task A_bad_setting_exits_1_with_one_line_naming_it(params string[] verb)
    {
        using var data = new TemporaryFolder();

        var result = await Custodian.RunAsync([.. verb, "--Storage:DataDirectory=" + data.Path, "--Database:Provider=Oracle", "--urls=http://127.0.0.1:0"]);

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("Custodian cannot start: Database:Provider: 'Oracle' is not a known provider", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_runs_the_web_service()
    {
        using var data = new TemporaryFolder();
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort.Next();
            using var server = Custodian.Start("serve", "--urls=http://127.0.0.1:" + port, "--Storage:DataDirectory=" + data.Path);
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(30) };
            string health;
            try
            {
                health = await server.WaitForAsync(async ct => (string?)await http.GetStringAsync(new Uri("healthz", UriKind.Relative), ct), ServeTimeout, "answer from GET /healthz", TestContext.Current.CancellationToken);
            }
            catch (Exception) when (attempt < 3 && server.HasExited && server.Error.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                continue; // the port was free when chosen, but something else bound it first
            }

            var home = await http.GetStringAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);

            Assert.True(health.Contains("\"status\":\"Healthy\"", StringComparison.Ordinal), $"{health}\n{server.Describe()}");
            Assert.Contains("Personal data, kept as promised", home, StringComparison.Ordinal);
            return;
        }
    }

    // A cold start on a loaded machine (JIT, migrations of every database) can take a while; a hang still fails.
    private static readonly TimeSpan ServeTimeout = TimeSpan.FromMinutes(3);
}
