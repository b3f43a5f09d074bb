using System.Globalization;

namespace Custodian.Privacy.Requests.Deadlines;

/// <summary>One year of a country's working-day calendar, as published (one versioned data file per year).</summary>
public sealed record CalendarYear(
    string Country,
    int Year,
    int Version,
    string Source,
    IReadOnlyList<DateOnly> DaysOff,
    IReadOnlyList<DateOnly> WorkingWeekendDays,
    IReadOnlyList<DateOnly> ShortenedDays,
    IReadOnlyList<DateOnly> CustomaryDaysOff);

/// <summary>A date the calendar has no data for: deadlines are never guessed across an unknown year.</summary>
public sealed class CalendarYearUnknownException(string country, int year, IReadOnlyCollection<int> known)
    : Exception(string.Create(CultureInfo.InvariantCulture,
        $"The {CountryName(country)} calendar for {year} is not known (known years: {string.Join(", ", known.Order())}); add the data file {country.ToLowerInvariant()}-{year}.json."))
{
    public int Year { get; } = year;

    private static string CountryName(string country) => country switch
    {
        "RU" => "Russian production",
        "FI" => "Finnish public-holiday",
        _ => country,
    };
}

/// <summary>
/// Working days of one country: Monday to Friday unless a day off (a public holiday or a transferred day off), plus
/// weekend days declared working (Russian transfers). Finland's customary days off (Midsummer Eve, Christmas Eve)
/// count as working days unless <paramref name="customaryDaysOffAreOff"/>: the earlier deadline is the safe one.
/// </summary>
public sealed class WorkingDayCalendar
{
    private readonly Dictionary<int, CalendarYear> _years;
    private readonly HashSet<DateOnly> _daysOff = [];
    private readonly HashSet<DateOnly> _workingWeekendDays = [];

    public WorkingDayCalendar(string country, IEnumerable<CalendarYear> years, bool customaryDaysOffAreOff = false)
    {
        ArgumentNullException.ThrowIfNull(years);
        Country = country;
        _years = years.Where(y => y.Country == country).ToDictionary(y => y.Year);
        foreach (var year in _years.Values)
        {
            _daysOff.UnionWith(year.DaysOff);
            _workingWeekendDays.UnionWith(year.WorkingWeekendDays);
            if (customaryDaysOffAreOff)
            {
                _daysOff.UnionWith(year.CustomaryDaysOff);
            }
        }
    }

    public string Country { get; }

    public IReadOnlyCollection<int> KnownYears => _years.Keys;

    public CalendarYear Year(int year) => _years.TryGetValue(year, out var known) ? known : throw new CalendarYearUnknownException(Country, year, _years.Keys);

    /// <exception cref="CalendarYearUnknownException">The date's year has no data.</exception>
    public bool IsWorkingDay(DateOnly day)
    {
        Year(day.Year);
        return _workingWeekendDays.Contains(day) || (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_daysOff.Contains(day));
    }

    /// <summary>The day itself when it is a working day, else the next working day.</summary>
    public DateOnly OnOrNextWorkingDay(DateOnly day)
    {
        while (!IsWorkingDay(day))
        {
            day = day.AddDays(1);
        }

        return day;
    }

    /// <summary>The <paramref name="count"/>-th working day after <paramref name="from"/> (the day itself not counted).</summary>
    public DateOnly AddWorkingDays(DateOnly from, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Year(from.Year);
        var day = from;
        for (var counted = 0; counted < count;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                counted++;
            }
        }

        return day;
    }
}
