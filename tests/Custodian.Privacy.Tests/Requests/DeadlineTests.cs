using System.Globalization;
using Custodian.Privacy.Requests;
using Custodian.Privacy.Requests.Deadlines;
using Custodian.Testing;

namespace Custodian.Privacy.Tests.Requests;

public sealed class DeadlineTests
{
    private static readonly StatutoryDeadlines Deadlines = StatutoryDeadlines.FromFiles();

    private static DateOnly D(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2026-03-05", false, "2026-04-07")] // 5 April 2026 is Easter Sunday, 6 April Easter Monday
    [InlineData("2025-03-05", false, "2025-04-07")] // 5 April 2025 is a Saturday
    [InlineData("2027-03-05", false, "2027-04-05")] // EDPB example: 5 March -> 5 April (a Monday)
    [InlineData("2026-08-31", false, "2026-09-30")] // no 31 September: the last day of that month
    [InlineData("2027-01-31", false, "2027-03-01")] // 28 February 2027 is a Sunday -> Monday 1 March
    [InlineData("2028-01-31", false, "2028-02-29")] // leap year: 29 February, a Tuesday
    [InlineData("2026-01-29", false, "2026-03-02")] // no 29 February 2026: the 28th, a Saturday -> Monday
    [InlineData("2025-11-25", false, "2025-12-29")] // 25 and 26 December are holidays, 27-28 the weekend
    [InlineData("2026-11-06", false, "2026-12-07")] // 6 December: Independence Day, and a Sunday
    [InlineData("2026-05-14", false, "2026-06-15")] // 14 June 2026 is a Sunday
    [InlineData("2027-05-26", false, "2027-06-28")] // 26 June 2027: Midsummer Day (Saturday) -> Monday
    [InlineData("2026-05-19", false, "2026-06-19")] // Midsummer Eve is a customary day off, not a holiday
    [InlineData("2026-01-31", true, "2026-04-30")] // extended by two further months, counted from receipt
    [InlineData("2026-01-05", true, "2026-04-07")] // 5 April Easter Sunday, 6 April Easter Monday
    public void Gdpr_one_month_ends_on_the_same_day_number_moved_to_the_next_Finnish_working_day(string received, bool extended, string due)
    {
        Assert.Equal(D(due), Deadlines.Due(RequestLaw.Gdpr, D(received), extended));
    }

    [Fact]
    public void Gdpr_can_count_Finnish_customary_days_off_as_days_off_when_configured()
    {
        var cautious = StatutoryDeadlines.FromFiles(finnishCustomaryDaysOffAreOff: true);

        Assert.Equal(D("2026-06-22"), cautious.Due(RequestLaw.Gdpr, D("2026-05-19"), extended: false));
        Assert.Equal(D("2026-12-28"), cautious.Due(RequestLaw.Gdpr, D("2026-11-24"), extended: false));
    }

    [Theory]
    [InlineData("2026-11-23", false, "2026-12-07")] // no holidays in the way: two working weeks
    [InlineData("2026-10-26", false, "2026-11-10")] // skips 4 November (National Unity Day)
    [InlineData("2025-12-25", false, "2026-01-20")] // 31 Dec and the New Year holidays 1-11 January
    [InlineData("2025-10-27", false, "2025-11-11")] // 1 November 2025 (Saturday) is a working day; 3-4 November off
    [InlineData("2027-02-15", false, "2027-03-02")] // 20 February 2027 (Saturday) works; 22-23 February off
    [InlineData("2026-02-20", false, "2026-03-10")] // 23 February and 9 March 2026 off
    [InlineData("2026-04-27", false, "2026-05-13")] // 1 and 11 May off
    [InlineData("2026-11-23", true, "2026-12-14")] // extended by five working days
    [InlineData("2026-11-28", false, "2026-12-11")] // received on a Saturday: counting starts the next day
    public void Ru152fz_ten_working_days_by_the_production_calendar(string received, bool extended, string due)
    {
        Assert.Equal(D(due), Deadlines.Due(RequestLaw.Ru152Fz, D(received), extended));
    }

    [Theory]
    [InlineData(RequestKind.Rectification, "2026-11-23", "2026-12-02")] // 152-FZ art. 20 part 3: 7 working days
    [InlineData(RequestKind.Rectification, "2026-12-28", "2027-01-15")] // across the New Year holidays
    [InlineData(RequestKind.ConsentWithdrawal, "2026-11-23", "2026-12-23")] // art. 21 part 5: 30 days
    [InlineData(RequestKind.ConsentWithdrawal, "2026-12-02", "2027-01-11")] // 1 January is a holiday: the next working day
    [InlineData(RequestKind.Erasure, "2026-11-23", "2026-12-07")] // everything else: 10 working days
    public void Ru152fz_has_its_own_periods_for_rectification_and_consent_withdrawal(RequestKind kind, string received, string due)
    {
        Assert.Equal(D(due), Deadlines.Due(RequestLaw.Ru152Fz, D(received), extended: false, kind));
        Assert.Equal(D("2026-12-23"), Deadlines.Due(RequestLaw.Gdpr, D("2026-11-23"), extended: false, kind)); // GDPR: one month for every kind
    }

    [Fact]
    public void A_152fz_rectification_or_withdrawal_period_cannot_be_extended()
    {
        Assert.False(StatutoryDeadlines.CanExtend(RequestLaw.Ru152Fz, RequestKind.Rectification));
        Assert.True(StatutoryDeadlines.CanExtend(RequestLaw.Gdpr, RequestKind.Rectification));
        Assert.Throws<ArgumentException>(() => Deadlines.Due(RequestLaw.Ru152Fz, D("2026-11-23"), extended: true, RequestKind.ConsentWithdrawal));
    }

    [Theory]
    [InlineData(RequestLaw.Ru152Fz, "2024-12-20")]
    [InlineData(RequestLaw.Ru152Fz, "2027-12-27")] // the period reaches into 2028, which has no data yet
    [InlineData(RequestLaw.Gdpr, "2024-06-01")]
    [InlineData(RequestLaw.Gdpr, "2029-01-10")]
    public void A_date_outside_the_known_calendar_years_is_refused_with_a_clear_reason(RequestLaw law, string received)
    {
        var refused = Assert.Throws<CalendarYearUnknownException>(() => Deadlines.Due(law, D(received), extended: false));
        Assert.Matches(@"^The (Russian production|Finnish public-holiday) calendar for \d{4} is not known \(known years: [0-9, ]+\); add the data file (ru|fi)-\d{4}\.json\.$", refused.Message);
    }

    [Fact]
    public void The_shipped_calendar_files_agree_with_the_reference_calendars()
    {
        using var reference = ReferenceData.Load("calendars.json");
        var years = CalendarFiles.Load();
        foreach (var year in reference.RootElement.GetProperty("ru").EnumerateObject())
        {
            var shipped = Assert.Single(years, y => y.Country == "RU" && y.Year == int.Parse(year.Name, CultureInfo.InvariantCulture));
            Assert.Equal(Dates(year.Value.GetProperty("nonWorkingWeekdays")), shipped.DaysOff);
            Assert.Equal(Dates(year.Value.GetProperty("workingWeekendDays")), shipped.WorkingWeekendDays);
            Assert.Equal(Dates(year.Value.GetProperty("shortenedDays")), shipped.ShortenedDays);
        }

        foreach (var year in reference.RootElement.GetProperty("fi").EnumerateObject())
        {
            var shipped = Assert.Single(years, y => y.Country == "FI" && y.Year == int.Parse(year.Name, CultureInfo.InvariantCulture));
            Assert.Equal(Dates(year.Value).Order(), shipped.DaysOff.Order());
            Assert.Equal(Dates(reference.RootElement.GetProperty("fiDeFactoDaysOff").GetProperty(year.Name)), shipped.CustomaryDaysOff);
        }
    }

    [Fact]
    public void Every_RU_working_and_non_working_day_of_the_reference_years_is_classified_as_published()
    {
        using var reference = ReferenceData.Load("calendars.json");
        var russia = Deadlines.Calendar(RequestLaw.Ru152Fz);
        foreach (var year in reference.RootElement.GetProperty("ru").EnumerateObject())
        {
            var off = Dates(year.Value.GetProperty("nonWorkingWeekdays")).ToHashSet();
            var working = Dates(year.Value.GetProperty("workingWeekendDays")).ToHashSet();
            var first = new DateOnly(int.Parse(year.Name, CultureInfo.InvariantCulture), 1, 1);
            for (var day = first; day.Year == first.Year; day = day.AddDays(1))
            {
                var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
                Assert.Equal(working.Contains(day) || (!weekend && !off.Contains(day)), russia.IsWorkingDay(day));
            }
        }
    }

    [Fact]
    public void A_calendar_file_with_a_bad_date_or_unknown_key_names_the_file_and_the_problem()
    {
        var badDate = Assert.Throws<FormatException>(() => CalendarFiles.Parse("""{"country":"RU","year":2028,"version":1,"source":"Decree","daysOff":["2028-02-30"]}""", "/x/ru-2028.json"));
        var unknownKey = Assert.Throws<FormatException>(() => CalendarFiles.Parse("""{"country":"RU","year":2028,"version":1,"source":"Decree","holidays":[]}""", "ru-2028.json"));
        var otherYear = Assert.Throws<FormatException>(() => CalendarFiles.Parse("""{"country":"RU","year":2028,"version":1,"source":"Decree","daysOff":["2027-01-01"]}""", "ru-2028.json"));

        Assert.Equal("Calendar file ru-2028.json: '2028-02-30' is not a date (YYYY-MM-DD) in 2028", badDate.Message);
        Assert.StartsWith("Calendar file ru-2028.json: ", unknownKey.Message, StringComparison.Ordinal);
        Assert.Contains("'2027-01-01' is not a date (YYYY-MM-DD) in 2028", otherYear.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_newer_year_added_in_the_calendars_folder_extends_the_known_years()
    {
        using var folder = new TemporaryFolder();
        File.WriteAllText(Path.Combine(folder.Path, "ru-2028.json"), """{"country":"RU","year":2028,"version":1,"source":"Decree (test)","daysOff":["2028-01-03"]}""");

        var extended = StatutoryDeadlines.FromFiles(folder.Path);

        Assert.Equal(D("2028-01-12"), extended.Due(RequestLaw.Ru152Fz, D("2027-12-27"), extended: false));
    }

    private static List<DateOnly> Dates(System.Text.Json.JsonElement array) =>
        [.. array.EnumerateArray().Select(e => D(e.GetString()!))];
}
