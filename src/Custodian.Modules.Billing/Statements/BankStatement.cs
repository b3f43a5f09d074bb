using System.Globalization;
using System.Text;

namespace Custodian.Modules.Billing.Statements;

/// <summary>One payment order (платёжное поручение) of a statement, as the bank wrote it.</summary>
internal sealed record StatementEntry(
    int Line, string Number, DateOnly Date, decimal Amount, string? PayerInn, string? PayerName, string? PayerAccount,
    string? PayeeInn, string? PayeeAccount, string Purpose, DateOnly? Received);

/// <summary>A parsed statement: the account it is for (<c>РасчСчет</c>), its period and its documents.</summary>
internal sealed record BankStatement(string? Account, DateOnly? From, DateOnly? To, IReadOnlyList<StatementEntry> Entries);

/// <summary>Why a file is not a statement: an English text (the key of its translation) with its arguments.</summary>
internal sealed record StatementProblem(string Text, params object[] Arguments)
{
    public override string ToString() => string.Format(CultureInfo.InvariantCulture, Text, Arguments);
}

/// <summary>
/// Reads the 1CClientBankExchange text format (1C's exchange standard with client-bank systems, version 1.02/1.03:
/// a first line <c>1CClientBankExchange</c>, <c>Key=Value</c> lines, documents between <c>СекцияДокумент=…</c> and
/// <c>КонецДокумента</c>, the end <c>КонецФайла</c>). Banks write it in Windows-1251 (<c>Кодировка=Windows</c>), some
/// in UTF-8, old ones in DOS (866). Never throws on input: anything it cannot read is a <see cref="StatementProblem"/>.
/// </summary>
internal static class BankStatementFormat
{
    public const int MaximumBytes = 20 * 1024 * 1024;

    private const string Marker = "1CClientBankExchange";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    static BankStatementFormat() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static (BankStatement? Statement, StatementProblem? Problem) Parse(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 0)
        {
            return (null, new StatementProblem("The file is empty."));
        }

        if (bytes.Length > MaximumBytes)
        {
            return (null, new StatementProblem("The file is larger than {0} MB: not a statement of one account.", MaximumBytes / 1024 / 1024));
        }

        if (bytes.IndexOf((byte)0) >= 0)
        {
            return (null, new StatementProblem("The file is not text in Windows-1251 or UTF-8 (it contains zero bytes, as UTF-16 or a binary file does). Export the statement again in Windows-1251 or UTF-8."));
        }

        var (lines, problem) = Decode(bytes);
        return problem is not null ? (null, problem) : Read(lines!);
    }

    /// <summary>Splits into lines and decodes them in one encoding; a file with UTF-8 lines and others is refused.</summary>
    private static (List<string>? Lines, StatementProblem? Problem) Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }

        var raw = new List<byte[]>();
        int? firstUtf8 = null, firstSingleByte = null;
        var lineNumber = 0;
        while (bytes.Length > 0 || lineNumber == 0)
        {
            lineNumber++;
            var end = bytes.IndexOf((byte)'\n');
            var line = end < 0 ? bytes : bytes[..end];
            bytes = end < 0 ? [] : bytes[(end + 1)..];
            if (line.Length > 0 && line[^1] == (byte)'\r')
            {
                line = line[..^1];
            }

            raw.Add(line.ToArray());
            if (System.Text.Ascii.IsValid(line))
            {
                continue;
            }

            if (IsUtf8(line))
            {
                firstUtf8 ??= lineNumber;
            }
            else
            {
                firstSingleByte ??= lineNumber;
            }
        }

        if (firstUtf8 is { } u && firstSingleByte is { } s)
        {
            return (null, new StatementProblem("Mixed encodings: line {0} is in UTF-8 and line {1} is not. Export the statement again in one encoding (Windows-1251 or UTF-8).", u, s));
        }

        if (firstUtf8 is not null)
        {
            return (raw.Select(StrictUtf8.GetString).ToList(), null);
        }

        // Single-byte: Windows-1251 as the standard prescribes, DOS (866) when the keys only read that way.
        foreach (var codePage in (int[])[1251, 866])
        {
            var encoding = Encoding.GetEncoding(codePage);
            var lines = raw.Select(l => encoding.GetString(l)).ToList();
            if (firstSingleByte is null || lines.Any(l => l.Trim() is "КонецФайла" or "КонецДокумента" || l.StartsWith("СекцияДокумент=", StringComparison.Ordinal)))
            {
                return (lines, null);
            }
        }

        return (null, new StatementProblem("The statement's keys cannot be read in Windows-1251, DOS (866) or UTF-8: the file is in another encoding. Export it again in Windows-1251 or UTF-8."));
    }

    private static bool IsUtf8(ReadOnlySpan<byte> line)
    {
        try
        {
            StrictUtf8.GetCharCount(line);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static (BankStatement? Statement, StatementProblem? Problem) Read(List<string> lines)
    {
        var first = lines.FindIndex(l => l.Trim().Length > 0);
        if (first < 0 || lines[first].Trim() != Marker)
        {
            return (null, new StatementProblem("Not a 1CClientBankExchange statement: its first line must be 1CClientBankExchange."));
        }

        string? account = null;
        DateOnly? from = null, to = null;
        var entries = new List<StatementEntry>();
        Dictionary<string, (string Value, int Line)>? document = null;
        var documentLine = 0;
        var ended = false;
        for (var i = first + 1; i < lines.Count && !ended; i++)
        {
            var number = i + 1;
            var line = lines[i].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            switch (line)
            {
                case "КонецФайла":
                    if (document is not null)
                    {
                        return (null, new StatementProblem("Line {0}: the file ends inside the document that starts on line {1} (КонецДокумента is missing).", number, documentLine));
                    }

                    ended = true;
                    continue;
                case "КонецДокумента":
                    if (document is null)
                    {
                        return (null, new StatementProblem("Line {0}: КонецДокумента without a document before it.", number));
                    }

                    var (entry, problem) = Entry(document, documentLine);
                    if (problem is not null)
                    {
                        return (null, problem);
                    }

                    entries.Add(entry!);
                    document = null;
                    continue;
                case "СекцияРасчСчет" or "КонецРасчСчет":
                    continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                return (null, new StatementProblem("Line {0}: expected Key=Value.", number));
            }

            var key = line[..equals].Trim();
            var value = line[(equals + 1)..].Trim();
            if (key == "СекцияДокумент")
            {
                if (document is not null)
                {
                    return (null, new StatementProblem("Line {0}: a new document starts before the one on line {1} ended (КонецДокумента is missing).", number, documentLine));
                }

                document = new Dictionary<string, (string, int)>(StringComparer.Ordinal);
                documentLine = number;
            }
            else if (document is not null)
            {
                document[key] = (value, number);
            }
            else
            {
                switch (key)
                {
                    case "РасчСчет":
                        account = value;
                        break;
                    case "ДатаНачала":
                        from = Day(value);
                        break;
                    case "ДатаКонца":
                        to = Day(value);
                        break;
                }
            }
        }

        if (!ended)
        {
            return (null, new StatementProblem("The file ends without КонецФайла: it was cut off. Export the statement again."));
        }

        return (new BankStatement(account, from, to, entries), null);
    }

    private static (StatementEntry? Entry, StatementProblem? Problem) Entry(Dictionary<string, (string Value, int Line)> fields, int line)
    {
        string? Text(string key) => fields.TryGetValue(key, out var v) && v.Value.Length > 0 ? v.Value : null;
        int LineOf(string key) => fields.TryGetValue(key, out var v) ? v.Line : line;

        if (Text("Номер") is not { Length: <= 20 } number)
        {
            return (null, new StatementProblem("Line {0}: the document has no number (Номер).", LineOf("Номер")));
        }

        if (Text("Дата") is not { } dateText || Day(dateText) is not { } date)
        {
            return (null, new StatementProblem("Line {0}: the document's date (Дата) is not a date dd.mm.yyyy.", LineOf("Дата")));
        }

        if (Text("Сумма") is not { } amountText || Amount(amountText) is not { } amount)
        {
            return (null, new StatementProblem("Line {0}: the amount (Сумма) is not rubles and kopecks above zero, such as 1490.00.", LineOf("Сумма")));
        }

        DateOnly? received = null;
        if (Text("ДатаПоступило") is { } receivedText)
        {
            if (Day(receivedText) is not { } day)
            {
                return (null, new StatementProblem("Line {0}: the date received (ДатаПоступило) is not a date dd.mm.yyyy.", LineOf("ДатаПоступило")));
            }

            received = day;
        }

        // The purpose is one line, or up to six numbered parts in older exports.
        var purpose = Text("НазначениеПлатежа")
            ?? string.Join(' ', Enumerable.Range(1, 6).Select(i => Text("НазначениеПлатежа" + i.ToString(CultureInfo.InvariantCulture))).OfType<string>());
        return (new StatementEntry(line, number, date, amount, Text("ПлательщикИНН"), Text("Плательщик1") ?? Text("Плательщик"), Text("ПлательщикРасчСчет") ?? Text("ПлательщикСчет"),
            Text("ПолучательИНН"), Text("ПолучательРасчСчет") ?? Text("ПолучательСчет"), purpose, received), null);
    }

    private static DateOnly? Day(string text) =>
        DateOnly.TryParseExact(text, "dd.MM.yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    /// <summary>Rubles with a point before the kopecks (at most two digits), above zero.</summary>
    private static decimal? Amount(string text)
    {
        if (text.Length > 18 || !text.All(c => char.IsAsciiDigit(c) || c == '.') || text.Count(c => c == '.') > 1 || text[0] == '.' || text[^1] == '.')
        {
            return null;
        }

        var point = text.IndexOf('.', StringComparison.Ordinal);
        if (point >= 0 && text.Length - point - 1 > 2)
        {
            return null;
        }

        return decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : null;
    }
}
