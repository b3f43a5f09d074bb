using System.Globalization;
using System.Text;

namespace Custodian.Privacy.Retention;

/// <summary>Destruction acts as CSV (RFC 4180, one act per row) or PDF (one section per act), for the operator's records or an authority.</summary>
public static class DestructionActs
{
    public static byte[] ToPdf(IEnumerable<DestructionActRecord> acts)
    {
        ArgumentNullException.ThrowIfNull(acts);
        var blocks = new List<PdfBlock> { PdfBlock.Title("Acts of destruction of personal data") };
        foreach (var a in acts)
        {
            blocks.Add(PdfBlock.Section($"Act {a.Number} of {a.PerformedAtUtc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC"));
            blocks.AddRange(new[]
            {
                ("Operator", a.Operator), ("Information system (media)", a.Media), ("Register and data category", $"{a.Register} / {a.Category}: {a.Fields}"),
                ("Records destroyed", a.Records.ToString(CultureInfo.InvariantCulture)), ("Subjects (pseudonymous ids)", a.Subjects.Length == 0 ? "—" : a.Subjects),
                ("Method", a.Method), ("Reason", a.Reason), ("Performed by", a.PerformedBy),
            }.Select(f => PdfBlock.Item($"{f.Item1}: {f.Item2}", 9)));
        }

        return PdfText.Render(blocks);
    }

    public static string ToCsv(IEnumerable<DestructionActRecord> acts)
    {
        ArgumentNullException.ThrowIfNull(acts);
        var csv = new StringBuilder("number,performed_at_utc,operator,register,category,fields,records,subjects,media,method,reason,performed_by\r\n");
        foreach (var a in acts)
        {
            csv.AppendJoin(',', new[] { a.Number, a.PerformedAtUtc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), a.Operator, a.Register, a.Category, a.Fields, a.Records.ToString(CultureInfo.InvariantCulture), a.Subjects, a.Media, a.Method, a.Reason, a.PerformedBy }.Select(CsvText.Field)).Append("\r\n");
        }

        return csv.ToString();
    }
}
