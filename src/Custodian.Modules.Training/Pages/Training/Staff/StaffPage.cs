using System.Globalization;
using Custodian.Modules.Training.Staff;
using Microsoft.AspNetCore.Mvc;

namespace Custodian.Modules.Training.Pages.Training.Staff;

/// <summary>What the trainers' and registrars' pages share: who is working, and how a staff member or a moment is written.</summary>
internal abstract class StaffPage : TrainingPage
{
    protected TrainingStaff Staff => TrainingStaff.Of(User);

    public bool IsRegistrar => Staff.IsRegistrar;

    /// <summary>A staff account without its technical prefix (<c>staff-tuula</c> → <c>tuula</c>).</summary>
    public static string Who(string? account) => account is null ? "—" : account.StartsWith("staff-", StringComparison.Ordinal) ? account[6..] : account;

    /// <summary>A session's start and end from the form's day and times, read as Finnish local time.</summary>
    public static (DateTime StartsUtc, DateTime EndsUtc) SessionTimes(string? day, string? from, string? to)
    {
        if (!DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw new TrainingInputException("day", "Enter the session's day.");
        }

        if (!TimeOnly.TryParseExact(from?.Replace('.', ':'), ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
            || !TimeOnly.TryParseExact(to?.Replace('.', ':'), ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var end))
        {
            throw new TrainingInputException("from", "Enter the start and end times, e.g. 8.00 and 16.00.");
        }

        return (Privacy.Abstractions.Time.LocalDays.FromHelsinkiTime(date.ToDateTime(start)), Privacy.Abstractions.Time.LocalDays.FromHelsinkiTime(date.ToDateTime(end)));
    }

    /// <summary>Runs a form's use case: on success back to <paramref name="done"/>; a correctable problem shows on the page (400); out of reach is 404.</summary>
    protected async Task<IActionResult> FormAsync(Func<Task> work, string done, Func<Task> reload)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(reload);
        try
        {
            await work();
            return Redirect(done);
        }
        catch (TrainingInputException e)
        {
            Refused(e.Message);
        }
        catch (TrainingNotFoundException)
        {
            return NotFound();
        }

        try
        {
            await reload();
            return Page();
        }
        catch (TrainingNotFoundException)
        {
            return NotFound();
        }
    }

    /// <summary>A moment in Finnish local time, the Finnish way: <c>14.12.2026 8.05</c>.</summary>
    public static string Moment(DateTime utc) => Privacy.Abstractions.Time.LocalDays.HelsinkiTime(utc).ToString("d.M.yyyy H.mm", CultureInfo.InvariantCulture);
}
