using Custodian.Modules.Guidance.Clients;
using Custodian.Modules.Guidance.Programmes;
using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Guidance.Appointments;

internal sealed record AppointmentView(Guid Id, Guid ClientId, int Version, DateTime StartsAtUtc, DateTime EndsAtUtc, string? Place, string? VideoLink, string? Note,
                                       bool Cancelled, string? CancelReason, DateTime WrittenAtUtc, string WrittenBy);

/// <summary>A client's appointments as one person may see them (null from <see cref="ClientAppointments.OpenAsync"/> when the role does not see them).</summary>
internal sealed record AppointmentsSection(Guid ClientId, bool Writes, IReadOnlyList<AppointmentView> Upcoming, IReadOnlyList<AppointmentView> Past);

/// <summary>
/// Meetings with a client, booked, changed and cancelled by the coach and office staff within their reach. Each change is
/// a new version (who, when) that names the version it started from, and an audit entry; a closed record takes no
/// booking. A cancellation tells the client by e-mail at once (or at the scheduler's next round if the mail server is away).
/// </summary>
internal sealed class ClientAppointments(GuidanceDb db, ClientScope scope, IPersonalDataVault vault, IAuditLog audit, AppointmentMail mail, TimeProvider clock)
{
    public const string What = "appointments";

    public sealed record Input(string? Day, string? Start, string? End, string? Place, string? VideoLink, string? Note);

    public async Task<Guid> BookAsync(string account, Guid clientId, Input input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var reached = await WriterAsync(account, clientId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var details = AppointmentInput.Parse(input.Day, input.Start, input.End, input.Place, input.VideoLink, input.Note, now);
        var appointment = new AppointmentRecord { Id = Guid.CreateVersion7(), ClientId = clientId, Version = 1, StartsAtUtc = details.StartsAtUtc, EndsAtUtc = details.EndsAtUtc, BookedAtUtc = now, BookedBy = account };
        db.Appointments.Add(appointment);
        db.AppointmentVersions.Add(await VersionAsync(reached, appointment, details, cancelReason: null, account, now, cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(GuidanceAudit.Event(reached, "book appointment"), cancellationToken);
        return appointment.Id;
    }

    /// <summary>Saves a new version of the appointment, if <paramref name="baseVersion"/> is still its newest. A new time means a new reminder.</summary>
    public async Task<int> ChangeAsync(string account, Guid clientId, Guid appointmentId, int baseVersion, Input input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var reached = await WriterAsync(account, clientId, cancellationToken);
        var appointment = await ChangeableAsync(clientId, appointmentId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var details = AppointmentInput.Parse(input.Day, input.Start, input.End, input.Place, input.VideoLink, input.Note, now);
        if (appointment.Version != baseVersion)
        {
            throw new GuidanceEditConflictException(appointment.Version);
        }

        if (details.StartsAtUtc != appointment.StartsAtUtc)
        {
            appointment.ReminderSentAtUtc = null;
        }

        (appointment.StartsAtUtc, appointment.EndsAtUtc) = (details.StartsAtUtc, details.EndsAtUtc);
        appointment.Version++;
        db.AppointmentVersions.Add(await VersionAsync(reached, appointment, details, cancelReason: null, account, now, cancellationToken));
        await SaveAsync(appointmentId, cancellationToken);
        await audit.AppendAsync(GuidanceAudit.Event(reached, "change appointment"), cancellationToken);
        return appointment.Version;
    }

    public async Task CancelAsync(string account, Guid clientId, Guid appointmentId, int baseVersion, string? reason, CancellationToken cancellationToken)
    {
        var reached = await WriterAsync(account, clientId, cancellationToken);
        var appointment = await ChangeableAsync(clientId, appointmentId, cancellationToken);
        var why = AppointmentInput.Reason(reason);
        if (appointment.Version != baseVersion)
        {
            throw new GuidanceEditConflictException(appointment.Version);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var current = await CurrentAsync(appointment, cancellationToken);
        appointment.Version++;
        appointment.CancelledAtUtc = now;
        db.AppointmentVersions.Add(await VersionAsync(reached, appointment, current, why, account, now, cancellationToken));
        await SaveAsync(appointmentId, cancellationToken);
        await audit.AppendAsync(GuidanceAudit.Event(reached, "cancel appointment"), cancellationToken);
        await mail.SendCancellationAsync(appointmentId, cancellationToken);
    }

    public async Task<AppointmentsSection?> OpenAsync(string account, Guid clientId, CancellationToken cancellationToken)
    {
        var reached = await scope.FindAsync(account, clientId, cancellationToken);
        var section = await ReadAsync(reached, cancellationToken);
        if (section is not null)
        {
            await audit.AppendAsync(GuidanceAudit.View(reached, What), cancellationToken);
        }

        return section;
    }

    /// <summary>The section without logging the view: the record page logs it with the record's other sections.</summary>
    internal async Task<AppointmentsSection?> ReadAsync(ReachableClient reached, CancellationToken cancellationToken)
    {
        var access = reached.Access(RecordSection.Appointments);
        if (!AccessMatrix.CanRead(access))
        {
            return null;
        }

        var clientId = reached.Client.Id;
        var now = clock.GetUtcNow().UtcDateTime;
        var views = await ViewsAsync(db.Appointments.Where(a => a.ClientId == clientId), cancellationToken);
        return new AppointmentsSection(clientId, access == SectionAccess.Write && reached.Client.ClosedAtUtc is null,
            [.. views.Where(v => v.EndsAtUtc > now).OrderBy(v => v.StartsAtUtc)], [.. views.Where(v => v.EndsAtUtc <= now).OrderByDescending(v => v.StartsAtUtc)]);
    }

    /// <summary>The appointments of the query with their newest version opened.</summary>
    internal async Task<IReadOnlyList<AppointmentView>> ViewsAsync(IQueryable<AppointmentRecord> appointments, CancellationToken cancellationToken)
    {
        var rows = await (from a in appointments
                          join v in db.AppointmentVersions on new { Id = a.Id, a.Version } equals new { Id = v.AppointmentId, v.Version }
                          select new { a, v }).ToListAsync(cancellationToken);
        var views = new List<AppointmentView>();
        foreach (var (a, v) in rows.Select(r => (r.a, r.v)))
        {
            views.Add(new AppointmentView(a.Id, a.ClientId, a.Version, a.StartsAtUtc, a.EndsAtUtc, await OpenAsync(v.Place, "appointment_place", v, cancellationToken),
                await OpenAsync(v.VideoLink, "appointment_link", v, cancellationToken), await OpenAsync(v.Note, "appointment_note", v, cancellationToken),
                a.CancelledAtUtc is not null, await OpenAsync(v.CancelReason, "appointment_cancel_reason", v, cancellationToken), v.WrittenAtUtc, v.WrittenBy));
        }

        return views;
    }

    /// <summary>The appointment's details as its newest version holds them.</summary>
    internal async Task<AppointmentDetails> CurrentAsync(AppointmentRecord appointment, CancellationToken cancellationToken)
    {
        var view = (await ViewsAsync(db.Appointments.Where(a => a.Id == appointment.Id), cancellationToken)).Single();
        return new AppointmentDetails(view.StartsAtUtc, view.EndsAtUtc, view.Place, view.VideoLink, view.Note);
    }

    private async Task<ReachableClient> WriterAsync(string account, Guid clientId, CancellationToken cancellationToken)
    {
        var reached = await scope.FindAsync(account, clientId, cancellationToken);
        CloseClient.RequireOpen(reached);
        return reached.Access(RecordSection.Appointments) == SectionAccess.Write
            ? reached
            : throw new GuidanceInputException("Your role in this programme does not let you book appointments.");
    }

    private async Task<AppointmentRecord> ChangeableAsync(Guid clientId, Guid appointmentId, CancellationToken cancellationToken)
    {
        var appointment = await db.Appointments.SingleOrDefaultAsync(a => a.Id == appointmentId && a.ClientId == clientId, cancellationToken) ?? throw new GuidanceNotFoundException();
        if (appointment.CancelledAtUtc is not null)
        {
            throw new GuidanceInputException("The appointment is cancelled: it can no longer be changed.");
        }

        return appointment.EndsAtUtc <= clock.GetUtcNow().UtcDateTime ? throw new GuidanceInputException("The appointment is over: it can no longer be changed.") : appointment;
    }

    private Task SaveAsync(Guid appointmentId, CancellationToken cancellationToken) =>
        db.SaveVersionedAsync((d, ct) => d.Appointments.Where(a => a.Id == appointmentId).Select(a => a.Version).SingleAsync(ct), cancellationToken);

    private async Task<AppointmentVersionRecord> VersionAsync(ReachableClient reached, AppointmentRecord appointment, AppointmentDetails details, string? cancelReason, string account, DateTime now, CancellationToken cancellationToken)
    {
        var key = KeyScope.Subject(reached.Client.SubjectId);
        async Task<Encrypted<string>?> SealAsync(string? value, string column) =>
            value is null ? null : await vault.SealAsync(key, AppointmentVersionRecord.Field(column, appointment.Id, appointment.Version), value, cancellationToken);

        return new AppointmentVersionRecord
        {
            AppointmentId = appointment.Id,
            Version = appointment.Version,
            StartsAtUtc = details.StartsAtUtc,
            EndsAtUtc = details.EndsAtUtc,
            Place = await SealAsync(details.Place, "appointment_place"),
            VideoLink = await SealAsync(details.VideoLink, "appointment_link"),
            Note = await SealAsync(details.Note, "appointment_note"),
            Cancelled = cancelReason is not null,
            CancelReason = await SealAsync(cancelReason, "appointment_cancel_reason"),
            WrittenAtUtc = now,
            WrittenBy = account,
        };
    }

    private async Task<string?> OpenAsync(Encrypted<string>? value, string column, AppointmentVersionRecord version, CancellationToken cancellationToken) =>
        value is null ? null : (await vault.OpenAsync(value, AppointmentVersionRecord.Field(column, version.AppointmentId, version.Version), cancellationToken)).ValueOr("[erased]");
}
