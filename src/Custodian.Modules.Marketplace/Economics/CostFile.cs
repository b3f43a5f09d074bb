using System.Globalization;
using System.Text;
using MiniExcelLibs;

namespace Custodian.Modules.Marketplace.Economics;

/// <summary>A row of a cost file: its line in the file (1 is the header), the SKU, the cost and the day it applies from (null: today).</summary>
internal sealed record CostLine(int Line, long Sku, decimal Cost, DateOnly? ValidFrom);

/// <summary>Why a row (or the whole file, line 0 or 1) is refused; <see cref="Reason"/> is an English text key.</summary>
internal sealed record CostLineError(int Line, string Reason, string? Value = null);

internal sealed record CostFileResult(IReadOnlyList<CostLine> Lines, IReadOnlyList<CostLineError> Errors)
{
    public bool Valid => Errors.Count == 0 && Lines.Count > 0;
}

/// <summary>
/// Reads a seller's cost file: XLSX (the first sheet), or CSV as Russian Excel saves it — UTF-8 with or without a BOM or
/// Windows-1251, ';' or ',' between cells, decimal comma, spaces between digit groups. Columns are found by their header
/// (SKU / Артикул WB / nmID, Себестоимость / cost, and optionally Действует с / valid from). Every bad row is reported
/// with its line and reason; the caller stores nothing unless there is none.
/// </summary>
internal static class CostFile
{
    public const int MaxBytes = 5 * 1024 * 1024;
    public const int MaxRows = 50_000;
    public const decimal MaxCost = 100_000_000m;

    private static readonly string[] SkuHeaders = ["sku", "артикул wb", "артикул вб", "nmid", "nm_id", "nm id", "ozon sku", "sku ozon", "артикул маркетплейса", "код товара"];
    private static readonly string[] CostHeaders = ["cost", "cost price", "себестоимость", "себестоимость, ₽", "себестоимость, руб", "себестоимость, руб.", "себестоимость (руб)", "себестоимость, rub"];
    private static readonly string[] DateHeaders = ["valid from", "valid_from", "действует с", "дата", "с даты", "дата начала"];

    public static CostFileResult Read(byte[] content)
    {
        if (content.Length == 0)
        {
            return Refused(0, "The file is empty.");
        }

        if (content.Length > MaxBytes)
        {
            return Refused(0, "The file is larger than 5 MB.");
        }

        List<string[]> rows;
        try
        {
            if (IsZip(content))
            {
                rows = Xlsx(content);
            }
            else if (Decode(content) is { } text)
            {
                rows = Csv(text);
            }
            else
            {
                return Refused(0, "The file is not text in UTF-8 or Windows-1251.");
            }
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or FormatException or IOException or ArgumentException or NotSupportedException or System.Xml.XmlException)
        {
            return Refused(0, "The file is neither CSV nor XLSX that can be read.");
        }

        rows.RemoveAll(r => r.All(string.IsNullOrWhiteSpace));
        if (rows.Count == 0)
        {
            return Refused(0, "The file is empty.");
        }

        var header = rows[0].Select(Normalise).ToArray();
        var sku = Array.FindIndex(header, SkuHeaders.Contains);
        var cost = Array.FindIndex(header, CostHeaders.Contains);
        var date = Array.FindIndex(header, DateHeaders.Contains);
        if (sku < 0 || cost < 0)
        {
            return Refused(1, "The first line must name the columns SKU and Себестоимость (optionally Действует с).");
        }

        if (rows.Count - 1 > MaxRows)
        {
            return Refused(0, "The file has more than 50 000 rows.");
        }

        var (lines, errors, seen) = (new List<CostLine>(), new List<CostLineError>(), new Dictionary<(long, DateOnly?), int>());
        for (var i = 1; i < rows.Count; i++)
        {
            var (row, line) = (rows[i], i + 1);
            string Cell(int index) => index >= 0 && index < row.Length ? row[index].Trim() : string.Empty;
            if (!long.TryParse(Digits(Cell(sku)), NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number <= 0)
            {
                errors.Add(new CostLineError(line, "The SKU is not a positive number.", Cell(sku)));
                continue;
            }

            if (!TryMoney(Cell(cost), out var value))
            {
                errors.Add(new CostLineError(line, "The cost is not a number.", Cell(cost)));
                continue;
            }

            if (value < 0m)
            {
                errors.Add(new CostLineError(line, "The cost is negative.", Cell(cost)));
                continue;
            }

            if (value > MaxCost || decimal.Round(value, 2) != value)
            {
                errors.Add(new CostLineError(line, "The cost has more than two decimals or is implausibly large.", Cell(cost)));
                continue;
            }

            DateOnly? from = null;
            if (date >= 0 && Cell(date).Length > 0)
            {
                if (!TryDay(Cell(date), out var day))
                {
                    errors.Add(new CostLineError(line, "The date is not a day written dd.mm.yyyy or yyyy-mm-dd.", Cell(date)));
                    continue;
                }

                from = day;
            }

            if (seen.TryGetValue((number, from), out var first))
            {
                errors.Add(new CostLineError(line, "The SKU is listed twice (first on line {0}).", first.ToString(CultureInfo.InvariantCulture)));
                continue;
            }

            seen[(number, from)] = line;
            lines.Add(new CostLine(line, number, value, from));
        }

        if (lines.Count == 0 && errors.Count == 0)
        {
            errors.Add(new CostLineError(0, "The file has no rows below its header."));
        }

        return new CostFileResult(lines, errors);
    }

    /// <summary>A money value as sellers type it: "1 234,50", "1234.5", "1 234 ₽".</summary>
    public static bool TryMoney(string text, out decimal value)
    {
        var cleaned = new string([.. text.Where(c => !char.IsWhiteSpace(c) && c is not ('\u00a0' or '\u202f' or '₽'))]);
        if (cleaned.EndsWith("руб.", StringComparison.OrdinalIgnoreCase) || cleaned.EndsWith("руб", StringComparison.OrdinalIgnoreCase))
        {
            cleaned = cleaned[..cleaned.LastIndexOf("руб", StringComparison.OrdinalIgnoreCase)];
        }

        cleaned = cleaned.Replace(',', '.');
        return decimal.TryParse(cleaned, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    public static bool TryDay(string text, out DateOnly day) =>
        DateOnly.TryParseExact(text.Trim(), ["dd.MM.yyyy", "d.M.yyyy", "yyyy-MM-dd", "dd.MM.yy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out day)
        || (DateTime.TryParseExact(text.Trim(), ["dd.MM.yyyy H:mm:ss", "yyyy-MM-dd HH:mm:ss", "M/d/yyyy h:mm:ss tt"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var moment) && (day = DateOnly.FromDateTime(moment)) != default);

    private static CostFileResult Refused(int line, string reason) => new([], [new CostLineError(line, reason)]);

    private static string Normalise(string header) =>
        string.Join(' ', header.Trim().Trim('\uFEFF').ToLowerInvariant().Replace('ё', 'е').Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static string Digits(string text) => new([.. text.Where(c => !char.IsWhiteSpace(c) && c is not ('\u00a0' or '\u202f'))]);

    private static bool IsZip(byte[] content) => content.Length > 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4;

    private static List<string[]> Xlsx(byte[] content)
    {
        using var stream = new MemoryStream(content);
        var rows = new List<string[]>();
        foreach (IDictionary<string, object?> row in stream.Query(useHeaderRow: false, excelType: ExcelType.XLSX))
        {
            rows.Add([.. row.Values.Select(v => v switch
            {
                null => string.Empty,
                DateTime t => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => v.ToString() ?? string.Empty,
            })]);
            if (rows.Count > MaxRows + 1)
            {
                break;
            }
        }

        return rows;
    }

    private static List<string[]> Csv(string text)
    {
        var firstLine = text.Split('\n', 2)[0];
        var separator = firstLine.Count(c => c == ';') >= firstLine.Count(c => c == ',') && firstLine.Contains(';', StringComparison.Ordinal) ? ';'
            : firstLine.Contains('\t', StringComparison.Ordinal) && !firstLine.Contains(',', StringComparison.Ordinal) ? '\t' : ',';
        return Split(text, separator);
    }

    /// <summary>BOM → UTF-8; valid UTF-8 → UTF-8; otherwise Windows-1251. Null when it is not text (a BOM before invalid UTF-8, control characters other than line ends and tabs).</summary>
    public static string? Decode(byte[] content)
    {
        var text = content.Length >= 3 && content[0] == 0xEF && content[1] == 0xBB && content[2] == 0xBF
            ? Utf8(content.AsSpan(3))
            : Utf8(content) ?? CodePagesEncodingProvider.Instance.GetEncoding(1251)!.GetString(content);
        return text is null || text.Any(c => char.IsControl(c) && c is not ('\r' or '\n' or '\t')) ? null : text;
    }

    private static string? Utf8(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>RFC 4180 cells: quotes around a cell may hold the separator, line breaks and doubled quotes.</summary>
    private static List<string[]> Split(string text, char separator)
    {
        var (rows, row, cell, quoted) = (new List<string[]>(), new List<string>(), new StringBuilder(), false);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"' && cell.Length == 0)
            {
                quoted = true;
            }
            else if (c == separator)
            {
                row.Add(cell.ToString());
                cell.Clear();
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                row.Add(cell.ToString());
                cell.Clear();
                rows.Add([.. row]);
                row.Clear();
                if (rows.Count > MaxRows + 1)
                {
                    return rows;
                }
            }
            else
            {
                cell.Append(c);
            }
        }

        if (cell.Length > 0 || row.Count > 0)
        {
            row.Add(cell.ToString());
            rows.Add([.. row]);
        }

        return rows;
    }
}
