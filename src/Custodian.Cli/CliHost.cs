using Custodian.Privacy.Abstractions.Hosting;
using Custodian.Storage;
using Custodian.Storage.Records;
using Custodian.Web.Platform;

namespace Custodian.Cli;

/// <summary>Builds the same service graph as the web host (without serving) for verbs that work on stored data.</summary>
internal static class CliHost
{
    /// <param name="migrateFirst">False for verbs that must not touch the database (they work on files or migrate themselves).</param>
    /// <param name="withStandIns">True for verbs that talk to the marketplaces or the bot: the demo's stand-ins start for them.</param>
    public static async Task<int> RunAsync(string[] hostArgs, Func<IServiceProvider, CancellationToken, Task<int>> verb, CancellationToken cancellationToken, bool migrateFirst = true, bool withStandIns = false)
    {
        try
        {
            await using var app = Web.Program.Build(hostArgs, CliLogging.Apply);
            if (withStandIns && app.Services.GetService<DemoSimulatorHosts>() is { } simulators)
            {
                await simulators.EnsureStartedAsync(cancellationToken); // the demo's marketplaces and bot answer CLI verbs too
            }

            // Verbs on stored data see the schema the service would (unless migrations are left to operators).
            if (migrateFirst && app.Configuration.GetValue("Database:MigrateOnStart", true))
            {
                await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
            }

            var exitCode = await verb(app.Services, cancellationToken);
            if (migrateFirst)
            {
                // What this command appended to the audit log is signed before the process ends.
                await app.Services.GetRequiredService<Privacy.Audit.AuditLog>().CheckpointAsync(cancellationToken);
            }

            return exitCode;
        }
        catch (Exception e) when (StartupFailure.Explain(e) is { } message)
        {
            // One plain line on stderr (no wrapping, no markup): scripts keep stdout for results.
            await Console.Error.WriteLineAsync($"Custodian cannot start: {message}");
            return 1;
        }
        catch (Exception e) when (AnalyticsFileBusy.Explain(e) is { } message)
        {
            await Console.Error.WriteLineAsync(message);
            return 1;
        }
        catch (Exception e) when (Unreachable.Explain(e) is { } message)
        {
            // An engine or server that does not answer is the environment's fault, not a bug: its name, not a stack trace.
            await Console.Error.WriteLineAsync(message);
            return VerbExit.Failed;
        }
    }
}

/// <summary>
/// The host modules' verbs run in: the service running on the same data folder, through its operator channel (ADR 0014),
/// or this process when no service runs.
/// </summary>
internal sealed class ModuleVerbHost : IVerbHost
{
    /// <summary>The words of this command line (after the CLI's own options), as the service parses them again.</summary>
    public IReadOnlyList<string> CommandLine { get; set; } = [];

    public async Task<int> RunAsync(string moduleName, string[] hostArgs, Func<VerbContext, CancellationToken, Task<int>> verb, VerbNeeds needs, CancellationToken cancellationToken)
    {
        if (OperatorChannelClient.Find(hostArgs) is { } channel
            && await channel.RunAsync(CommandLine, hostArgs, cancellationToken) is { } exitCode)
        {
            return exitCode;
        }

        return await CliHost.RunAsync(hostArgs, async (services, ct) =>
        {
            if (!Web.Platform.Modules.IsEnabled(services.GetRequiredService<IConfiguration>(), moduleName))
            {
                await Console.Error.WriteLineAsync($"The {moduleName} module is not enabled in this deployment (Modules:{moduleName}:Enabled).");
                return VerbExit.UsageError;
            }

            return await verb(Terminal.Context(services), ct);
        }, cancellationToken, withStandIns: needs.HasFlag(VerbNeeds.ExternalServices));
    }
}
