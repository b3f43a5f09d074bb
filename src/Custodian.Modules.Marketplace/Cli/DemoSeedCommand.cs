using System.CommandLine;
using Custodian.Privacy.Abstractions.Hosting;
using System.Globalization;
using Custodian.Modules.Marketplace.Subscriptions;
using Custodian.Modules.Marketplace.Demo;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Marketplace.Cli;

/// <summary><c>custodian demo seed</c>: the demo sellers, their plans, and marketplace accounts served by the demo simulators.</summary>
internal static class DemoSeedCommand
{
    private const string Module = MarketplaceModule.Name;

    public static Command Create(IVerbHost host)
    {
        var seed = new Command("seed", "Create the demo sellers, their plans and their simulator-backed marketplace accounts (idempotent).");
        seed.TreatUnmatchedTokensAsErrors = false;
        seed.SetAction((parseResult, ct) => host.RunAsync(Module, [.. parseResult.UnmatchedTokens], (verb, cancellationToken) => MarketplaceCommands.Guarded(verb, async () =>
        {
            var (created, sellers) = await verb.Services.GetRequiredService<MarketplaceDemoSeed>().SeedAsync(cancellationToken);
            await using var scope = verb.Services.CreateAsyncScope();
            var subscriptions = scope.ServiceProvider.GetRequiredService<ISellerSubscriptions>();
            foreach (var seller in sellers)
            {
                var plan = (await subscriptions.StateAsync(seller, cancellationToken))!;
                await verb.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"seller {seller:D}: plan {plan.Plan.Id} until {plan.EndsAtUtc:yyyy-MM-dd}") + (plan.Next is { } next ? string.Create(CultureInfo.InvariantCulture, $", then {next.Plan.Id} until {next.EndsAtUtc:yyyy-MM-dd}") : string.Empty));
            }

            await verb.Out.WriteLineAsync($"{created} demo marketplace account(s) connected. Run 'custodian marketplace sync' to collect their data.");
            return 0;
        }), VerbNeeds.ExternalServices, ct));
        return new Command("demo", "Demo data for the embedded defaults.") { seed };
    }
}
