using System.CommandLine;
using Custodian.Modules.Billing.Statements;
using Custodian.Privacy.Abstractions.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Billing.Cli;

/// <summary><c>custodian billing statement import FILE</c>: the bank statements page's import, for scripts.</summary>
internal static class StatementCommands
{
    public static Command Statement(IVerbHost host)
    {
        var file = new Argument<FileInfo>("file") { Description = "The statement in the 1CClientBankExchange format (Windows-1251 or UTF-8)." };
        var json = new Option<bool>("--json") { Description = "Print the counts as JSON." };
        var import = new Command("import", "Import a bank statement: transfers naming an invoice with its amount and the payer's INN pay it; the rest wait on /operator/bank-statements. Importing again changes nothing.") { file, json };
        import.TreatUnmatchedTokensAsErrors = false;
        import.SetAction(async (parseResult, ct) =>
        {
            // Read here, in the CLI's process: the verb may run in the service's, which need not see this path.
            var path = parseResult.GetValue(file)!;
            if (!path.Exists)
            {
                await Console.Error.WriteLineAsync($"{path.FullName}: no such file.");
                return VerbExit.UsageError;
            }

            if (path.Length > BankStatementFormat.MaximumBytes)
            {
                await Console.Error.WriteLineAsync($"{path.Name}: larger than {BankStatementFormat.MaximumBytes / 1024 / 1024} MB, not a statement of one account.");
                return VerbExit.UsageError;
            }

            var bytes = await File.ReadAllBytesAsync(path.FullName, ct);
            return await host.RunAsync(BillingModule.Name, [.. parseResult.UnmatchedTokens], async (verb, cancellationToken) =>
            {
                await using var scope = verb.Services.CreateAsyncScope();
                var (result, problem) = await scope.ServiceProvider.GetRequiredService<ImportStatement>().ImportAsync(bytes, verb.Actor, cancellationToken);
                if (result is null)
                {
                    await verb.Error.WriteLineAsync($"{path.Name}: {problem}");
                    return VerbExit.UsageError;
                }

                if (parseResult.GetValue(json))
                {
                    await verb.WriteJsonAsync(new { incoming = result.Incoming, @new = result.New, alreadyImported = result.AlreadyImported, matched = result.Matched, unmatched = result.Unmatched, outgoing = result.Outgoing });
                }
                else
                {
                    var table = new VerbTable("incoming", "new", "imported before", "matched", "waiting for matching", "outgoing");
                    table.Add(Text(result.Incoming), Text(result.New), Text(result.AlreadyImported), Text(result.Matched), Text(result.Unmatched), Text(result.Outgoing));
                    await verb.WriteAsync(table);
                }

                return VerbExit.Ok;
            }, VerbNeeds.None, ct);
        });
        return new Command("statement", "Bank statements of the supplier's account.") { import };
    }

    private static string Text(int count) => count.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
