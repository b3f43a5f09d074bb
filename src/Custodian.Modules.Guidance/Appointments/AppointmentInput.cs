using System.Globalization;
using Custodian.Privacy.Abstractions.Time;

namespace Custodian.Modules.Guidance.Appointments;

/// <summary>What a booking or a change says, checked: start and end in UTC, and a place or an https video link.</summary>
internal sealed record AppointmentDetails(DateTime StartsAtUtc, DateTime EndsAtUtc, string? Place, string? VideoLink, string? Note);

/// <summary>
/// Reads a booking form: day and times are Finnish local time (Europe/Helsinki), whatever the server's zone; a meeting is in
/// the future, ends after it starts and lasts at most eight hours; it is at a place or behind an https link, not both.
/// </summary>
internal static class AppointmentInput
{
    public const int MaxPlace = 300;
    public const int MaxNote = 2000;
    public const int MaxLink = 500;
    public static readonly TimeSpan MaxLength = TimeSpan.FromHours(8);

    private static readonly string[] DayFormats = ["yyyy-MM-dd", "d.M.yyyy"];
    private static readonly string[] TimeFormats = ["H:mm", "HH:mm", "H.mm", "HH.mm", "HH:mm:ss"];

    public static AppointmentDetails Parse(string? day, string? start, string? end, string? place, string? link, string? note, DateTime nowUtc)
    {
        if (!DateOnly.TryParseExact(day?.Trim(), DayFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw new GuidanceInputException("Enter the appointment's date (a date in the calendar).");
        }

        var from = Time(start, "Enter the start time as hours and minutes (for example 14:00).");
        var to = Time(end, "Enter the end time as hours and minutes (for example 15:00).");
        if (to <= from)
        {
            throw new GuidanceInputException("The appointment must end after it starts.");
        }

        var startsAt = Utc(date, from);
        var endsAt = Utc(date, to);
        if (endsAt - startsAt > MaxLength)
        {
            throw new GuidanceInputException("An appointment lasts at most 8 hours.");
        }

        if (startsAt <= nowUtc)
        {
            throw new GuidanceInputException("The appointment must start in the future.");
        }

        if (startsAt > nowUtc.AddYears(2))
        {
            throw new GuidanceInputException("Book appointments at most two years ahead.");
        }

        var (where, url) = (Optional(place, MaxPlace, "The place is too long (at most 300 characters)."), VideoLink(link));
        if (where is null == url is null)
        {
            throw new GuidanceInputException(where is null ? "Give the place of the appointment or its video link." : "Give either a place or a video link, not both.");
        }

        return new AppointmentDetails(startsAt, endsAt, where, url, Optional(note, MaxNote, "The note for the client is too long (at most 2 000 characters)."));
    }

    /// <summary>
    /// An https address with a host, no user name or password in it, no spaces; null for an empty input. Anything else is
    /// refused, so the mail and the page never carry a javascript:, http: or look-alike link.
    /// </summary>
    public static string? VideoLink(string? input)
    {
        var text = input?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (text.Length > MaxLink || text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
            || !Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps
            || string.IsNullOrEmpty(uri.Host) || uri.UserInfo.Length > 0 || !text.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            throw new GuidanceInputException("The video link must be a full https:// address (for example https://meet.example.fi/abc).");
        }

        return uri.AbsoluteUri;
    }

    public static string Reason(string? input) =>
        Optional(input, 500, "The reason is too long (at most 500 characters).") ?? throw new GuidanceInputException("Write why the appointment is cancelled.");

    /// <summary>The UTC moment of a Finnish wall-clock time; a time the spring clock change skips does not exist.</summary>
    public static DateTime Utc(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        return LocalDays.ExistsInHelsinki(local)
            ? LocalDays.FromHelsinkiTime(local)
            : throw new GuidanceInputException("That time does not exist in Finland (the clocks move forward that night). Choose another time.");
    }

    private static TimeOnly Time(string? input, string problem) =>
        TimeOnly.TryParseExact(input?.Trim(), TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : throw new GuidanceInputException(problem);

    private static string? Optional(string? input, int max, string tooLong)
    {
        var text = input?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (text.Length > max)
        {
            throw new GuidanceInputException(tooLong);
        }

        return text.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t') ? throw new GuidanceInputException("The text contains control characters; paste it as plain text.") : text;
    }
}
