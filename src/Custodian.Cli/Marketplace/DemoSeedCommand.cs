using System.CommandLine;
using Custodian.Web.Platform;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Cli.Marketplace;

/// <summary><c>custodian demo seed</c>: the demo sellers with Wildberries accounts served by the demo simulator.</summary>
internal static class DemoSeedCommand
{
    public static Command Create()
    {
        var seed = new Command("seed", "Create the demo sellers and their simulator-backed Wildberries accounts (idempotent).");
        seed.TreatUnmatchedTokensAsErrors = false;
        seed.SetAction((parseResult, ct) => CliHost.RunAsync([.. parseResult.UnmatchedTokens], (services, cancellationToken) => MarketplaceCommands.Guarded(async () =>
        {
            var created = await services.GetRequiredService<MarketplaceDemoSeed>().SeedAsync(cancellationToken);
            await Console.Out.WriteLineAsync($"{created} demo Wildberries account(s) connected, {MarketplaceDemoSeed.Sellers.Length - created} already there. Run 'custodian marketplace sync' to collect their data.");
            return 0;
        }), ct, withStandIns: true));
        return new Command("demo", "Demo data for the embedded defaults.") { seed };
    }
}
