using System.CommandLine;
using Spectre.Console;
using Custodian.Cli.Audit;
using Custodian.Cli.Database;
using Custodian.Cli.Identifiers;
using Custodian.Cli.Keys;
using Custodian.Cli.Registers;
using Custodian.Cli.Requests;
using Custodian.Cli.Retention;
using Custodian.Privacy.Abstractions.Hosting;

namespace Custodian.Cli;

/// <summary>The <c>custodian</c> operator command. Each verb lives in its own file and drives the same code as the web host.</summary>
public static class CustodianCommand
{
    /// <summary>Exit code for a command line that cannot be run as given (unknown verb, bad option value).</summary>
    public const int UsageError = Privacy.Abstractions.Hosting.VerbExit.UsageError;

    public static async Task<int> Main(string[] args)
    {
        // Redirected output has no terminal width; honour COLUMNS like other command-line tools.
        if (int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out var columns) && columns > 20)
        {
            AnsiConsole.Profile.Width = columns;
        }

        var modules = new ModuleVerbHost();
        var parsed = Create(modules).Parse(args);
        if (parsed.Errors.Count == 0)
        {
            CliLogging.Verbose = parsed.Tokens.Any(t => t.Value == CliLogging.VerboseOption);
            // A module verb may run in the service, which parses the same words again (response files already expanded).
            modules.CommandLine = [.. parsed.Tokens.Select(t => t.Value).Where(v => v != CliLogging.VerboseOption)];
            return await parsed.InvokeAsync();
        }

        foreach (var error in parsed.Errors)
        {
            await Console.Error.WriteLineAsync(error.Message);
        }

        await Console.Error.WriteLineAsync("Run 'custodian --help' for usage.");
        return UsageError;
    }

    public static RootCommand Create(IVerbHost modules)
    {
        var root = new RootCommand("Custodian: privacy-kernel services for personal data. Operator command.")
        {
            new Option<bool>(CliLogging.VerboseOption) { Description = "Log to stderr at Information (EF Core's SQL included); without it, warnings and errors only.", Recursive = true },
        };
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(ValidateIdentifiers.Create());
        root.Subcommands.Add(RegisterCommands.Create());
        root.Subcommands.Add(KeyCommands.Create());
        root.Subcommands.Add(AuditCommands.Create());
        root.Subcommands.Add(RequestDueDate.Create());
        root.Subcommands.Add(RetentionCommands.Create());
        Web.Program.AddModuleCommands(root, modules); // the modules' verbs; they run in the service when one runs (ADR 0014)
        root.Subcommands.Add(new Command("db", "The records database (SQLite or PostgreSQL).")
        {
            MigrateDatabase.Create(),
        });
        return root;
    }
}
