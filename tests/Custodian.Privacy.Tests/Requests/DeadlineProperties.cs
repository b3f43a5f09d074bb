using Custodian.Privacy.Requests.Deadlines;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Custodian.Privacy.Tests.Requests;

public sealed class DeadlineProperties
{
    private static readonly StatutoryDeadlines Deadlines = StatutoryDeadlines.FromFiles();

    /// <summary>Receipt days whose whole period (extended too) stays inside the shipped calendars.</summary>
    private static Arbitrary<DateOnly> ReceivedIn2025To2027() =>
        Gen.Choose(0, (new DateOnly(2027, 9, 30).DayNumber - new DateOnly(2025, 1, 1).DayNumber)).Select(n => new DateOnly(2025, 1, 1).AddDays(n)).ToArbitrary();

    [Property(MaxTest = 500)]
    public Property Gdpr_due_is_the_first_Finnish_working_day_on_or_after_the_month_end(bool extended) =>
        Prop.ForAll(ReceivedIn2025To2027(), received =>
        {
            var finland = Deadlines.Calendar(RequestLaw.Gdpr);
            var due = Deadlines.Due(RequestLaw.Gdpr, received, extended);
            var periodEnd = received.AddMonths(extended ? 3 : 1);

            Assert.True(finland.IsWorkingDay(due));
            Assert.True(due >= periodEnd && due.DayNumber - periodEnd.DayNumber <= 4, $"{received} -> {due}");
            for (var day = periodEnd; day < due; day = day.AddDays(1))
            {
                Assert.False(finland.IsWorkingDay(day));
            }
        });

    [Property(MaxTest = 500)]
    public Property Ru152fz_due_is_a_working_day_with_exactly_10_or_15_working_days_after_receipt(bool extended) =>
        Prop.ForAll(ReceivedIn2025To2027(), received =>
        {
            var russia = Deadlines.Calendar(RequestLaw.Ru152Fz);
            var due = Deadlines.Due(RequestLaw.Ru152Fz, received, extended);
            var counted = 0;
            for (var day = received.AddDays(1); day <= due; day = day.AddDays(1))
            {
                counted += russia.IsWorkingDay(day) ? 1 : 0;
            }

            Assert.True(russia.IsWorkingDay(due));
            Assert.Equal(extended ? 15 : 10, counted);
        });

    [Property(MaxTest = 300)]
    public Property A_garbage_calendar_file_is_refused_with_a_format_error_never_a_crash() =>
        Prop.ForAll(ArbMap.Default.ArbFor<string>(), text =>
        {
            try
            {
                CalendarFiles.Parse(text ?? string.Empty, "x.json");
            }
            catch (FormatException)
            {
                // the expected refusal
            }
        });
}
