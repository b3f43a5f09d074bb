using Custodian.Modules.Training.Enrolment;
using Custodian.Privacy.Abstractions.Audit;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Training.SelfService;

/// <summary>
/// A signed-in trainee cancels one of their own enrolments in a session that has not started: the status changes and,
/// for a seat (not a waiting-list place), the session's seat counter goes down, in one transaction; a second click or a
/// parallel cancel changes nothing. Another person's enrolment is "not found".
/// </summary>
internal sealed class CancelOwnEnrolment(TrainingDb db, IAuditLog audit, TimeProvider clock)
{
    /// <exception cref="TrainingNotFoundException">Not an enrolment of the person with this address.</exception>
    /// <exception cref="TrainingInputException">The session has started or the enrolment is cancelled already.</exception>
    public async Task CancelAsync(string account, byte[] emailIndex, Guid enrolmentId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var found = await (from e in db.Enrolments.AsNoTracking()
                           join t in db.Trainees.AsNoTracking() on e.TraineeId equals t.Id
                           join s in db.Sessions.AsNoTracking() on e.SessionId equals s.Id
                           where e.Id == enrolmentId && t.EmailIndex == emailIndex
                           select new { e.Status, e.Version, e.SessionId, s.StartsAtUtc, t.SubjectId }).SingleOrDefaultAsync(cancellationToken)
            ?? throw new TrainingNotFoundException();
        if (found.Status == EnrolmentStatus.Cancelled)
        {
            throw new TrainingInputException("enrolment", "This enrolment is cancelled already.");
        }

        if (found.StartsAtUtc <= now)
        {
            throw new TrainingInputException("enrolment", "The course has started; ask the registrar.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var changed = await db.Enrolments.Where(e => e.Id == enrolmentId && e.Version == found.Version && e.Status == found.Status)
            .ExecuteUpdateAsync(u => u.SetProperty(e => e.Status, EnrolmentStatus.Cancelled).SetProperty(e => e.CancelledAtUtc, now).SetProperty(e => e.Version, e => e.Version + 1), cancellationToken);
        if (changed == 0)
        {
            throw new TrainingInputException("enrolment", "This enrolment changed meanwhile; reload the page.");
        }

        if (found.Status == EnrolmentStatus.Enrolled)
        {
            await db.Sessions.Where(s => s.Id == found.SessionId && s.SeatsTaken > 0).ExecuteUpdateAsync(u => u.SetProperty(s => s.SeatsTaken, s => s.SeatsTaken - 1), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        await audit.AppendAsync(new AuditEvent("account:" + account, "training enrolment cancelled by the trainee", found.SubjectId, TrainingModule.Register, "course-delivery"), cancellationToken);
    }
}
