using System.CommandLine;
using Custodian.Privacy.Abstractions.Hosting;

namespace Custodian.Modules.Marketplace.Cli;

/// <summary>The marketplace's verbs for the <c>custodian</c> command: <c>sellers</c>, <c>marketplace</c>, <c>demo seed</c>.</summary>
public static class MarketplaceCommandSet
{
    public static void AddMarketplaceCommands(this Command root, IVerbHost host)
    {
        ArgumentNullException.ThrowIfNull(root);
        root.Subcommands.Add(MarketplaceCommands.Sellers(host));
        root.Subcommands.Add(MarketplaceCommands.Marketplace(host));
        root.Subcommands.Add(DemoSeedCommand.Create(host));
    }
}
