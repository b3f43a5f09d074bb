using System.CommandLine;
using System.Globalization;
using Custodian.Privacy;
using Custodian.Privacy.Declarations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Custodian.Cli.Registers;

/// <summary>
/// <c>custodian registers validate [path]</c>: checks declarations before they are deployed (exit 1 with every
/// problem as file:line: key: message). <c>custodian registers show NAME</c>: one register as the service runs it.
/// </summary>
internal static class RegisterCommands
{
    public static Command Create()
    {
        var path = new Argument<string?>("path") { Description = "Folder of register YAML files (default: Privacy:RegistersPath).", Arity = ArgumentArity.ZeroOrOne };
        var validate = new Command("validate", "Check register declarations and list every problem with file and line.") { path };
        validate.TreatUnmatchedTokensAsErrors = false;
        validate.SetAction((parseResult, ct) => CliHost.RunAsync([.. parseResult.UnmatchedTokens], (services, _) =>
            Task.FromResult(Validate(parseResult.GetValue(path) ?? PrivacyKernel.RegistersPath(services.GetRequiredService<IConfiguration>()))), ct, migrateFirst: false));

        var name = new Argument<string>("name") { Description = "Register id, e.g. training." };
        var show = new Command("show", "Show one register: controller, purposes with legal bases, data and retention.") { name };
        show.TreatUnmatchedTokensAsErrors = false;
        show.SetAction((parseResult, ct) => CliHost.RunAsync([.. parseResult.UnmatchedTokens], (services, _) =>
            Task.FromResult(Show(parseResult.GetValue(name)!, PrivacyKernel.RegistersPath(services.GetRequiredService<IConfiguration>()))), ct, migrateFirst: false));

        var registers = new Command("registers", "The register declarations (policy as code) and the documents generated from them.") { validate, show };
        foreach (var generated in GeneratedNotices.Create())
        {
            registers.Subcommands.Add(generated);
        }

        return registers;
    }

    private static int Validate(string folder)
    {
        var (registers, problems) = RegisterCatalog.Validate(folder);
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                Console.Error.WriteLine(problem.ToString());
            }

            Console.Error.WriteLine($"{problems.Count} problem(s) in {folder}");
            return 1;
        }

        Console.Out.WriteLine($"{registers.Count} registers valid: {string.Join(", ", registers.Select(r => r.Id))}");
        return 0;
    }

    private static int Show(string id, string folder)
    {
        var (registers, problems) = RegisterCatalog.Validate(folder);
        var register = registers.FirstOrDefault(r => r.Id == id);
        if (register is null)
        {
            Console.Error.WriteLine(problems.Any(p => p.File.EndsWith(id + ".yaml", StringComparison.Ordinal))
                ? $"Register '{id}' has problems; run 'custodian registers validate'."
                : $"No register '{id}'. Known: {string.Join(", ", registers.Select(r => r.Id))}.");
            return 1;
        }

        AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[bold]{register.Title}[/] ({register.Id}, {DeclarationNames.Of(register.Law)}, {DeclarationNames.Of(register.Role)})");
        AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Controller: {register.Controller.Name}, {register.Controller.Contact}");
        if (register.Processor is { } processor)
        {
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Processor: {processor.Name}, {processor.Contact}");
        }

        var purposes = new Table().Title("Purposes").AddColumns("Purpose", "Legal basis", "Categories");
        foreach (var purpose in register.Purposes)
        {
            purposes.AddRow(Markup.Escape(purpose.Id), Markup.Escape(purpose.LegalBasis.Code + (purpose.SpecialCategoryBasis is { } s ? " + " + s.Code : "")), Markup.Escape(string.Join(", ", purpose.Categories)));
        }

        var categories = new Table().Title("Data and retention").AddColumns("Category", "Fields", "Sensitivity", "Retention", "Erasure");
        foreach (var category in register.Categories)
        {
            categories.AddRow(
                Markup.Escape(category.Id),
                Markup.Escape(string.Join(", ", category.Fields)),
                DeclarationNames.Of(category.Sensitivity),
                Markup.Escape($"{category.Retention.Period} after {DeclarationNames.Of(category.Retention.Trigger)} → {DeclarationNames.Of(category.Retention.Action)}"),
                DeclarationNames.Of(category.Erasure));
        }

        AnsiConsole.Write(purposes);
        AnsiConsole.Write(categories);
        AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Transfers: {register.Transfers.Statement}");
        return 0;
    }
}
