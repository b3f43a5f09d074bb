using Custodian.Web.Platform;

namespace Custodian.Cli;

/// <summary>Builds the same service graph as the web host (without serving) for verbs that work on stored data.</summary>
internal static class CliHost
{

    public static async Task<int> RunAsync(string[] hostArgs, Func<IServiceProvider, CancellationToken, Task<int>> verb, CancellationToken cancellationToken)
    {
        try
        {
            await using var app = Web.Program.Build(hostArgs);
            return await verb(app.Services, cancellationToken);
        }
        catch (Exception e) when (StartupFailure.Explain(e) is { } message)
        {
            // One plain line on stderr (no wrapping, no markup): scripts keep stdout for results.
            await Console.Error.WriteLineAsync($"Custodian cannot start: {message}");
            return 1;
        }
    }
}
