using Custodian.Privacy.Declarations;
using Custodian.Storage;
using Microsoft.Extensions.Options;

namespace Custodian.Web.Platform;

/// <summary>
/// Turns a configuration the service cannot run with into one clear line on stderr and exit code 1, instead of
/// a stack trace. Messages name the setting and never carry secrets.
/// </summary>
public static class StartupFailure
{
    public static async Task<int> RunAsync(Func<WebApplication> build, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(build);
        try
        {
            await using var app = build();
            await app.RunAsync(cancellationToken);
            return 0;
        }
        catch (Exception e) when (Explain(e) is { } message)
        {
            await Console.Error.WriteLineAsync($"Custodian cannot start: {message}");
            return 1;
        }
    }

    /// <summary>The one-line explanation of a start-up failure, or null when it is a bug that needs its trace.</summary>
    public static string? Explain(Exception e) => e switch
    {
        SettingProblemException problem => problem.Message,
        RegisterDeclarationException declarations => declarations.Message,
        OptionsValidationException invalid => string.Join("; ", invalid.Failures),
        IOException io when io.Message.Contains("bind", StringComparison.OrdinalIgnoreCase) => $"Urls: {io.Message}",
        AggregateException { InnerExceptions.Count: 1 } aggregate => Explain(aggregate.InnerExceptions[0]),
        _ when e.InnerException is not null => Explain(e.InnerException),
        _ => null,
    };
}
