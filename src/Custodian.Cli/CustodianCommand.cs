using System.CommandLine;
using Custodian.Cli.Database;

namespace Custodian.Cli;

/// <summary>The <c>custodian</c> operator command. Each verb lives in its own file and drives the same code as the web host.</summary>
public static class CustodianCommand
{
    public static async Task<int> Main(string[] args) => await Create().Parse(args).InvokeAsync();

    public static RootCommand Create()
    {
        var root = new RootCommand("Custodian: privacy-kernel services for personal data. Operator command.");
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(new Command("db", "The records database (SQLite or PostgreSQL).")
        {
            MigrateDatabase.Create(),
        });
        return root;
    }
}
