namespace Custodian.Privacy.Abstractions.Time;

/// <summary>
/// The calendar day of an instant where the law or the customer counts days: Moscow for 152-FZ deadlines, plans and
/// marketplace reports (UTC+3 all year since 2014), Helsinki for GDPR deadlines in Finland (EET/EEST).
/// </summary>
public static class LocalDays
{
    public static readonly TimeSpan MoscowOffset = TimeSpan.FromHours(3);

    private static readonly TimeZoneInfo HelsinkiZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Helsinki");

    public static DateOnly Moscow(DateTime utc) => DateOnly.FromDateTime(AsUtc(utc) + MoscowOffset);

    public static DateOnly Moscow(DateTimeOffset instant) => Moscow(instant.UtcDateTime);

    public static DateOnly Helsinki(DateTime utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(AsUtc(utc), HelsinkiZone));

    public static DateOnly Helsinki(DateTimeOffset instant) => Helsinki(instant.UtcDateTime);

    /// <summary>The wall-clock time in Finland (EET/EEST) of an instant.</summary>
    public static DateTime HelsinkiTime(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(AsUtc(utc), HelsinkiZone);

    /// <summary>Whether a Finnish wall-clock time exists (not in the hour skipped when the clocks move forward).</summary>
    public static bool ExistsInHelsinki(DateTime local) => !HelsinkiZone.IsInvalidTime(DateTime.SpecifyKind(local, DateTimeKind.Unspecified));

    /// <summary>The instant of an existing Finnish wall-clock time (see <see cref="ExistsInHelsinki"/>; an ambiguous autumn hour counts as standard time).</summary>
    public static DateTime FromHelsinkiTime(DateTime local) => TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), HelsinkiZone);

    private static DateTime AsUtc(DateTime value) => value.Kind == DateTimeKind.Utc ? value : DateTime.SpecifyKind(value, DateTimeKind.Utc);
}
