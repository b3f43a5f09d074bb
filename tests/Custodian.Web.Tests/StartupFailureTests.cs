using Custodian.Storage;
using Custodian.Testing;
using Custodian.Web.Platform;

namespace Custodian.Web.Tests;

public sealed class StartupFailureTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_unknown_database_provider_stops_start_up_naming_the_setting()
    {
        using var data = new TemporaryFolder();

        var message = await StartAndExplain(["--Storage:DataDirectory=" + data.Path, "--Database:Provider=Oracle"]);

        Assert.Equal("Database:Provider: 'Oracle' is not a known provider; use Sqlite (embedded default) or Postgres.", message);
    }

    [Fact]
    public async Task An_unreachable_postgresql_stops_start_up_without_revealing_the_password()
    {
        using var data = new TemporaryFolder();

        var message = await StartAndExplain([
            "--Storage:DataDirectory=" + data.Path,
            "--Database:Provider=Postgres",
            "--Database:ConnectionString=Host=127.0.0.1;Port=1;Username=app;Password=TopSecret-42;Timeout=3",
        ]);

        Assert.StartsWith("Database:ConnectionString: cannot open the Postgres database", message, StringComparison.Ordinal);
        Assert.DoesNotContain("TopSecret-42", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unwritable_data_directory_stops_start_up_naming_the_setting()
    {
        using var data = new TemporaryFolder();
        var blocker = data.File("not-a-folder");
        await File.WriteAllTextAsync(blocker, "a file where the folder should be", Ct);

        var message = await StartAndExplain(["--Storage:DataDirectory=" + Path.Combine(blocker, "data")]);

        Assert.StartsWith("Storage:DataDirectory: the folder", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_analytics_engine_stops_start_up_naming_the_setting()
    {
        using var data = new TemporaryFolder();

        var message = await StartAndExplain(["--Storage:DataDirectory=" + data.Path, "--Analytics:Engine=Vertica"]);

        Assert.StartsWith("Analytics:Engine: 'Vertica' is not a known engine", message, StringComparison.Ordinal);
    }

    private static async Task<string?> StartAndExplain(string[] args)
    {
        await using var app = Program.Build([.. args, "--urls=http://127.0.0.1:0"]);
        var error = await Assert.ThrowsAnyAsync<Exception>(() => app.StartAsync(Ct));
        Assert.NotNull(StartupFailure.Explain(error));
        Assert.IsType<SettingProblemException>(error);
        return StartupFailure.Explain(error);
    }
}
