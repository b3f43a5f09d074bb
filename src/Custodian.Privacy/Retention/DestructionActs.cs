using System.Globalization;
using System.Text;

namespace Custodian.Privacy.Retention;

/// <summary>Destruction acts as CSV (RFC 4180), one act per row, for the operator's records or an authority.</summary>
public static class DestructionActs
{
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
