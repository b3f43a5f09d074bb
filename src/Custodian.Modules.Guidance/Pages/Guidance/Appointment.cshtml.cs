using System.Globalization;
using Custodian.Modules.Guidance.Appointments;
using Microsoft.AspNetCore.Mvc;

namespace Custodian.Modules.Guidance.Pages.Guidance;

/// <summary>What the appointment fields show: what the person typed when it was refused, or the stored appointment.</summary>
internal sealed record AppointmentForm(ClientAppointments.Input? Typed, AppointmentView? Stored);

/// <summary>A list of a client's appointments on the record's page, with change links where the person books.</summary>
internal sealed record AppointmentList(AppointmentsSection Section, IReadOnlyList<AppointmentView> List, bool Writes);

/// <summary>
/// Books an appointment with a client, changes one (a new version) or cancels it with a reason. A change carries the version
/// it started from: if someone changed the appointment since, nothing is stored (409) and the newer state is shown.
/// </summary>
internal sealed class AppointmentPageModel(ClientAppointments appointments) : GuidancePage
{
    public AppointmentsSection? Section { get; private set; }

    public AppointmentView? Stored { get; private set; }

    public ClientAppointments.Input? Typed { get; private set; }

    public string? Reason { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? appointmentId, CancellationToken cancellationToken) =>
        appointmentId is null ? NotFound() : await ShowAsync(id, appointmentId, cancellationToken);

    public async Task<IActionResult> OnPostBookAsync(Guid id, string? day, string? start, string? end, string? place, string? videoLink, string? note, CancellationToken cancellationToken)
    {
        var input = new ClientAppointments.Input(day, start, end, place, videoLink, note);
        try
        {
            var booked = await appointments.BookAsync(Account, id, input, cancellationToken);
            return Redirect($"/guidance/clients/{id:D}?done=appointment#appointment-{booked:D}");
        }
        catch (GuidanceInputException e)
        {
            Refused(e.Message);
        }
        catch (GuidanceNotFoundException)
        {
            return NotFound();
        }

        Typed = input;
        return await ShowAsync(id, null, cancellationToken);
    }

    public Task<IActionResult> OnPostChangeAsync(Guid id, Guid appointmentId, string? baseVersion, string? day, string? start, string? end, string? place, string? videoLink, string? note, CancellationToken cancellationToken)
    {
        var input = new ClientAppointments.Input(day, start, end, place, videoLink, note);
        Typed = input;
        return StepAsync(id, appointmentId, baseVersion, version => appointments.ChangeAsync(Account, id, appointmentId, version, input, cancellationToken), "appointment-changed", cancellationToken);
    }

    public Task<IActionResult> OnPostCancelAsync(Guid id, Guid appointmentId, string? baseVersion, string? reason, CancellationToken cancellationToken)
    {
        Reason = reason;
        return StepAsync(id, appointmentId, baseVersion, version => appointments.CancelAsync(Account, id, appointmentId, version, reason, cancellationToken), "appointment-cancelled", cancellationToken);
    }

    private async Task<IActionResult> StepAsync(Guid id, Guid appointmentId, string? baseVersion, Func<int, Task> step, string done, CancellationToken cancellationToken)
    {
        try
        {
            if (!int.TryParse(baseVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                throw new GuidanceInputException("Open the appointment again and make your change there.");
            }

            await step(version);
            return Redirect($"/guidance/clients/{id:D}?done={done}#appointment-{appointmentId:D}");
        }
        catch (GuidanceEditConflictException)
        {
            Problem = "The appointment was changed by someone else since you opened it. Nothing was saved: the newer version is shown.";
            Response.StatusCode = StatusCodes.Status409Conflict;
        }
        catch (GuidanceInputException e)
        {
            Refused(e.Message);
        }
        catch (GuidanceNotFoundException)
        {
            return NotFound();
        }

        return await ShowAsync(id, appointmentId, cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(Guid id, Guid? appointmentId, CancellationToken cancellationToken)
    {
        try
        {
            Section = await appointments.OpenAsync(Account, id, cancellationToken);
        }
        catch (GuidanceNotFoundException)
        {
            return NotFound();
        }

        if (Section is null || !Section.Writes)
        {
            return NotFound();
        }

        Stored = appointmentId is { } wanted ? Section.Upcoming.FirstOrDefault(a => a.Id == wanted && !a.Cancelled) : null;
        return appointmentId is not null && Stored is null ? NotFound() : Page();
    }
}
