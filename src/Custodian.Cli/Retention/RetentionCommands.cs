using System.CommandLine;
using System.Globalization;
using System.Text;
using Custodian.Privacy;
using Custodian.Privacy.Retention;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Custodian.Cli.Retention;

/// <summary>
/// <c>custodian retention plan</c> (dry run: what each rule would delete, anonymise or leave for review, and what
/// legal holds keep), <c>custodian retention run</c> (does it, rule by rule, and names the destruction acts), and
/// <c>custodian retention acts [--format csv|pdf]</c> (the acts of the last three years).
/// </summary>
internal static class RetentionCommands
{
    public static Command Create()
    {
        var plan = new Command("plan", "Show what the retention rules would destroy now, per rule, without changing anything.");
        plan.TreatUnmatchedTokensAsErrors = false;
        plan.SetAction((parseResult, ct) => CliHost.RunAsync([.. parseResult.UnmatchedTokens], async (services, cancellationToken) =>
        {
            await using var scope = services.CreateAsyncScope();
            Print(await scope.ServiceProvider.GetRequiredService<RetentionSweep>().PlanAsync(cancellationToken), run: false);
            return 0;
        }, ct));

        var run = new Command("run", "Execute the retention rules now (legal holds are respected) and write destruction acts.");
        run.TreatUnmatchedTokensAsErrors = false;
        run.SetAction((parseResult, ct) => CliHost.RunAsync([.. parseResult.UnmatchedTokens], async (services, cancellationToken) =>
        {
            await using var scope = services.CreateAsyncScope();
            var progress = new Progress<RuleOutcome>(o => Console.Error.WriteLine($"  {o.Register}/{o.Category}: {o.Applied} of {o.Due} done"));
            Print(await scope.ServiceProvider.GetRequiredService<RetentionSweep>().RunAsync(progress, cancellationToken), run: true);
            return 0;
        }, ct));

        var format = new Option<string>("--format") { Description = "table (default) | csv | pdf", DefaultValueFactory = _ => "table" };
        var acts = new Command("acts", "List the destruction acts of the last three years.") { format };
        acts.TreatUnmatchedTokensAsErrors = false;
        acts.SetAction((parseResult, ct) => CliHost.RunAsync([.. parseResult.UnmatchedTokens], async (services, cancellationToken) =>
        {
            if (parseResult.GetValue(format) is not ("table" or "csv" or "pdf") and var bad)
            {
                await Console.Error.WriteLineAsync($"--format: '{bad}' is not one of table, csv, pdf.");
                return CustodianCommand.UsageError;
            }

            await using var scope = services.CreateAsyncScope();
            var list = await scope.ServiceProvider.GetRequiredService<PrivacyDb>().DestructionActs.AsNoTracking().OrderBy(a => a.PerformedAtUtc).ToListAsync(cancellationToken);
            if (parseResult.GetValue(format) == "pdf")
            {
                Registers.GeneratedNotices.WriteBinary(DestructionActs.ToPdf(list));
                return 0;
            }

            Console.Out.Write(parseResult.GetValue(format) == "csv" ? DestructionActs.ToCsv(list) : string.Empty);
            if (parseResult.GetValue(format) != "csv")
            {
                var table = new Table().AddColumns("Act", "Date (UTC)", "Register", "Category", "Records", "Method", "Reason", "By");
                foreach (var act in list)
                {
                    table.AddRow(act.Number, act.PerformedAtUtc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), act.Register, act.Category, act.Records.ToString(CultureInfo.InvariantCulture), Markup.Escape(act.Method), Markup.Escape(act.Reason), Markup.Escape(act.PerformedBy));
                }

                AnsiConsole.Write(table);
            }

            return 0;
        }, ct));
        return new Command("retention", "Retention rules: dry run, run, destruction acts.") { plan, run, acts };
    }

    private static void Print(IReadOnlyList<RuleOutcome> outcomes, bool run)
    {
        var table = new Table().AddColumns("Register", "Category", "Rule", "Due", "Held", run ? "Done" : "Would", "Act");
        foreach (var o in outcomes.Where(o => o.Due > 0 || o.Applied > 0))
        {
            var would = o.Action == Privacy.Declarations.RetentionAction.Review ? $"{o.Due - o.Held} to review" : $"{o.Due - o.Held} {Privacy.Declarations.DeclarationNames.Of(o.Action)}";
            table.AddRow(o.Register, o.Category, Markup.Escape(o.Rule), o.Due.ToString(CultureInfo.InvariantCulture), o.Held.ToString(CultureInfo.InvariantCulture), run ? o.Applied.ToString(CultureInfo.InvariantCulture) : would, o.Act ?? "");
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"{outcomes.Count} rules checked; {outcomes.Sum(o => o.Due)} records due, {outcomes.Sum(o => o.Held)} held, {(run ? outcomes.Sum(o => o.Applied) + " destroyed or anonymised" : outcomes.Where(o => o.Action != Privacy.Declarations.RetentionAction.Review).Sum(o => o.Due - o.Held) + " would be destroyed or anonymised")}.");
    }
}
