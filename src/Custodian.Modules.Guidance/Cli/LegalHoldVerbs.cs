using System.CommandLine;
using Custodian.Modules.Guidance.Rights;
using Custodian.Privacy.Abstractions.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Guidance.Cli;

/// <summary>
/// <c>guidance holds add|lift</c>: an operator places a legal hold on a client's record on the controller's instruction
/// (an authority process pending, a court's preservation order), so neither erasure nor retention removes it, and lifts it.
/// </summary>
internal static class LegalHoldVerbs
{
    private const string Actor = "operator:cli";

    public static Command Holds(IVerbHost host)
    {
        var client = new Option<string>("--client") { Description = "The client's record id (as in its page address).", Required = true };
        var reason = new Option<string>("--reason") { Description = "authority-process or court-order.", Required = true };
        var explanation = new Option<string>("--explanation") { Description = "Why, as the client is told (e.g. the authority's case number; never the client's data).", Required = true };
        var until = new Option<string?>("--until") { Description = "Last day of the hold (YYYY-MM-DD), if known." };
        var add = new Command("add", "Place a legal hold on a client's record; prints its id.") { client, reason, explanation, until };
        add.TreatUnmatchedTokensAsErrors = false;
        add.SetAction((parseResult, ct) => host.RunAsync(GuidanceModule.Name, [.. parseResult.UnmatchedTokens], (verb, cancellationToken) => GuidanceCommandSet.Guarded(verb, async () =>
        {
            var id = Guid.TryParse(parseResult.GetValue(client), out var parsed) ? parsed : throw new GuidanceInputException("--client: not a client id.");
            await using var scope = verb.Services.CreateAsyncScope();
            var hold = await scope.ServiceProvider.GetRequiredService<LegalHolds>().PlaceAsync(Actor, id, parseResult.GetValue(reason), parseResult.GetValue(explanation), parseResult.GetValue(until), cancellationToken);
            await verb.Out.WriteLineAsync(hold.ToString("D"));
            return VerbExit.Ok;
        }), VerbNeeds.None, ct));

        var holdId = new Option<string>("--hold") { Description = "The hold's id (printed when it was placed).", Required = true };
        var lift = new Command("lift", "Lift a legal hold: the record follows its declared retention again.") { holdId };
        lift.TreatUnmatchedTokensAsErrors = false;
        lift.SetAction((parseResult, ct) => host.RunAsync(GuidanceModule.Name, [.. parseResult.UnmatchedTokens], (verb, cancellationToken) => GuidanceCommandSet.Guarded(verb, async () =>
        {
            var id = Guid.TryParse(parseResult.GetValue(holdId), out var parsed) ? parsed : throw new GuidanceInputException("--hold: not a hold id.");
            await using var scope = verb.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<LegalHolds>().LiftAsync(Actor, id, cancellationToken);
            await verb.Error.WriteLineAsync("Lifted.");
            return VerbExit.Ok;
        }), VerbNeeds.None, ct));
        return new Command("holds", "Legal holds on client records.") { add, lift };
    }
}
