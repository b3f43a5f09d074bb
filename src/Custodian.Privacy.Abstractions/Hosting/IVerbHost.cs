namespace Custodian.Privacy.Abstractions.Hosting;

/// <summary>
/// Runs a module's CLI verb inside the same composition the web host builds, so a module exposes its verbs without
/// knowing how the host is put together. The CLI implements it (in its own process, or in the running service's
/// process when one runs on the same data folder: ADR 0014), and so does the service for the verbs the CLI sends it.
/// </summary>
public interface IVerbHost
{
    /// <param name="moduleName">The module the verb belongs to (e.g. <c>Marketplace</c>): a verb of a module this deployment does not enable is refused.</param>
    /// <param name="hostArgs">Configuration arguments passed through to the host (<c>--Database:Provider=Postgres</c>, …).</param>
    /// <param name="verb">The verb's work; its result is the process exit code. It writes only through its <see cref="VerbContext"/>.</param>
    /// <param name="needs">What the verb needs besides the records database.</param>
    Task<int> RunAsync(string moduleName, string[] hostArgs, Func<VerbContext, CancellationToken, Task<int>> verb, VerbNeeds needs, CancellationToken cancellationToken);
}

/// <summary>What a verb needs from the host besides its services.</summary>
[Flags]
public enum VerbNeeds
{
    None = 0,

    /// <summary>The verb talks to the marketplaces or the bot: in the demo, the local stand-ins start for it.</summary>
    ExternalServices = 1,
}

/// <summary>Exit codes every verb uses.</summary>
public static class VerbExit
{
    public const int Ok = 0;

    /// <summary>The service could not start (a setting is wrong), or the verb failed.</summary>
    public const int Failed = 1;

    /// <summary>A command line that cannot be run as given (unknown verb, bad option value, unknown id).</summary>
    public const int UsageError = 2;
}
