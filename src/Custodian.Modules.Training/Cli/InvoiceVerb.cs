using System.CommandLine;
using Custodian.Modules.Training.Invoicing;
using Custodian.Privacy.Abstractions.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Training.Cli;

/// <summary><c>custodian training invoice --session ID</c>: asks billing to invoice the employers of an ended session (again, for a rejected request).</summary>
internal static class InvoiceVerb
{
    public static Command Create(IVerbHost host)
    {
        var session = new Option<string>("--session") { Description = "The session's id (from `training sessions list`).", Required = true };
        var invoice = new Command("invoice", "Invoice every employer whose staff took part in an ended session: one invoice per employer, through billing. A request billing rejected is made again with the data as it is now.") { session };
        invoice.TreatUnmatchedTokensAsErrors = false;
        invoice.SetAction((parseResult, ct) => host.RunAsync(TrainingModule.Name, [.. parseResult.UnmatchedTokens], (verb, cancellationToken) => TrainingVerbs.Guarded(verb, async () =>
        {
            var id = Guid.TryParse(parseResult.GetValue(session), out var parsed) ? parsed : throw new TrainingInputException("session", "--session: not a session id.");
            await using var scope = verb.Services.CreateAsyncScope();
            var outcome = await scope.ServiceProvider.GetRequiredService<RequestEmployerInvoices>().ForSessionAsync(id, verb.Actor, cancellationToken);
            await verb.Out.WriteLineAsync(outcome is { Requested: 0, AlreadyRequested: 0 }
                ? "No employer enrolled anyone in this session: nothing to invoice."
                : $"Invoices requested from billing: {outcome.Requested}; requested before: {outcome.AlreadyRequested}.");
            return VerbExit.Ok;
        }), VerbNeeds.None, ct));
        return invoice;
    }
}

/// <summary>What every training verb does with input the operator can correct: the message, and the usage exit code.</summary>
internal static class TrainingVerbs
{
    public static async Task<int> Guarded(VerbContext context, Func<Task<int>> verb)
    {
        try
        {
            return await verb();
        }
        catch (TrainingInputException e)
        {
            await context.Error.WriteLineAsync(e.Message);
            return VerbExit.UsageError;
        }
        catch (TrainingNotFoundException)
        {
            await context.Error.WriteLineAsync("No such record.");
            return VerbExit.UsageError;
        }
    }
}
