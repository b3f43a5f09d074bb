using System.CommandLine;
using System.Globalization;
using Custodian.Privacy;
using Custodian.Privacy.Abstractions.Hosting;
using Custodian.Privacy.Declarations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Custodian.Cli.Registers;

/// <summary>
/// <c>custodian registers validate [path]</c>: checks declarations before they are deployed (exit 1 with every
/// problem as file:line: key: message). <c>custodian registers list [--json]</c>: the registers the service runs.
/// <c>custodian registers show NAME [--json]</c>: one register as the service runs it.
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

        var listJson = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var list = new Command("list", "List the registers: id, law, role, title, categories of data.") { listJson };
        list.TreatUnmatchedTokensAsErrors = false;
        list.SetAction((parseResult, ct) => CliHost.RunAsync([.. parseResult.UnmatchedTokens], (services, _) =>
            List(PrivacyKernel.RegistersPath(services.GetRequiredService<IConfiguration>()), parseResult.GetValue(listJson)), ct, migrateFirst: false));

        var name = new Argument<string>("name") { Description = "Register id, e.g. training." };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of tables." };
        var show = new Command("show", "Show one register: controller, purposes with legal bases, data and retention.") { name, json };
        show.TreatUnmatchedTokensAsErrors = false;
        show.SetAction((parseResult, ct) => CliHost.RunAsync([.. parseResult.UnmatchedTokens], (services, _) =>
            Show(parseResult.GetValue(name)!, PrivacyKernel.RegistersPath(services.GetRequiredService<IConfiguration>()), parseResult.GetValue(json)), ct, migrateFirst: false));

        var registers = new Command("registers", "The register declarations (policy as code) and the documents generated from them.") { validate, list, show };
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

    private static async Task<int> List(string folder, bool json)
    {
        var (registers, problems) = RegisterCatalog.Validate(folder);
        if (json)
        {
            await Terminal.WriteJsonAsync(registers.Select(r => new { id = r.Id, law = DeclarationNames.Of(r.Law), role = DeclarationNames.Of(r.Role), title = r.Title.In("en"), categories = r.Categories.Select(c => c.Id) }));
        }
        else
        {
            var table = new VerbTable("id", "law", "role", "title");
            foreach (var register in registers)
            {
                table.Add(register.Id, DeclarationNames.Of(register.Law), DeclarationNames.Of(register.Role), register.Title.In("en"));
            }

            await Terminal.WriteAsync(table);
        }

        if (problems.Count > 0)
        {
            await Console.Error.WriteLineAsync($"{problems.Count} problem(s) in {folder}: registers with problems are not listed; run 'custodian registers validate'.");
            return 1;
        }

        return 0;
    }

    private static async Task<int> Show(string id, string folder, bool json)
    {
        var (registers, problems) = RegisterCatalog.Validate(folder);
        var register = registers.FirstOrDefault(r => r.Id == id);
        if (register is null)
        {
            await Console.Error.WriteLineAsync(problems.Any(p => p.File.EndsWith(id + ".yaml", StringComparison.Ordinal))
                ? $"Register '{id}' has problems; run 'custodian registers validate'."
                : $"No register '{id}'. Known: {string.Join(", ", registers.Select(r => r.Id))}.");
            return 1;
        }

        if (json)
        {
            await Terminal.WriteJsonAsync(new
            {
                id = register.Id, title = register.Title.In("en"), law = DeclarationNames.Of(register.Law), role = DeclarationNames.Of(register.Role),
                controller = new { name = register.Controller.Name, contact = register.Controller.Contact },
                processor = register.Processor is { } p ? new { name = p.Name, contact = p.Contact } : null,
                purposes = register.Purposes.Select(p => new { id = p.Id, legalBasis = p.LegalBasis.Code, specialCategoryBasis = p.SpecialCategoryBasis?.Code, categories = p.Categories }),
                categories = register.Categories.Select(c => new
                {
                    id = c.Id, fields = c.Fields, sensitivity = DeclarationNames.Of(c.Sensitivity),
                    retention = new { period = c.Retention.Period.ToString(), trigger = DeclarationNames.Of(c.Retention.Trigger), action = DeclarationNames.Of(c.Retention.Action) },
                    erasure = DeclarationNames.Of(c.Erasure),
                }),
                transfers = register.Transfers.Statement.In("en"),
            });
            return 0;
        }

        AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[bold]{register.Title}[/] ({register.Id}, {DeclarationNames.Of(register.Law)}, {DeclarationNames.Of(register.Role)})");
        AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Controller: {register.Controller.Name}, {register.Controller.Contact}");
        if (register.Processor is { } processor)
        {
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Processor: {processor.Name}, {processor.Contact}");
        }

        var purposes = new VerbTable("purpose", "legal basis", "categories");
        foreach (var purpose in register.Purposes)
        {
            purposes.Add(purpose.Id, purpose.LegalBasis.Code + (purpose.SpecialCategoryBasis is { } s ? " + " + s.Code : ""), string.Join(", ", purpose.Categories));
        }

        var categories = new VerbTable("category", "fields", "sensitivity", "retention", "erasure");
        foreach (var category in register.Categories)
        {
            categories.Add(
                category.Id,
                string.Join(", ", category.Fields),
                DeclarationNames.Of(category.Sensitivity),
                $"{category.Retention.Period} after {DeclarationNames.Of(category.Retention.Trigger)} → {DeclarationNames.Of(category.Retention.Action)}",
                DeclarationNames.Of(category.Erasure));
        }

        await Console.Out.WriteLineAsync();
        await Console.Out.WriteLineAsync("Purposes");
        await Terminal.WriteAsync(purposes);
        await Console.Out.WriteLineAsync();
        await Console.Out.WriteLineAsync("Data and retention");
        await Terminal.WriteAsync(categories);
        await Console.Out.WriteLineAsync();
        AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Transfers: {register.Transfers.Statement}");
        return 0;
    }
}
