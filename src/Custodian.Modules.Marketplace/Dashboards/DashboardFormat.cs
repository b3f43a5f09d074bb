using System.Globalization;

namespace Custodian.Modules.Marketplace.Dashboards;

/// <summary>Numbers, money and days in the reader's language (ru: <c>1 234 567,89 ₽</c>); every dashboard writes them this way.</summary>
internal static class DashboardFormat
{
    public static string Count(long value) => value.ToString("N0", CultureInfo.CurrentCulture);

    public static string Money(decimal value) => value.ToString("N2", CultureInfo.CurrentCulture) + "\u00a0₽";

    public static string Percent(decimal? value) => value is { } v ? v.ToString("0.#", CultureInfo.CurrentCulture) + "\u00a0%" : "–";

    public static string Day(DateOnly day) => day.ToString("d", CultureInfo.CurrentCulture);

    public static string Cell(object? value, ColumnKind kind) => value switch
    {
        null => "–",
        DateOnly d => Day(d),
        decimal m when kind == ColumnKind.Money => Money(m),
        decimal p when kind == ColumnKind.Percent => Percent(p),
        long n => Count(n),
        decimal m => m.ToString("N2", CultureInfo.CurrentCulture),
        double f => f.ToString("N1", CultureInfo.CurrentCulture),
        _ => Convert.ToString(value, CultureInfo.CurrentCulture) ?? string.Empty,
    };

    /// <summary>The change against the previous period as "+12,5 %" (null when there is nothing to compare with).</summary>
    public static string? Delta(decimal current, decimal previous) =>
        previous == 0m ? null : ((current - previous) / Math.Abs(previous) * 100m).ToString("+0.#;−0.#;0", CultureInfo.CurrentCulture) + "\u00a0%";
}
