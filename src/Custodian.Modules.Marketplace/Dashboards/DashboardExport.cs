using System.Globalization;
using System.Text;
using MiniExcelLibs;

namespace Custodian.Modules.Marketplace.Dashboards;

/// <summary>
/// A widget's table as a file: CSV (UTF-8 with BOM so spreadsheet programs detect it, RFC 4180 quoting, invariant
/// numbers; text that a spreadsheet would run as a formula is defused) or XLSX (numbers, dates and text as typed cells).
/// </summary>
internal static class DashboardExport
{
    public static readonly IReadOnlyList<string> Formats = ["csv", "xlsx"];

    public static (byte[] Content, string ContentType) Write(DashboardTable table, string format) => format switch
    {
        "csv" => (Csv(table), "text/csv; charset=utf-8"),
        "xlsx" => (Xlsx(table), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        _ => throw new MarketplaceInputException("format", "Export as csv or xlsx."),
    };

    private static byte[] Csv(DashboardTable table)
    {
        var text = new StringBuilder();
        text.AppendJoin(',', table.Columns.Select(c => Quote(c.Title))).Append("\r\n");
        foreach (var row in table.Rows)
        {
            text.AppendJoin(',', row.Select(v => v switch
            {
                null => string.Empty,
                string s => Quote(Defused(s)),
                DateOnly d => DashboardFilter.Iso(d),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => Quote(Defused(v.ToString() ?? string.Empty)),
            })).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    private static byte[] Xlsx(DashboardTable table)
    {
        var titles = UniqueTitles(table);
        var rows = table.Rows.Select(row =>
        {
            var cells = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < titles.Count; i++)
            {
                cells[titles[i]] = row[i] switch
                {
                    DateOnly d => d.ToDateTime(TimeOnly.MinValue),
                    var v => v, // XLSX cells are typed: text is never run as a formula, so it is written as it is
                };
            }

            return cells;
        }).ToList();
        using var stream = new MemoryStream();
        stream.SaveAs(rows, sheetName: SheetName(table.Title), excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    private static List<string> UniqueTitles(DashboardTable table)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return [.. table.Columns.Select(c => seen.Add(c.Title) ? c.Title : c.Title + " (" + seen.Count.ToString(CultureInfo.InvariantCulture) + ")")];
    }

    private static string SheetName(string title) =>
        new string([.. title.Where(c => c is not ('[' or ']' or ':' or '*' or '?' or '/' or '\\'))]) is { Length: > 0 } name ? name[..Math.Min(31, name.Length)] : "data";

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    /// <summary>A cell starting with = + - @ is read as a formula by spreadsheet programs; a leading apostrophe keeps it text.</summary>
    private static string Defused(string value) => value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
}
