namespace Custodian.Privacy.Requests.Deadlines;

/// <summary>The law whose response period applies to a request (from the register's declaration).</summary>
public enum RequestLaw
{
    Gdpr,
    Ru152Fz,
}

/// <summary>
/// Last day to answer a data-subject request.
/// GDPR art. 12(3): one month from receipt, extendable by two further months; counted by Regulation 1182/71
/// art. 3(2)(c) (the same day-number in the last month, else that month's last day) and art. 3(4) (a period ending on
/// a Saturday, Sunday or public holiday ends at the end of the next working day), with Finnish public holidays.
/// 152-FZ art. 14 part 3 / art. 20: ten working days from receipt, extendable by five with a reasoned notice, by the
/// Russian production calendar; counting starts the day after receipt (Civil Code art. 191).
/// </summary>
public sealed class StatutoryDeadlines(WorkingDayCalendar finland, WorkingDayCalendar russia)
{
    public static StatutoryDeadlines FromFiles(string? extraFolder = null, bool finnishCustomaryDaysOffAreOff = false)
    {
        var years = CalendarFiles.Load(extraFolder);
        return new StatutoryDeadlines(new WorkingDayCalendar("FI", years, finnishCustomaryDaysOffAreOff), new WorkingDayCalendar("RU", years));
    }

    public WorkingDayCalendar Calendar(RequestLaw law) => law == RequestLaw.Gdpr ? finland : russia;

    /// <exception cref="CalendarYearUnknownException">The receipt date or the period reaches a year without calendar data.</exception>
    public DateOnly Due(RequestLaw law, DateOnly received, bool extended)
    {
        if (law == RequestLaw.Gdpr)
        {
            finland.Year(received.Year);
            return finland.OnOrNextWorkingDay(received.AddMonths(extended ? 3 : 1));
        }

        return russia.AddWorkingDays(received, extended ? 15 : 10);
    }
}
