using Custodian.Privacy.Requests;

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
    /// <summary>152-FZ art. 14 part 3, art. 20: working days to answer a request.</summary>
    public const int Ru152FzWorkingDays = 10;

    /// <summary>152-FZ art. 14 part 3: working days the answer may be extended by, with a reasoned notice.</summary>
    public const int Ru152FzExtensionWorkingDays = 5;

    /// <summary>152-FZ art. 20 part 3: working days to correct inaccurate data once it is proven.</summary>
    public const int Ru152FzRectificationWorkingDays = 7;

    /// <summary>152-FZ art. 21 part 5: days to end processing and destroy the data after consent is withdrawn.</summary>
    public const int Ru152FzConsentWithdrawalDays = 30;

    public static StatutoryDeadlines FromFiles(string? extraFolder = null, bool finnishCustomaryDaysOffAreOff = false)
    {
        var years = CalendarFiles.Load(extraFolder);
        return new StatutoryDeadlines(new WorkingDayCalendar("FI", years, finnishCustomaryDaysOffAreOff), new WorkingDayCalendar("RU", years));
    }

    public WorkingDayCalendar Calendar(RequestLaw law) => law == RequestLaw.Gdpr ? finland : russia;

    /// <summary>
    /// The due date for a kind of request. 152-FZ sets its own periods for some: correcting inaccurate data within
    /// 7 working days of the proof (art. 20 part 3), ending processing and destroying the data within 30 days of a
    /// consent withdrawal (art. 21 part 5; a period ending on a day off ends on the next working day, Civil Code
    /// art. 193); neither can be extended. Everything else, and every GDPR request, is <see cref="Due(RequestLaw, DateOnly, bool)"/>.
    /// </summary>
    public DateOnly Due(RequestLaw law, DateOnly received, bool extended, RequestKind kind)
    {
        if (law == RequestLaw.Ru152Fz && !CanExtend(law, kind) && extended)
        {
            throw new ArgumentException($"152-FZ allows no extension for a {kind} request.", nameof(extended));
        }

        return (law, kind) switch
        {
            (RequestLaw.Ru152Fz, RequestKind.Rectification) => russia.AddWorkingDays(received, Ru152FzRectificationWorkingDays),
            (RequestLaw.Ru152Fz, RequestKind.ConsentWithdrawal) => russia.OnOrNextWorkingDay(received.AddDays(Ru152FzConsentWithdrawalDays)),
            _ => Due(law, received, extended),
        };
    }

    public static bool CanExtend(RequestLaw law, RequestKind kind) =>
        law == RequestLaw.Gdpr || kind is not (RequestKind.Rectification or RequestKind.ConsentWithdrawal);

    /// <exception cref="CalendarYearUnknownException">The receipt date or the period reaches a year without calendar data.</exception>
    public DateOnly Due(RequestLaw law, DateOnly received, bool extended)
    {
        if (law == RequestLaw.Gdpr)
        {
            finland.Year(received.Year);
            return finland.OnOrNextWorkingDay(received.AddMonths(extended ? 3 : 1));
        }

        return russia.AddWorkingDays(received, extended ? Ru152FzWorkingDays + Ru152FzExtensionWorkingDays : Ru152FzWorkingDays);
    }
}
