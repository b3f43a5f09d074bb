using Custodian.Modules.Training.Staff;
using Custodian.Privacy.Abstractions.Audit;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Training.Catalogue;

/// <summary>
/// The registrar moves a session, changes its place, seats or trainer. Seats never drop below the people enrolled
/// already (the conditional UPDATE of enrolment relies on <c>seats_taken &lt;= capacity</c>).
/// </summary>
internal sealed class EditSession(TrainingDb db, IAuditLog audit)
{
    public async Task EditAsync(TrainingStaff staff, Guid sessionId, ManageCatalogue.SessionInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        staff.RequireRegistrar();
        var session = await staff.SessionAsync(db, sessionId, cancellationToken);
        if (session.CancelledAtUtc is not null)
        {
            throw new TrainingInputException("session", "The session is cancelled and can no longer be changed.");
        }

        if (input.EndsAtUtc <= input.StartsAtUtc)
        {
            throw new TrainingInputException("ends", "The session must end after it starts.");
        }

        var place = ManageCatalogue.Text(input.Place, 300, "place", "Enter the place (at most 300 characters).");
        if (input.Capacity is <= 0 or > 1000)
        {
            throw new TrainingInputException("capacity", "Enter the number of seats (1–1000).");
        }

        // Checked in the UPDATE itself, so an enrolment racing this edit cannot be left above capacity.
        var changed = await db.Sessions.Where(s => s.Id == sessionId && s.CancelledAtUtc == null && s.SeatsTaken <= input.Capacity)
            .ExecuteUpdateAsync(u => u
                .SetProperty(s => s.StartsAtUtc, DateTime.SpecifyKind(input.StartsAtUtc, DateTimeKind.Utc))
                .SetProperty(s => s.EndsAtUtc, DateTime.SpecifyKind(input.EndsAtUtc, DateTimeKind.Utc))
                .SetProperty(s => s.Place, place)
                .SetProperty(s => s.Capacity, input.Capacity)
                .SetProperty(s => s.TrainerAccount, string.IsNullOrWhiteSpace(input.TrainerAccount) ? null : input.TrainerAccount.Trim()), cancellationToken);
        if (changed == 0)
        {
            throw new TrainingInputException("capacity", "More people are enrolled than that: keep at least as many seats as are taken.");
        }

        await audit.AppendAsync(new AuditEvent(TrainingAudit.Actor(staff.Account), "training edit session " + sessionId.ToString("D"), Register: TrainingModule.Register), cancellationToken);
    }
}
