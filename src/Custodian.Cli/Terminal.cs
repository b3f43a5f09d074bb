using Custodian.Privacy.Abstractions.Hosting;
using Spectre.Console;

namespace Custodian.Cli;

/// <summary>The operator's terminal: results on stdout, everything else on stderr, tables as wide as the terminal.</summary>
internal static class Terminal
{
    /// <summary>Columns: <c>COLUMNS</c> when set (redirected output has no width of its own), else the terminal's, else 80.</summary>
    public static int Width => AnsiConsole.Profile.Width;

    public static VerbContext Context(IServiceProvider services) => new(services, Console.Out, Console.Error, Width, Interactive);

    /// <summary>Whether stderr is a terminal (progress bars redraw there; elsewhere they would be noise).</summary>
    public static bool Interactive => !Console.IsErrorRedirected;

    public static Task WriteAsync(VerbTable table) => Console.Out.WriteAsync((table ?? throw new ArgumentNullException(nameof(table))).Render(Width));

    public static Task WriteJsonAsync(object value) => Console.Out.WriteLineAsync(VerbContext.ToJson(value));
}
