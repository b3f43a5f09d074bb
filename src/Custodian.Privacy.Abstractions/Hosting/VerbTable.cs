using System.Text;

namespace Custodian.Privacy.Abstractions.Hosting;

/// <summary>
/// A table a verb prints: aligned columns when the rows fit the operator's terminal, otherwise one block per record
/// (<c>name  value</c> lines, long values wrapped), so no line is wider than the terminal (80 columns at the least).
/// Cells are single lines of plain text: control characters in stored values (an error text, a name) cannot move the
/// operator's cursor. One column per UTF-16 character: the texts shown are Latin, Cyrillic and Finnish.
/// </summary>
public sealed class VerbTable
{
    private const int Gap = 2;
    private const int NarrowestTerminal = 20;

    private readonly string[] _headers;
    private readonly bool[] _rightAligned;
    private readonly List<string[]> _rows = [];

    public VerbTable(params string[] headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        _headers = [.. headers.Select(Clean)];
        _rightAligned = new bool[headers.Length];
    }

    public int Count => _rows.Count;

    /// <summary>Numbers read better right-aligned in the column layout.</summary>
    public VerbTable AlignRight(params string[] headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        foreach (var header in headers)
        {
            _rightAligned[Array.IndexOf(_headers, header) is >= 0 and var i ? i : throw new ArgumentException($"No column '{header}'.", nameof(headers))] = true;
        }

        return this;
    }

    /// <summary>Adds a record: one cell per column, in the order of the headers (null prints as <c>-</c>).</summary>
    public VerbTable Add(params string?[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Length != _headers.Length)
        {
            throw new ArgumentException($"{cells.Length} cells for {_headers.Length} columns.", nameof(cells));
        }

        _rows.Add([.. cells.Select(c => c is null ? "-" : Clean(c))]);
        return this;
    }

    /// <summary>The table as text for a terminal <paramref name="width"/> columns wide (every line ends with a line feed).</summary>
    public string Render(int width)
    {
        width = Math.Max(width, NarrowestTerminal);
        var widths = _headers.Select((h, i) => _rows.Select(r => r[i].Length).Prepend(h.Length).Max()).ToArray();
        return widths.Sum() + (Gap * (widths.Length - 1)) <= width ? Columns(widths) : Blocks(width);
    }

    private string Columns(int[] widths)
    {
        var text = new StringBuilder();
        Line(text, widths, _headers, header: true);
        Line(text, widths, [.. widths.Select(w => new string('-', w))], header: true);
        foreach (var row in _rows)
        {
            Line(text, widths, row, header: false);
        }

        return text.ToString();
    }

    private void Line(StringBuilder text, int[] widths, string[] cells, bool header)
    {
        var line = new StringBuilder();
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                line.Append(' ', Gap);
            }

            line.Append(_rightAligned[i] && !header ? cells[i].PadLeft(widths[i]) : cells[i].PadRight(widths[i]));
        }

        text.Append(line.ToString().TrimEnd()).Append('\n');
    }

    private string Blocks(int width)
    {
        var label = _headers.Max(h => h.Length);
        // A terminal too narrow for labels beside values gets each value on the line after its label.
        var beside = label + Gap + 16 <= width;
        var indent = beside ? label + Gap : Gap;
        var text = new StringBuilder();
        for (var r = 0; r < _rows.Count; r++)
        {
            if (r > 0)
            {
                text.Append('\n');
            }

            for (var i = 0; i < _headers.Length; i++)
            {
                var lines = Wrap(_rows[r][i], width - indent);
                if (beside)
                {
                    text.Append((_headers[i].PadRight(label + Gap) + lines[0]).TrimEnd()).Append('\n');
                }
                else
                {
                    text.Append(_headers[i]).Append('\n').Append(' ', indent).Append(lines[0]).Append('\n');
                }

                foreach (var more in lines.Skip(1))
                {
                    text.Append(' ', indent).Append(more).Append('\n');
                }
            }
        }

        return text.ToString();
    }

    /// <summary>Greedy word wrap; a word longer than the line is cut.</summary>
    private static List<string> Wrap(string value, int room)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var word in value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var rest = word;
            if (line.Length > 0 && line.Length + 1 + rest.Length > room)
            {
                lines.Add(line.ToString());
                line.Clear();
            }

            while (rest.Length > room)
            {
                lines.Add(rest[..room]);
                rest = rest[room..];
            }

            line.Append(line.Length > 0 ? " " : string.Empty).Append(rest);
        }

        lines.Add(line.ToString());
        return lines;
    }

    private static string Clean(string text) =>
        string.Create(text.Length, text, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? ' ' : source[i];
            }
        }).Trim();
}
