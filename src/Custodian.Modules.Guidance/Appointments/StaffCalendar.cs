using Custodian.Modules.Guidance.Clients;
using Custodian.Modules.Guidance.Programmes;
using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Protection;

namespace Custodian.Modules.Guidance.Appointments;

internal sealed record CalendarEntry(AppointmentView Appointment, string ClientName, string Programme);

/// <summary>
/// A staff member's coming appointments (<c>/guidance/appointments</c>): those of the clients their roles reach and whose
/// appointments the role sees — a coach their own clients', office staff their programme's. Each client shown is a view
/// of the record's appointments, logged like one on the record's page.
/// </summary>
internal sealed class StaffCalendar(GuidanceDb db, ClientScope scope, ClientAppointments appointments, IPersonalDataVault vault, IAuditLog audit, TimeProvider clock)
{
    public async Task<IReadOnlyList<CalendarEntry>> UpcomingAsync(string account, CancellationToken cancellationToken)
    {
        var reachable = (await scope.ListAsync(account, cancellationToken)).Where(r => AccessMatrix.CanRead(r.Access(RecordSection.Appointments))).ToDictionary(r => r.Client.Id);
        var ids = reachable.Keys.ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        var views = await appointments.ViewsAsync(db.Appointments.Where(a => ids.Contains(a.ClientId) && a.CancelledAtUtc == null && a.EndsAtUtc > now), cancellationToken);
        var entries = new List<CalendarEntry>();
        foreach (var client in views.Select(v => v.ClientId).Distinct())
        {
            var reached = reachable[client];
            var row = client.ToString("N");
            var first = (await vault.OpenAsync(reached.Client.FirstName, CreateClient.Field("first_name", row), cancellationToken)).ValueOr("—");
            var last = (await vault.OpenAsync(reached.Client.LastName, CreateClient.Field("last_name", row), cancellationToken)).ValueOr("—");
            entries.AddRange(views.Where(v => v.ClientId == client).Select(v => new CalendarEntry(v, $"{first} {last}", reached.Programme.Name)));
        }

        // One append for the whole calendar: each client shown is a view in their access trail.
        await audit.AppendAsync([.. views.Select(v => v.ClientId).Distinct().Select(client => GuidanceAudit.View(reachable[client], ClientAppointments.What))], cancellationToken);

        return [.. entries.OrderBy(e => e.Appointment.StartsAtUtc).ThenBy(e => e.Appointment.Id)];
    }
}
