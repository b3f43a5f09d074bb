using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace Custodian.Privacy.Requests.Deadlines;

/// <summary>
/// The calendar data files shipped with the kernel (<c>Requests/Deadlines/Calendars/{ru|fi}-{year}.json</c>), plus
/// files in an optional folder (<c>Privacy:CalendarsPath</c>) so a newly published year can be added without a
/// release; a file in the folder replaces a shipped one of the same country and year when its version is higher.
/// </summary>
public static class CalendarFiles
{
    public static IReadOnlyList<CalendarYear> Load(string? extraFolder = null)
    {
        var shipped = typeof(CalendarFiles).Assembly;
        var years = shipped.GetManifestResourceNames()
            .Where(n => n.StartsWith("calendars/", StringComparison.Ordinal))
            .Select(n => Parse(ReadResource(shipped, n), n))
            .ToList();
        if (extraFolder is not null && Directory.Exists(extraFolder))
        {
            years.AddRange(Directory.GetFiles(extraFolder, "*.json").Order(StringComparer.Ordinal).Select(f => Parse(File.ReadAllText(f), f)));
        }

        return [.. years.GroupBy(y => (y.Country, y.Year)).Select(g => g.MaxBy(y => y.Version)!)];
    }

    public static CalendarYear Parse(string json, string origin)
    {
        try
        {
            var file = JsonSerializer.Deserialize<CalendarFile>(json, Options) ?? throw new FormatException("empty file");
            if (file.Country is not ("RU" or "FI") || file.Year is < 1900 or > 2200 || string.IsNullOrWhiteSpace(file.Source))
            {
                throw new FormatException("country must be RU or FI, year a calendar year, and source name the act or decree");
            }

            var days = new[] { file.DaysOff, file.WorkingWeekendDays, file.ShortenedDays, file.CustomaryDaysOff }.Select(list => Dates(list, file.Year)).ToArray();
            return new CalendarYear(file.Country, file.Year, file.Version, file.Source, days[0], days[1], days[2], days[3]);
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            throw new FormatException($"Calendar file {Path.GetFileName(origin)}: {e.Message}", e);
        }
    }

    private static List<DateOnly> Dates(IReadOnlyList<string>? texts, int year) =>
        [.. (texts ?? []).Select(t => DateOnly.TryParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day.Year == year
            ? day
            : throw new FormatException($"'{t}' is not a date (YYYY-MM-DD) in {year}"))];

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow };

    private sealed record CalendarFile(string Country, int Year, int Version, string Source, IReadOnlyList<string>? DaysOff, IReadOnlyList<string>? WorkingWeekendDays, IReadOnlyList<string>? ShortenedDays, IReadOnlyList<string>? CustomaryDaysOff);
}
