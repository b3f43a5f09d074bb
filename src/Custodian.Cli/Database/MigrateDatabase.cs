using System.CommandLine;
using Custodian.Storage.Records;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Custodian.Cli.Database;

/// <summary><c>custodian db migrate</c>: applies pending migrations of every module's DbContext and lists them.</summary>
internal static class MigrateDatabase
{
    public static Command Create()
    {
        var command = new Command("migrate", "Apply pending migrations to the configured records database (Database:Provider, Database:ConnectionString).")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction((parseResult, cancellationToken) =>
            CliHost.RunAsync([.. parseResult.UnmatchedTokens], MigrateAsync, cancellationToken, migrateFirst: false));
        return command;
    }

    private static async Task<int> MigrateAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var settings = services.GetRequiredService<DatabaseSettings>();
        var reports = await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        var table = new Table().AddColumns("Context", "Applied now");
        foreach (var report in reports)
        {
            table.AddRow(
                Markup.Escape(report.Context),
                report.Applied.Count == 0 ? "[grey]up to date[/]" : Markup.Escape(string.Join(Environment.NewLine, report.Applied)));
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture, $"[green]{settings.Provider} database is up to date[/] ({reports.Sum(r => r.Applied.Count)} migrations applied).");
        return 0;
    }
}
