using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Custodian.Privacy.Abstractions.Hosting;

/// <summary>
/// What a verb runs with: the host's services and the operator's two streams. <see cref="Out"/> carries only the
/// result (a table, JSON, an id), so scripts can read it; messages and progress go to <see cref="Error"/>. A verb
/// never writes to <see cref="Console"/> itself: in the service's process the streams are the CLI's, not the console.
/// </summary>
/// <param name="operatorUser">The operating-system user who ran <c>custodian</c> (sent along by the CLI when the verb runs in the service); default: this process's user.</param>
public sealed class VerbContext(IServiceProvider services, TextWriter output, TextWriter error, int width, bool interactive, string? operatorUser = null)
{
    // Cyrillic and Finnish letters stay readable; JSON's own specials are still escaped.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public IServiceProvider Services { get; } = services ?? throw new ArgumentNullException(nameof(services));

    /// <summary>Results only.</summary>
    public TextWriter Out { get; } = output ?? throw new ArgumentNullException(nameof(output));

    /// <summary>Messages for the operator, progress, problems.</summary>
    public TextWriter Error { get; } = error ?? throw new ArgumentNullException(nameof(error));

    /// <summary>Columns of the operator's terminal: tables fit it or turn vertical (<see cref="VerbTable"/>).</summary>
    public int Width { get; } = width;

    /// <summary>Whether <see cref="Error"/> ends in a terminal, where progress may redraw itself (else plain lines, no colours).</summary>
    public bool Interactive { get; } = interactive;

    /// <summary>Who runs the verb, as the audit log names them: <c>cli:</c> and the operating-system user.</summary>
    public string Actor { get; } = "cli:" + (operatorUser is { Length: > 0 and <= 32 } user && user.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-') ? user : Environment.UserName);

    /// <summary>Prints a table that fits <see cref="Width"/>.</summary>
    public Task WriteAsync(VerbTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return Out.WriteAsync(table.Render(Width));
    }

    /// <summary>Prints <paramref name="value"/> as indented JSON (the <c>--json</c> form of a table).</summary>
    public Task WriteJsonAsync(object value) => Out.WriteLineAsync(ToJson(value));

    /// <summary>The JSON every verb's <c>--json</c> prints: indented, property names as given.</summary>
    public static string ToJson(object value) => JsonSerializer.Serialize(value, Indented);
}
