using System.CommandLine;
using System.Globalization;
using Custodian.Privacy.Audit;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Custodian.Cli.Audit;

/// <summary><c>custodian audit verify</c>: proves the chain and the signed checkpoints, or names the first bad entry (exit 1).</summary>
internal static class AuditCommands
{
    public static Command Create()
    {
        var verify = new Command("verify", "Check the audit log's hash chain and signed checkpoints.");
        verify.TreatUnmatchedTokensAsErrors = false;
        verify.SetAction((parseResult, ct) => CliHost.RunAsync([.. parseResult.UnmatchedTokens], async (services, token) =>
        {
            await using var scope = services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(null, token);
            if (result.Intact)
            {
                AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[green]Audit log intact:[/] {result.Entries} entries, {result.Checkpoints} signed checkpoints.");
                return 0;
            }

            await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Audit log TAMPERED: first bad entry {result.FirstBadSequence}: {result.Problem}"));
            return 1;
        }, ct));
        return new Command("audit", "The tamper-evident audit log.") { verify };
    }
}
