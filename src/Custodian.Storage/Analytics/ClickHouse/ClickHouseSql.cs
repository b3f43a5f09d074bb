using System.Globalization;
using System.Text;
using Custodian.Privacy.Abstractions.Analytics;

namespace Custodian.Storage.Analytics.ClickHouse;

/// <summary>
/// Client-side SQL rendering for ClickHouse. Query parameters (<c>{x:T}</c>) do not exist on 18.16, so values
/// are escaped here; this is the one place that does it.
/// </summary>
internal static class ClickHouseSql
{
    public static string Quote(string identifier) => "`" + AnalyticsIdentifier.Require(identifier) + "`";

    public static string StringLiteral(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('\'');
        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' => builder.Append("\\\\"),
                '\'' => builder.Append("\\'"),
                '\n' => builder.Append("\\n"),
                '\r' => builder.Append("\\r"),
                '\t' => builder.Append("\\t"),
                '\0' => builder.Append("\\0"),
                '\b' => builder.Append("\\b"),
                '\f' => builder.Append("\\f"),
                _ => builder.Append(c),
            };
        }

        return builder.Append('\'').ToString();
    }

    public static string Literal(object? value) => value switch
    {
        null => "NULL",
        string s => StringLiteral(s),
        bool b => b ? "1" : "0",
        DateOnly d => $"toDate('{d:yyyy-MM-dd}')",
        DateTime or DateTimeOffset => $"toDateTime('{AnalyticsValues.UtcInstant(value):yyyy-MM-dd HH:mm:ss}', 'UTC')",
        Guid g => $"toUUID('{g:D}')",
        decimal m => DecimalLiteral(m),
        double or float => $"toFloat64('{AnalyticsValues.FloatText(Convert.ToDouble(value, CultureInfo.InvariantCulture))}')",
        sbyte or byte or short or ushort or int or uint or long or ulong => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        _ => throw new ArgumentException($"A {value.GetType().Name} cannot be used as an analytics query value."),
    };

    // A bare 12.34 is Float64 in ClickHouse; money must stay exact.
    private static string DecimalLiteral(decimal value) =>
        string.Create(CultureInfo.InvariantCulture, $"toDecimal128('{value}', {value.Scale})");

    public static string TypeOf(AnalyticsColumn column)
    {
        var type = column.Type switch
        {
            AnalyticsType.String => "String",
            AnalyticsType.Int32 => "Int32",
            AnalyticsType.Int64 => "Int64",
            AnalyticsType.Decimal => string.Create(CultureInfo.InvariantCulture, $"Decimal({column.Precision}, {column.Scale})"),
            AnalyticsType.Float64 => "Float64",
            AnalyticsType.Boolean => "UInt8", // Bool arrived after 18.16
            AnalyticsType.Date => "Date",
            AnalyticsType.DateTime => "DateTime('UTC')",
            AnalyticsType.Uuid => "UUID",
            _ => throw new ArgumentOutOfRangeException(nameof(column), column.Type, "Unknown analytics type."),
        };
        return column.Nullable ? $"Nullable({type})" : type;
    }

    /// <summary>Writes one value of a row in TabSeparated input format.</summary>
    public static void AppendTsvValue(StringBuilder target, object? value)
    {
        _ = value switch
        {
            null => target.Append(TabSeparated.Null),
            string s => Escape(target, s),
            bool b => target.Append(b ? '1' : '0'),
            DateOnly d => target.Append(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            DateTime dt => target.Append(dt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)),
            Guid g => target.Append(g.ToString("D")),
            double d => target.Append(AnalyticsValues.FloatText(d)),
            IFormattable f => target.Append(f.ToString(null, CultureInfo.InvariantCulture)),
            _ => throw new ArgumentException($"A {value.GetType().Name} cannot be written to ClickHouse."),
        };

        static StringBuilder Escape(StringBuilder target, string s)
        {
            TabSeparated.AppendEscaped(target, s);
            return target;
        }
    }

    /// <summary>Parses one TSV field of a result by its ClickHouse type name into the normalised .NET value.</summary>
    public static object? ParseValue(string? text, string type)
    {
        if (text is null)
        {
            return null;
        }

        var bare = Unwrap(Unwrap(type, "Nullable("), "LowCardinality(");
        var inv = CultureInfo.InvariantCulture;
        if (text.StartsWith("0000-00-00", StringComparison.Ordinal) && (bare == "Date" || bare.StartsWith("DateTime", StringComparison.Ordinal)))
        {
            return null; // ClickHouse's "zero date": e.g. min() over no rows, where other engines answer NULL
        }

        return bare switch
        {
            "String" => text,
            "UInt64" => AnalyticsValues.Normalise(ulong.Parse(text, inv)),
            "Int8" or "Int16" or "Int32" or "Int64" or "UInt8" or "UInt16" or "UInt32" => long.Parse(text, inv),
            "Float32" or "Float64" => ParseFloat(text),
            "Date" => DateOnly.ParseExact(text, "yyyy-MM-dd", inv),
            "UUID" => Guid.Parse(text, inv),
            _ when bare.StartsWith("Decimal", StringComparison.Ordinal) => decimal.Parse(text, NumberStyles.Number, inv),
            _ when bare.StartsWith("DateTime", StringComparison.Ordinal) =>
                DateTime.SpecifyKind(DateTime.ParseExact(text, "yyyy-MM-dd HH:mm:ss", inv), DateTimeKind.Utc),
            _ => text,
        };
    }

    private static double ParseFloat(string text) => text switch
    {
        "nan" or "-nan" => double.NaN,
        "inf" or "+inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    private static string Unwrap(string type, string wrapper) =>
        type.StartsWith(wrapper, StringComparison.Ordinal) && type.EndsWith(')')
            ? type[wrapper.Length..^1]
            : type;

    /// <summary>
    /// ReplacingMergeTree keeping the row with the highest version of a key, partitioned by the month of a date column
    /// that never changes for a fact (rows of one key must stay in one partition to be replaced).
    /// </summary>
    public static string ReplacingEngine(AnalyticsTable table) =>
        $"ReplacingMergeTree({(table.Version is { } version ? Quote(version) : string.Empty)})" +
        (table.PartitionByMonthOf is { } partition ? $" PARTITION BY toYYYYMM({Quote(partition)})" : string.Empty);
}
