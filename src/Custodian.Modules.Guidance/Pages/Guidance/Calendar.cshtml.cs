using Custodian.Modules.Guidance.Appointments;
using Microsoft.AspNetCore.Mvc;

namespace Custodian.Modules.Guidance.Pages.Guidance;

/// <summary>The signed-in staff member's coming appointments, by day, with the clients their roles reach.</summary>
internal sealed class CalendarModel(StaffCalendar calendar) : GuidancePage
{
    public IReadOnlyList<IGrouping<DateOnly, CalendarEntry>> Days { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var entries = await calendar.UpcomingAsync(Account, cancellationToken);
        Days = [.. entries.GroupBy(e => DateOnly.FromDateTime(Custodian.Privacy.Abstractions.Time.LocalDays.HelsinkiTime(e.Appointment.StartsAtUtc)))];
        return Page();
    }
}
