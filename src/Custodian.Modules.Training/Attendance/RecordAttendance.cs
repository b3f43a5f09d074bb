using Custodian.Modules.Training.Enrolment;
using Custodian.Modules.Training.Staff;
using Custodian.Privacy.Abstractions.Audit;

namespace Custodian.Modules.Training.Attendance;

/// <summary>The trainer marks an enrolled person present or absent; who recorded it is kept, and the change is audited.</summary>
internal sealed class RecordAttendance(TrainingDb db, IAuditLog audit, TimeProvider clock)
{
    public async Task RecordAsync(TrainingStaff staff, Guid enrolmentId, bool present, CancellationToken cancellationToken)
    {
        var reached = await staff.EnrolmentAsync(db, enrolmentId, cancellationToken);
        if (reached.Enrolment.Status != EnrolmentStatus.Enrolled)
        {
            throw new TrainingInputException("attended", "Only enrolled people (not the waiting list) can be marked present or absent.");
        }

        reached.Enrolment.Attended = present;
        reached.Enrolment.AttendanceRecordedBy = staff.Account;
        reached.Enrolment.Version++;
        reached.Trainee.LastActivityAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(TrainingAudit.Event(staff, reached.Trainee, present ? "record present" : "record absent"), cancellationToken);
    }
}
