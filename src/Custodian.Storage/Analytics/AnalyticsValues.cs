using System.Globalization;
using System.Numerics;
using Custodian.Privacy.Abstractions.Analytics;

namespace Custodian.Storage.Analytics;

/// <summary>Brings engine-specific values onto the .NET types promised by <c>AnalyticsResult</c>.</summary>
internal static class AnalyticsValues
{
    public static object? Normalise(object? value) => value switch
    {
        null or DBNull => null,
        sbyte or byte or short or ushort or int or uint or long => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        ulong u => u <= long.MaxValue ? (object)(long)u : (decimal)u,
        // DuckDB sums BIGINT into HUGEINT.
        BigInteger b => b >= long.MinValue && b <= long.MaxValue ? (object)(long)b : (decimal)b,
        float f => (double)f,
        DateTime d => DateTime.SpecifyKind(d, DateTimeKind.Utc),
        DateTimeOffset o => o.UtcDateTime,
        _ => value,
    };

    /// <summary>Converts a value given for a column of the declared type, rejecting ones that would lose data.</summary>
    public static object? ForColumn(AnalyticsColumn column, object? value)
    {
        if (value is null or DBNull)
        {
            return column.Nullable
                ? null
                : throw new ArgumentException($"Column {column.Name} is not nullable.");
        }

        try
        {
            return column.Type switch
            {
                AnalyticsType.String => value as string ?? Convert.ToString(value, CultureInfo.InvariantCulture),
                AnalyticsType.Int32 => Convert.ToInt32(value, CultureInfo.InvariantCulture),
                AnalyticsType.Int64 => Convert.ToInt64(value, CultureInfo.InvariantCulture),
                AnalyticsType.Decimal => Scaled(column, Convert.ToDecimal(value, CultureInfo.InvariantCulture)),
                AnalyticsType.Float64 => Convert.ToDouble(value, CultureInfo.InvariantCulture),
                AnalyticsType.Boolean => Convert.ToBoolean(value, CultureInfo.InvariantCulture),
                AnalyticsType.Date => value switch
                {
                    DateOnly d => d,
                    DateTime dt => DateOnly.FromDateTime(dt),
                    _ => throw new ArgumentException($"Column {column.Name} takes a DateOnly."),
                },
                AnalyticsType.DateTime => UtcInstant(value),
                AnalyticsType.Uuid => value is Guid g ? g : Guid.Parse(Convert.ToString(value, CultureInfo.InvariantCulture)!, CultureInfo.InvariantCulture),
                _ => throw new ArgumentOutOfRangeException(nameof(column), column.Type, "Unknown analytics type."),
            };
        }
        catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException)
        {
            throw new ArgumentException($"Column {column.Name} ({column.Type}) cannot take a {value.GetType().Name}.", e);
        }
    }

    /// <summary>
    /// A decimal at the column's scale. Digits beyond it that are only binary floating-point noise (APIs that send money
    /// as doubles: 0.9400000000000001) are rounded away, on every engine alike; any other extra digit is refused, as
    /// ClickHouse would refuse it and DuckDB would round it silently.
    /// </summary>
    private static decimal Scaled(AnalyticsColumn column, decimal value)
    {
        var rounded = Math.Round(value, column.Scale, MidpointRounding.AwayFromZero);
        return Math.Abs(rounded - value) <= 0.000001m
            ? rounded
            : throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Column {column.Name} keeps {column.Scale} decimals; a value has more."));
    }

    /// <summary>A UTC instant truncated to whole seconds; a DateTime of unknown or local kind is refused.</summary>
    public static DateTime UtcInstant(object value)
    {
        var utc = value switch
        {
            DateTimeOffset o => o.UtcDateTime,
            DateTime { Kind: DateTimeKind.Utc } dt => dt,
            DateTime => throw new ArgumentException("Instants must be UTC; got a DateTime that is not UTC."),
            _ => throw new ArgumentException($"Expected a DateTimeOffset or UTC DateTime, got {value.GetType().Name}."),
        };
        return new DateTime(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
    }

    /// <summary>Round-trippable text of a double, with the spellings both engines parse for the special values.</summary>
    public static string FloatText(double d) => double.IsNaN(d) ? "nan"
        : double.IsPositiveInfinity(d) ? "inf"
        : double.IsNegativeInfinity(d) ? "-inf"
        : d.ToString("R", CultureInfo.InvariantCulture);
}
