using System.CommandLine;
using Custodian.Modules.Guidance.Demo;
using Custodian.Modules.Guidance.Programmes;
using Custodian.Privacy.Abstractions.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Guidance.Cli;

/// <summary>
/// The guidance verbs for the <c>custodian</c> command: <c>guidance programmes list|add</c>, <c>guidance assign</c>
/// (a staff account to a programme with a role) and <c>guidance demo-seed</c>. No verb prints a client's data.
/// </summary>
public static class GuidanceCommandSet
{
    private const string Module = GuidanceModule.Name;

    public static void AddGuidanceCommands(this Command root, IVerbHost host)
    {
        ArgumentNullException.ThrowIfNull(root);
        root.Subcommands.Add(new Command("guidance", "Client guidance: programmes and who works in them.") { Programmes(host), Assign(host), DemoSeed(host), LegalHoldVerbs.Holds(host) });
    }

    private static Command Programmes(IVerbHost host)
    {
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var list = new Command("list", "List programmes: id, name, register (controller variant), controller.") { json };
        list.TreatUnmatchedTokensAsErrors = false;
        list.SetAction((parseResult, ct) => host.RunAsync(Module, [.. parseResult.UnmatchedTokens], (verb, cancellationToken) => Guarded(verb, async () =>
        {
            await using var scope = verb.Services.CreateAsyncScope();
            var programmes = await scope.ServiceProvider.GetRequiredService<ManageProgrammes>().ListAsync(cancellationToken);
            if (parseResult.GetValue(json))
            {
                await verb.WriteJsonAsync(programmes.Select(p => new { id = p.Id, name = p.Name, register = p.Register, controller = p.Controller }));
                return VerbExit.Ok;
            }

            var table = new VerbTable("id", "name", "register", "controller");
            foreach (var p in programmes)
            {
                table.Add(p.Id.ToString("D"), p.Name, p.Register, p.Controller);
            }

            await verb.WriteAsync(table);
            return VerbExit.Ok;
        }), VerbNeeds.None, ct));

        var name = new Option<string>("--name") { Description = "The programme's name.", Required = true };
        var register = new Option<string>("--register") { Description = "guidance (the provider is controller) or guidance-city (a city is controller, the provider processes).", Required = true };
        var controller = new Option<string>("--controller") { Description = "The controller's organisation.", Required = true };
        var add = new Command("add", "Add a programme; prints its id.") { name, register, controller };
        add.TreatUnmatchedTokensAsErrors = false;
        add.SetAction((parseResult, ct) => host.RunAsync(Module, [.. parseResult.UnmatchedTokens], (verb, cancellationToken) => Guarded(verb, async () =>
        {
            await using var scope = verb.Services.CreateAsyncScope();
            var id = await scope.ServiceProvider.GetRequiredService<ManageProgrammes>().CreateAsync(parseResult.GetValue(name)!, parseResult.GetValue(register)!, parseResult.GetValue(controller)!, cancellationToken);
            await verb.Out.WriteLineAsync(id.ToString("D"));
            return VerbExit.Ok;
        }), VerbNeeds.None, ct));
        return new Command("programmes", "Client programmes.") { list, add };
    }

    private static Command Assign(IVerbHost host)
    {
        var programme = new Option<string>("--programme") { Description = "Programme id.", Required = true };
        var handle = new Option<string>("--handle") { Description = "The staff account's handle (custodian staff add).", Required = true };
        var role = new Option<string>("--role") { Description = "coach, team-lead, office-staff, programme-admin, controller-admin or sending-organisation.", Required = true };
        var team = new Option<string>("--team") { Description = "The team within the programme.", DefaultValueFactory = _ => "default" };
        var organisation = new Option<string>("--organisation") { Description = "The organisation the person acts for, as clients' access lists name it.", Required = true };
        var assign = new Command("assign", "Assign a staff account to a programme with a role (or change its role there).") { programme, handle, role, team, organisation };
        assign.TreatUnmatchedTokensAsErrors = false;
        assign.SetAction((parseResult, ct) => host.RunAsync(Module, [.. parseResult.UnmatchedTokens], (verb, cancellationToken) => Guarded(verb, async () =>
        {
            var id = Guid.TryParse(parseResult.GetValue(programme), out var parsed) ? parsed : throw new GuidanceInputException("--programme: not a programme id.");
            var parsedRole = GuidanceRoles.Parse(parseResult.GetValue(role)) ?? throw new GuidanceInputException("--role: use coach, team-lead, office-staff, programme-admin, controller-admin or sending-organisation.");
            await using var scope = verb.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ManageProgrammes>().AssignAsync(id, "staff-" + parseResult.GetValue(handle)!.Trim(), parsedRole, parseResult.GetValue(team)!, parseResult.GetValue(organisation)!, cancellationToken);
            await verb.Error.WriteLineAsync($"Assigned as {GuidanceRoles.Key(parsedRole)}. The account also needs the staff role {GuidanceRoles.StaffRole(parsedRole)} (custodian staff add ... --role {GuidanceRoles.StaffRole(parsedRole)}).");
            return VerbExit.Ok;
        }), VerbNeeds.None, ct));
        return assign;
    }

    private static Command DemoSeed(IVerbHost host)
    {
        var seed = new Command("demo-seed", "Create the two demo programmes (provider as controller; a city as controller) with their demo staff assignments and one fictional client each (idempotent).");
        seed.TreatUnmatchedTokensAsErrors = false;
        seed.SetAction((parseResult, ct) => host.RunAsync(Module, [.. parseResult.UnmatchedTokens], (verb, cancellationToken) => Guarded(verb, async () =>
        {
            await using var scope = verb.Services.CreateAsyncScope();
            var created = await scope.ServiceProvider.GetRequiredService<GuidanceDemoSeed>().SeedAsync(cancellationToken);
            await verb.Out.WriteLineAsync($"{created} demo programme(s) created. Add the demo staff with: " + string.Join("; ", GuidanceDemoSeed.Staff.Select(s => $"custodian staff add {s.Handle} --role {GuidanceRoles.StaffRole(s.Role)}")));
            return VerbExit.Ok;
        }), VerbNeeds.None, ct));
        return seed;
    }

    internal static async Task<int> Guarded(VerbContext context, Func<Task<int>> verb)
    {
        try
        {
            return await verb();
        }
        catch (GuidanceInputException e)
        {
            await context.Error.WriteLineAsync(e.Message);
            return VerbExit.UsageError;
        }
        catch (GuidanceNotFoundException)
        {
            await context.Error.WriteLineAsync("No such record.");
            return VerbExit.UsageError;
        }
    }
}
