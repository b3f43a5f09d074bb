using System.Globalization;

namespace Custodian.Modules.Marketplace.Dashboards;

/// <summary>Reading the normalised values of analytics rows (longs, decimals, dates, strings; null as zero or empty).</summary>
internal static class AnalyticsCells
{
    public static long Long(object? value) => value is null ? 0 : Convert.ToInt64(value, CultureInfo.InvariantCulture);

    public static decimal Decimal(object? value) => value is null ? 0m : Convert.ToDecimal(value, CultureInfo.InvariantCulture);

    public static string Text(object? value) => value as string ?? string.Empty;

    public static DateOnly Day(object? value) => value switch
    {
        DateOnly d => d,
        DateTime t => DateOnly.FromDateTime(t),
        _ => throw new InvalidOperationException("The analytics store answered a day that is not a date."),
    };
}
