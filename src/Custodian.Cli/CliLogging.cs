using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Logging.Console;

namespace Custodian.Cli;

/// <summary>
/// The CLI's log: always on stderr (stdout carries only results, wherever the command runs from and whatever
/// appsettings.json it finds), at Warning unless the operator asks: <c>--verbose</c> (Information, EF Core's SQL
/// included), or <c>Logging:LogLevel:*</c> given on the command line or in the environment (then those levels apply).
/// The service's appsettings.json levels are the service's, not the CLI's. Without <c>--verbose</c>, EF Core's errors are
/// left to the verb's own report (they are always thrown to it as well).
/// </summary>
internal static class CliLogging
{
    public const string VerboseOption = "--verbose";

    public static bool Verbose { get; set; }

    public static void Apply(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.AddSimpleConsole(options => options.SingleLine = true);
        if (Verbose || !AskedFor((IConfigurationRoot)builder.Configuration))
        {
            var level = Verbose ? LogLevel.Information : LogLevel.Warning;
            builder.Services.PostConfigure<LoggerFilterOptions>(options =>
            {
                options.Rules.Clear();
                options.MinLevel = level;
                if (!Verbose)
                {
                    // EF Core logs a failed connection, query or save as an Error with its stack trace and then throws to the
                    // verb, whose failure the CLI reports itself (one line for an engine that does not answer): not twice.
                    options.Rules.Add(new LoggerFilterRule(null, "Microsoft.EntityFrameworkCore", level, (_, _, l) => l < LogLevel.Error));
                }
            });
        }
    }

    /// <summary>Whether the operator set a log level for this run (command line or environment), not only a settings file.</summary>
    private static bool AskedFor(IConfigurationRoot configuration) =>
        configuration.Providers
            .Where(p => p is CommandLineConfigurationProvider or EnvironmentVariablesConfigurationProvider)
            .Any(p => p.GetChildKeys([], "Logging:LogLevel").Any());
}
