using System.CommandLine;
using System.Globalization;
using Custodian.Privacy;
using Custodian.Privacy.Abstractions.Hosting;
using Custodian.Privacy.Declarations;
using Custodian.Privacy.Retention;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Cli.Retention;

/// <summary>
/// <c>custodian retention plan</c> (dry run: what each rule would delete, anonymise or leave for review, and what
/// legal holds keep), <c>custodian retention run</c> (does it, rule by rule, and names the destruction acts), and
/// <c>custodian retention acts [--format csv|pdf|json]</c> (the acts of the last three years). Tables have <c>--json</c>.
/// </summary>
internal static class RetentionCommands
{
    public static Command Create()
    {
        var planJson = JsonOption();
        var plan = new Command("plan", "Show what the retention rules would destroy now, per rule, without changing anything.") { planJson };
        plan.TreatUnmatchedTokensAsErrors = false;
        plan.SetAction((parseResult, ct) => CliHost.RunAsync([.. parseResult.UnmatchedTokens], async (services, cancellationToken) =>
        {
            await using var scope = services.CreateAsyncScope();
            await PrintAsync(await scope.ServiceProvider.GetRequiredService<RetentionSweep>().PlanAsync(cancellationToken), run: false, parseResult.GetValue(planJson));
            return 0;
        }, ct));

        var runJson = JsonOption();
        var run = new Command("run", "Execute the retention rules now (legal holds are respected) and write destruction acts.") { runJson };
        run.TreatUnmatchedTokensAsErrors = false;
        run.SetAction((parseResult, ct) => CliHost.RunAsync([.. parseResult.UnmatchedTokens], async (services, cancellationToken) =>
        {
            await using var scope = services.CreateAsyncScope();
            var progress = new Progress<RuleOutcome>(o => Console.Error.WriteLine($"  {o.Register}/{o.Category}: {o.Applied} of {o.Due} done"));
            await PrintAsync(await scope.ServiceProvider.GetRequiredService<RetentionSweep>().RunAsync(progress, cancellationToken), run: true, parseResult.GetValue(runJson));
            return 0;
        }, ct));

        var format = new Option<string>("--format") { Description = "table (default) | csv | pdf | json", DefaultValueFactory = _ => "table" };
        var actsJson = JsonOption();
        var acts = new Command("acts", "List the destruction acts of the last three years.") { format, actsJson };
        acts.TreatUnmatchedTokensAsErrors = false;
        acts.SetAction((parseResult, ct) => CliHost.RunAsync([.. parseResult.UnmatchedTokens], async (services, cancellationToken) =>
        {
            var chosen = parseResult.GetValue(actsJson) ? "json" : parseResult.GetValue(format);
            if (chosen is not ("table" or "csv" or "pdf" or "json"))
            {
                await Console.Error.WriteLineAsync($"--format: '{chosen}' is not one of table, csv, pdf, json.");
                return CustodianCommand.UsageError;
            }

            if (parseResult.GetValue(actsJson) && parseResult.GetValue(format) is not ("table" or "json") and var other)
            {
                await Console.Error.WriteLineAsync($"--json and --format {other} ask for two formats; give one.");
                return CustodianCommand.UsageError;
            }

            await using var scope = services.CreateAsyncScope();
            var list = await scope.ServiceProvider.GetRequiredService<PrivacyDb>().DestructionActs.AsNoTracking().OrderBy(a => a.PerformedAtUtc).ToListAsync(cancellationToken);
            switch (chosen)
            {
                case "pdf":
                    Registers.GeneratedNotices.WriteBinary(DestructionActs.ToPdf(list));
                    break;
                case "csv":
                    await Console.Out.WriteAsync(DestructionActs.ToCsv(list));
                    break;
                case "json":
                    await Terminal.WriteJsonAsync(list.Select(a => new
                    {
                        number = a.Number, performedAtUtc = a.PerformedAtUtc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), @operator = a.Operator, register = a.Register,
                        category = a.Category, fields = a.Fields, records = a.Records, subjects = a.Subjects, media = a.Media, method = a.Method, reason = a.Reason, performedBy = a.PerformedBy,
                    }));
                    break;
                default:
                    var table = new VerbTable("act", "date (UTC)", "register", "category", "records", "method", "reason", "by").AlignRight("records");
                    foreach (var act in list)
                    {
                        table.Add(act.Number, act.PerformedAtUtc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), act.Register, act.Category, act.Records.ToString(CultureInfo.InvariantCulture), act.Method, act.Reason, act.PerformedBy);
                    }

                    await Terminal.WriteAsync(table);
                    break;
            }

            return 0;
        }, ct));
        return new Command("retention", "Retention rules: dry run, run, destruction acts.") { plan, run, acts };
    }

    private static Option<bool> JsonOption() => new("--json") { Description = "Print JSON instead of a table." };

    private static async Task PrintAsync(IReadOnlyList<RuleOutcome> outcomes, bool run, bool json)
    {
        var shown = outcomes.Where(o => o.Due > 0 || o.Applied > 0).ToList();
        var due = outcomes.Sum(o => o.Due);
        var held = outcomes.Sum(o => o.Held);
        var destroyed = run ? outcomes.Sum(o => o.Applied) : outcomes.Where(o => o.Action != RetentionAction.Review).Sum(o => o.Due - o.Held);
        if (json)
        {
            await Terminal.WriteJsonAsync(new
            {
                rulesChecked = outcomes.Count, due, held, destroyedOrAnonymised = run ? destroyed : (int?)null, wouldDestroyOrAnonymise = run ? (int?)null : destroyed,
                rules = shown.Select(o => new
                {
                    register = o.Register, category = o.Category, rule = o.Rule, action = DeclarationNames.Of(o.Action), cutoffUtc = o.Cutoff.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                    due = o.Due, held = o.Held, applied = run ? o.Applied : (int?)null, act = o.Act,
                }),
            });
            return;
        }

        var table = new VerbTable("register", "category", "rule", "due", "held", run ? "done" : "would", "act").AlignRight("due", "held");
        foreach (var o in shown)
        {
            var would = o.Action == RetentionAction.Review ? $"{o.Due - o.Held} to review" : $"{o.Due - o.Held} {DeclarationNames.Of(o.Action)}";
            table.Add(o.Register, o.Category, o.Rule, o.Due.ToString(CultureInfo.InvariantCulture), o.Held.ToString(CultureInfo.InvariantCulture), run ? o.Applied.ToString(CultureInfo.InvariantCulture) : would, o.Act ?? "");
        }

        await Terminal.WriteAsync(table);
        await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{outcomes.Count} rules checked; {due} records due, {held} held, {destroyed} {(run ? "destroyed or anonymised" : "would be destroyed or anonymised")}."));
    }
}
