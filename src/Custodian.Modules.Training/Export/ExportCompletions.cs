using System.Globalization;
using System.Text;
using Custodian.Modules.Training.Staff;
using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MiniExcelLibs;

namespace Custodian.Modules.Training.Export;

internal enum ExportFormat
{
    Csv,
    Xlsx,
}

internal sealed record CompletionsFile(byte[] Content, string ContentType, string FileName, int Rows);

/// <summary>
/// <c>Training:Export</c>: the columns of the completions export, in order, and the CSV delimiter. The card authorities
/// publish no import format, so the registrar's office sets the columns their register's entry form asks for.
/// </summary>
internal sealed class ExportOptions
{
    public static readonly IReadOnlyList<string> Known =
        ["hetu", "last_name", "first_name", "card_type", "card_authority", "issued_on", "valid_until", "certificate_number", "course", "session_day", "place"];

    public List<string> Columns { get; set; } = [];

    public string Delimiter { get; set; } = ";";

    public IReadOnlyList<string> Effective => Columns.Count > 0 ? Columns : ["hetu", "last_name", "first_name", "card_type", "issued_on", "valid_until", "certificate_number"];
}

/// <summary>
/// Completions (issued, unrevoked cards) of one card type for entry into the card authority's register, as CSV or
/// XLSX. Handing the file over is a disclosure to a recipient the register declares: every trainee in it is audited
/// under the card-registration purpose before anything is decrypted.
/// </summary>
internal sealed class ExportCompletions(TrainingDb db, IPersonalDataVault vault, IAuditLog audit, IOptions<ExportOptions> options)
{
    public async Task<CompletionsFile> ExportAsync(TrainingStaff staff, string? cardTypeKey, string? format, DateOnly? issuedFrom, DateOnly? issuedTo, CancellationToken cancellationToken)
    {
        staff.RequireRegistrar();
        var kind = format?.Trim().ToLowerInvariant() switch
        {
            "csv" => ExportFormat.Csv,
            "xlsx" => ExportFormat.Xlsx,
            _ => throw new TrainingInputException("format", "Choose CSV or XLSX."),
        };
        var cardType = await db.CardTypes.AsNoTracking().FirstOrDefaultAsync(c => c.Key == cardTypeKey, cancellationToken) ?? throw new TrainingInputException("cardType", "Choose a card type from the list.");
        if (issuedFrom is { } from && issuedTo is { } to && to < from)
        {
            throw new TrainingInputException("issuedTo", "The end of the period must not be before its start.");
        }

        var rows = await (from c in db.Certificates.AsNoTracking()
                          join t in db.Trainees.AsNoTracking() on c.TraineeId equals t.Id
                          join e in db.Enrolments.AsNoTracking() on c.EnrolmentId equals e.Id
                          join s in db.Sessions.AsNoTracking() on e.SessionId equals s.Id
                          join k in db.Courses.AsNoTracking() on s.CourseId equals k.Id
                          where c.CardTypeKey == cardType.Key && c.RevokedAtUtc == null
                          select new { c, t, Course = k.NameFi, s.StartsAtUtc, s.Place }).ToListAsync(cancellationToken);
        rows = [.. rows.Where(r => (issuedFrom is null || r.c.IssuedOn >= issuedFrom) && (issuedTo is null || r.c.IssuedOn <= issuedTo)).OrderBy(r => r.c.CertificateNumber, StringComparer.Ordinal)];

        await audit.AppendAsync(
            [new AuditEvent(TrainingAudit.Actor(staff.Account), $"training export completions {cardType.Key} {kind.ToString().ToLowerInvariant()} ({rows.Count} rows)", Register: TrainingModule.Register, Purpose: TrainingAudit.CardRegistration),
             .. rows.Select(r => TrainingAudit.Event(staff, r.t, "export completion " + r.c.CertificateNumber, TrainingAudit.CardRegistration))],
            cancellationToken);

        var columns = options.Value.Effective;
        var table = new List<string[]>();
        foreach (var r in rows)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["hetu"] = (await vault.OpenAsync(r.t.Hetu, TrainingFields.Trainee("hetu", r.t.Id), cancellationToken)).ValueOr(TraineeData.Erased),
                ["last_name"] = (await vault.OpenAsync(r.t.LastName, TrainingFields.Trainee("last_name", r.t.Id), cancellationToken)).ValueOr(TraineeData.Erased),
                ["first_name"] = (await vault.OpenAsync(r.t.FirstName, TrainingFields.Trainee("first_name", r.t.Id), cancellationToken)).ValueOr(TraineeData.Erased),
                ["card_type"] = cardType.NameFi,
                ["card_authority"] = cardType.Authority,
                ["issued_on"] = Day(r.c.IssuedOn),
                ["valid_until"] = r.c.ValidUntil is { } until ? Day(until) : string.Empty,
                ["certificate_number"] = r.c.CertificateNumber,
                ["course"] = r.Course,
                ["session_day"] = Day(Privacy.Abstractions.Time.LocalDays.Helsinki(r.StartsAtUtc)),
                ["place"] = r.Place,
            };
            table.Add([.. columns.Select(c => values[c])]);
        }

        var name = $"completions-{cardType.Key}";
        return kind == ExportFormat.Csv
            ? new CompletionsFile(Csv(columns, table, options.Value.Delimiter), "text/csv; charset=utf-8", name + ".csv", rows.Count)
            : new CompletionsFile(await XlsxAsync(columns, table, cancellationToken), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx", rows.Count);
    }

    private static string Day(DateOnly day) => day.ToString("d.M.yyyy", CultureInfo.InvariantCulture);

    /// <summary>RFC 4180 quoting, UTF-8 with a byte-order mark so Excel in Finland opens ä and ö right.</summary>
    internal static byte[] Csv(IReadOnlyList<string> columns, IEnumerable<string[]> rows, string delimiter)
    {
        var text = new StringBuilder();
        void Line(IEnumerable<string> cells) => text.Append(string.Join(delimiter, cells.Select(c => Quote(c, delimiter)))).Append("\r\n");
        Line(columns);
        foreach (var row in rows)
        {
            Line(row);
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    // A cell starting with = + - @ would be a formula in a spreadsheet: prefixed with ' so it stays text.
    private static string Quote(string cell, string delimiter)
    {
        var safe = cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' ? "'" + cell : cell;
        return safe.Contains(delimiter, StringComparison.Ordinal) || safe.Contains('"', StringComparison.Ordinal) || safe.Contains('\n', StringComparison.Ordinal) || safe.Contains('\r', StringComparison.Ordinal)
            ? "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : safe;
    }

    private static async Task<byte[]> XlsxAsync(IReadOnlyList<string> columns, IEnumerable<string[]> rows, CancellationToken cancellationToken)
    {
        // A DataTable keeps the header row even when there is nothing to export.
        using var sheet = new System.Data.DataTable("completions") { Locale = CultureInfo.InvariantCulture };
        foreach (var column in columns)
        {
            sheet.Columns.Add(column, typeof(string));
        }

        foreach (var row in rows)
        {
            sheet.Rows.Add(row.Cast<object>().ToArray());
        }

        using var stream = new MemoryStream();
        await stream.SaveAsAsync(sheet, sheetName: "completions", excelType: ExcelType.XLSX, cancellationToken: cancellationToken);
        return stream.ToArray();
    }
}
