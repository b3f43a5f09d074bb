using System.CommandLine;
using System.Globalization;
using Custodian.Modules.Training.Catalogue;
using Custodian.Modules.Training.Demo;
using Custodian.Privacy.Abstractions.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Training.Cli;

/// <summary>The training verbs for the <c>custodian</c> command: <c>training sessions list|add|cancel</c>, <c>training cards issue</c>, <c>training export completions</c> and <c>training demo-seed</c>. No verb prints a trainee's data.</summary>
public static class TrainingCommandSet
{
    private const string Module = TrainingModule.Name;

    public static void AddTrainingCommands(this Command root, IVerbHost host)
    {
        ArgumentNullException.ThrowIfNull(root);
        root.Subcommands.Add(new Command("training", "Card training: courses, sessions, enrolments and cards.") { Sessions(host), StaffVerbs.CardsIssue(host), StaffVerbs.Export(host), DemoSeed(host), InvoiceVerb.Create(host) });
    }

    private static Command Sessions(IVerbHost host)
    {
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var list = new Command("list", "Upcoming sessions: id, course, card type, start (UTC), place, seats taken of capacity.") { json };
        list.TreatUnmatchedTokensAsErrors = false;
        list.SetAction((parseResult, ct) => host.RunAsync(Module, [.. parseResult.UnmatchedTokens], async (verb, cancellationToken) =>
        {
            await using var scope = verb.Services.CreateAsyncScope();
            var sessions = await scope.ServiceProvider.GetRequiredService<UpcomingSessions>().ListAsync(cancellationToken);
            if (parseResult.GetValue(json))
            {
                await verb.WriteJsonAsync(sessions.Select(s => new { id = s.SessionId, course = s.CourseFi, cardType = s.CardTypeKey, startsAt = s.StartsAtUtc, place = s.Place, capacity = s.Capacity, seatsTaken = s.SeatsTaken }));
                return VerbExit.Ok;
            }

            var table = new VerbTable("id", "course", "card type", "starts (UTC)", "place", "seats");
            foreach (var s in sessions)
            {
                table.Add(s.SessionId.ToString("D"), s.CourseFi, s.CardTypeKey, s.StartsAtUtc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), s.Place, $"{s.SeatsTaken}/{s.Capacity}");
            }

            await verb.WriteAsync(table);
            return VerbExit.Ok;
        }, VerbNeeds.None, ct));
        return new Command("sessions", "Course sessions.") { list, StaffVerbs.SessionsAdd(host), StaffVerbs.SessionsCancel(host) };
    }

    private static Command DemoSeed(IVerbHost host)
    {
        var seed = new Command("demo-seed", "Create the demo catalogue (card types, courses, sessions) when there is none.");
        seed.TreatUnmatchedTokensAsErrors = false;
        seed.SetAction((parseResult, ct) => host.RunAsync(Module, [.. parseResult.UnmatchedTokens], async (verb, cancellationToken) =>
        {
            await using var scope = verb.Services.CreateAsyncScope();
            var created = await scope.ServiceProvider.GetRequiredService<TrainingDemoSeed>().SeedAsync(cancellationToken);
            await verb.Out.WriteLineAsync(created == 0 ? "The demo catalogue is there already." : $"Created {created} demo sessions.");
            return VerbExit.Ok;
        }, VerbNeeds.None, ct));
        return seed;
    }
}
