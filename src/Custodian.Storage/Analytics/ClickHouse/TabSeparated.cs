using System.Text;

namespace Custodian.Storage.Analytics.ClickHouse;

/// <summary>
/// ClickHouse's TabSeparated escaping: backslash sequences for \ tab newline CR NUL backspace form-feed and
/// <c>\N</c> for NULL. Used for streaming inserts and for reading TSV results.
/// </summary>
internal static class TabSeparated
{
    public const string Null = "\\N";

    public static void AppendEscaped(StringBuilder target, string value)
    {
        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' => target.Append("\\\\"),
                '\t' => target.Append("\\t"),
                '\n' => target.Append("\\n"),
                '\r' => target.Append("\\r"),
                '\0' => target.Append("\\0"),
                '\b' => target.Append("\\b"),
                '\f' => target.Append("\\f"),
                _ => target.Append(c),
            };
        }
    }

    public static string Escape(string value)
    {
        var builder = new StringBuilder(value.Length + 8);
        AppendEscaped(builder, value);
        return builder.ToString();
    }

    /// <summary>Splits one TSV line into unescaped fields; <c>\N</c> alone becomes null.</summary>
    public static List<string?> ParseLine(string line)
    {
        var fields = new List<string?>();
        var field = new StringBuilder();
        var fieldIsNull = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '\t')
            {
                fields.Add(fieldIsNull && field.Length == 0 ? null : field.ToString());
                field.Clear();
                fieldIsNull = false;
                continue;
            }

            if (c != '\\' || i + 1 == line.Length)
            {
                field.Append(c);
                continue;
            }

            var next = line[++i];
            if (next == 'N' && field.Length == 0 && (i + 1 == line.Length || line[i + 1] == '\t'))
            {
                fieldIsNull = true;
                continue;
            }

            field.Append(next switch
            {
                't' => '\t',
                'n' => '\n',
                'r' => '\r',
                '0' => '\0',
                'b' => '\b',
                'f' => '\f',
                'a' => '\a',
                'v' => '\v',
                'e' => '\u001b',
                _ => next, // \\ \' and any other escaped character stand for themselves
            });
        }

        fields.Add(fieldIsNull && field.Length == 0 ? null : field.ToString());
        return fields;
    }
}
