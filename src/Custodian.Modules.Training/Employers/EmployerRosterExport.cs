using System.Globalization;
using System.Text;
using Custodian.Modules.Training.Enrolment;
using Custodian.Privacy.Abstractions.Time;
using MiniExcelLibs;

namespace Custodian.Modules.Training.Employers;

/// <summary>
/// The employer's list of its employees' enrolments and completions as a file: CSV (UTF-8 with BOM, semicolons as
/// Finnish spreadsheet programs expect, RFC 4180 quoting, formulas defused) or XLSX (typed cells). Finnish headings.
/// </summary>
internal static class EmployerRosterExport
{
    public static readonly IReadOnlyList<string> Formats = ["csv", "xlsx"];

    private static readonly string[] Headings =
        ["Etunimi", "Sukunimi", "Tehtävä", "Kurssi", "Alkaa", "Paikka", "Tila", "Läsnä", "Koe hyväksytty", "Kortin numero", "Voimassa asti", "Viite"];

    public static (byte[] Content, string ContentType, string FileName) Write(EmployerRoster.Employer employer, string? format)
    {
        ArgumentNullException.ThrowIfNull(employer);
        var rows = employer.Rows.Select(Cells).ToList();
        var name = $"koulutukset-{employer.BusinessId}";
        return format switch
        {
            "csv" => (Csv(rows), "text/csv; charset=utf-8", name + ".csv"),
            "xlsx" => (Xlsx(rows), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx"),
            _ => throw new TrainingInputException("format", "Export as csv or xlsx."),
        };
    }

    private static object?[] Cells(EmployerRoster.Row r) =>
    [
        r.FirstName, r.LastName, r.Position, r.CourseFi, LocalDays.HelsinkiTime(r.StartsAtUtc), r.Place,
        r.Status switch { EnrolmentStatus.Enrolled => "ilmoittautunut", EnrolmentStatus.Waitlisted => "jonossa", _ => "peruttu" },
        r.Attended switch { true => "kyllä", false => "ei", null => null }, r.Passed switch { true => "kyllä", false => "ei", null => null },
        r.CardNumber, r.CardValidUntil, r.Reference,
    ];

    private static byte[] Csv(List<object?[]> rows)
    {
        var text = new StringBuilder();
        text.AppendJoin(';', Headings.Select(Quote)).Append("\r\n");
        foreach (var row in rows)
        {
            text.AppendJoin(';', row.Select(v => v switch
            {
                null => string.Empty,
                DateTime d => d.ToString("d.M.yyyy H.mm", CultureInfo.InvariantCulture),
                DateOnly d => d.ToString("d.M.yyyy", CultureInfo.InvariantCulture),
                _ => Quote(Defused(Convert.ToString(v, CultureInfo.InvariantCulture) ?? string.Empty)),
            })).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    private static byte[] Xlsx(List<object?[]> rows)
    {
        var sheet = rows.Select(row =>
        {
            var cells = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < Headings.Length; i++)
            {
                cells[Headings[i]] = row[i] is DateOnly d ? d.ToDateTime(TimeOnly.MinValue) : row[i];
            }

            return cells;
        }).ToList();
        using var stream = new MemoryStream();
        stream.SaveAs(sheet, sheetName: "Koulutukset", excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    private static string Quote(string value) =>
        value.IndexOfAny([';', ',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    /// <summary>A cell starting with = + - @ is read as a formula by spreadsheet programs; a leading apostrophe keeps it text.</summary>
    private static string Defused(string value) => value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
}
