using System.CommandLine;
using Custodian.Privacy.Abstractions.Hosting;
using Custodian.Storage.Records;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Custodian.Cli.Database;

/// <summary><c>custodian db migrate [--json]</c>: applies pending migrations of every module's DbContext and lists them.</summary>
internal static class MigrateDatabase
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var command = new Command("migrate", "Apply pending migrations to the configured records database (Database:Provider, Database:ConnectionString).")
        {
            json,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parseResult, cancellationToken) =>
            CliHost.RunAsync([.. parseResult.UnmatchedTokens], (services, ct) => MigrateAsync(services, parseResult.GetValue(json), ct), cancellationToken, migrateFirst: false));
        return command;
    }

    private static async Task<int> MigrateAsync(IServiceProvider services, bool json, CancellationToken cancellationToken)
    {
        var settings = services.GetRequiredService<DatabaseSettings>();
        var reports = await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        if (json)
        {
            await Terminal.WriteJsonAsync(new { provider = settings.Provider.ToString(), contexts = reports.Select(r => new { context = r.Context, applied = r.Applied }) });
            return 0;
        }

        var table = new VerbTable("context", "applied now");
        foreach (var report in reports)
        {
            table.Add(report.Context, report.Applied.Count == 0 ? "up to date" : string.Join(", ", report.Applied));
        }

        await Terminal.WriteAsync(table);
        AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture, $"[green]{settings.Provider} database is up to date[/] ({reports.Sum(r => r.Applied.Count)} migrations applied).");
        return 0;
    }
}
