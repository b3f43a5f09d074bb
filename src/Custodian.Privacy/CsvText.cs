namespace Custodian.Privacy;

/// <summary>CSV fields as RFC 4180 wants them, safe to open in a spreadsheet.</summary>
internal static class CsvText
{
    /// <summary>Quotes when needed; a leading =, +, - or @ is prefixed with ' so spreadsheet software does not run it as a formula.</summary>
    public static string Field(string? value)
    {
        var text = value ?? string.Empty;
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@')
        {
            text = "'" + text;
        }

        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
