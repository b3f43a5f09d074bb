using System.Globalization;
using Custodian.Modules.Guidance.Appointments;
using Custodian.Privacy.Abstractions.Time;
using FsCheck;
using FsCheck.Xunit;

namespace Custodian.Modules.Guidance.Tests;

/// <summary>The booking form's reader: video links are https or refused, and a Finnish wall-clock time round-trips through UTC.</summary>
public sealed class AppointmentInputProperties
{
    private static readonly DateTime Now = new(2026, 12, 7, 9, 0, 0, DateTimeKind.Utc);

    [Property(MaxTest = 300)]
    public void Any_input_is_either_refused_with_the_link_message_or_kept_as_an_https_address(string? input)
    {
        try
        {
            var link = AppointmentInput.VideoLink(input);
            Assert.True(link is null ? string.IsNullOrWhiteSpace(input) : link.StartsWith("https://", StringComparison.Ordinal) && new Uri(link).UserInfo.Length == 0);
        }
        catch (GuidanceInputException e)
        {
            Assert.Equal("The video link must be a full https:// address (for example https://meet.example.fi/abc).", e.Message);
        }
    }

    [Property(MaxTest = 300)]
    public void An_https_address_with_a_host_and_a_path_is_accepted_and_any_other_scheme_is_refused(PositiveInt room, bool other)
    {
        var scheme = other ? "http" : "https";
        var input = $"{scheme}://meet.example.fi/room-{room.Get.ToString(CultureInfo.InvariantCulture)}?pwd=x";
        if (other)
        {
            Assert.Throws<GuidanceInputException>(() => AppointmentInput.VideoLink(input));
        }
        else
        {
            Assert.Equal(input, AppointmentInput.VideoLink(input));
        }
    }

    [Property(MaxTest = 300)]
    public void A_future_finnish_time_that_exists_comes_back_as_the_same_wall_clock_time(PositiveInt daysAhead, byte quarter)
    {
        var day = DateOnly.FromDateTime(Now).AddDays(1 + (daysAhead.Get % 700));
        var start = new TimeOnly(0, 0).AddMinutes(quarter % 88 * 15);
        var end = start.AddMinutes(45);
        if (end <= start || !LocalDays.ExistsInHelsinki(day.ToDateTime(start)) || !LocalDays.ExistsInHelsinki(day.ToDateTime(end)))
        {
            return;
        }

        var parsed = AppointmentInput.Parse(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), start.ToString("HH:mm", CultureInfo.InvariantCulture), end.ToString("H.mm", CultureInfo.InvariantCulture), "Toimisto", null, null, Now);

        Assert.Equal(day.ToDateTime(start), LocalDays.HelsinkiTime(parsed.StartsAtUtc));
        Assert.Equal(day.ToDateTime(end), LocalDays.HelsinkiTime(parsed.EndsAtUtc));
    }
}
