using System.CommandLine;
using Custodian.Web.Platform;

namespace Custodian.Cli;

/// <summary><c>custodian serve [host options]</c>: the web service, exactly as <c>dotnet run --project src/Custodian.Web</c>.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var command = new Command("serve", "Run the web service (same as running Custodian.Web). Host options such as --urls pass through.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction((parseResult, cancellationToken) =>
            StartupFailure.RunAsync(() => Web.Program.Build([.. parseResult.UnmatchedTokens]), cancellationToken));
        return command;
    }
}
