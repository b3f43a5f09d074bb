using Custodian.Storage.Records;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Benchmarks;

/// <summary>The real service graph on a throwaway SQLite file (the embedded default), migrated.</summary>
internal sealed class BenchHost : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("custodian-bench-").FullName;

    private BenchHost(string[] extraArgs, Action<WebApplicationBuilder>? configure) =>
        App = Web.Program.Build(["--Storage:DataDirectory=" + _folder, "--Logging:LogLevel:Default=Warning", "--Demo:SeedOnStart=false", "--Marketplace:Sync:Enabled=false", .. extraArgs], configure);

    public WebApplication App { get; }

    public static Task<BenchHost> StartAsync(params string[] extraArgs) => StartAsync(null, extraArgs);

    public static async Task<BenchHost> StartAsync(Action<WebApplicationBuilder>? configure, params string[] extraArgs)
    {
        var host = new BenchHost(extraArgs, configure);
        await host.App.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
