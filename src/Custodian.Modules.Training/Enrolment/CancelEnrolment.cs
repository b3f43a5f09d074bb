using System.Linq.Expressions;
using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Training.Enrolment;

/// <summary>
/// A person cancels from the confirmation mail's link. Looking at the link (<see cref="FindAsync"/>, a mail scanner's GET)
/// changes nothing; <see cref="CancelAsync"/> does, in one transaction: the enrolment leaves its state by a conditional
/// UPDATE (a second use of the link finds nothing), and a freed seat goes to the first on the waiting list by another
/// conditional UPDATE that only one canceller can win, else back to the session's count. The person moved up is mailed
/// after the commit. Unknown and used tokens are the same "not found". The signed-in trainee's own cancellation
/// (<see cref="SelfService.CancelOwnEnrolment"/>) comes here too, by the enrolment's id once it has checked whose it is.
/// </summary>
internal sealed class CancelEnrolment(TrainingDb db, EnrolmentMail mails, IPersonalDataVault vault, IAuditLog audit, ICurrentActor actor, TimeProvider clock)
{
    /// <summary>What the cancellation page shows: the session and the reference, nothing of the person.</summary>
    public sealed record Pending(EnrolmentMail.SessionText Session, string Reference, EnrolmentStatus Status);

    /// <summary>What happened: the enrolment cancelled and, when its seat went to someone, that enrolment's reference.</summary>
    public sealed record Cancelled(string Reference, string? PromotedReference);

    public async Task<Pending> FindAsync(string? token, CancellationToken cancellationToken)
    {
        var enrolment = await LiveAsync(ByToken(token), cancellationToken);
        return new Pending(await mails.SessionAsync(enrolment.SessionId, cancellationToken), enrolment.Reference, enrolment.Status);
    }

    public Task<Cancelled> CancelAsync(string? token, CancellationToken cancellationToken) =>
        CancelAsync(ByToken(token), actor.Actor, "training cancel enrolment", cancellationToken);

    /// <summary>Cancels a live enrolment by id for a caller that has checked the enrolment is the actor's own.</summary>
    public Task<Cancelled> CancelOwnAsync(Guid enrolmentId, string account, CancellationToken cancellationToken) =>
        CancelAsync(e => e.Id == enrolmentId, "account:" + account, "training enrolment cancelled by the trainee", cancellationToken);

    private async Task<Cancelled> CancelAsync(Expression<Func<EnrolmentRecord, bool>> which, string who, string action, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var enrolment = await LiveAsync(which, cancellationToken);
        var session = await db.Sessions.AsNoTracking().SingleAsync(s => s.Id == enrolment.SessionId, cancellationToken);
        if (session.StartsAtUtc <= now)
        {
            throw new TrainingConflictException("The course has already started: please contact us to cancel.");
        }

        var left = await db.Enrolments
            .Where(e => e.Id == enrolment.Id && e.Status == enrolment.Status)
            .ExecuteUpdateAsync(u => u.SetProperty(e => e.Status, EnrolmentStatus.Cancelled).SetProperty(e => e.CancelledAtUtc, now).SetProperty(e => e.Version, e => e.Version + 1), cancellationToken);
        if (left == 0)
        {
            throw new TrainingNotFoundException(); // the same link used at the same moment: the other use cancelled it
        }

        EnrolmentRecord? promoted = null;
        if (enrolment.Status == EnrolmentStatus.Enrolled)
        {
            promoted = await PromoteFirstWaitingAsync(enrolment.SessionId, now, cancellationToken);
            if (promoted is null)
            {
                await db.Sessions.Where(s => s.Id == enrolment.SessionId && s.SeatsTaken > 0)
                    .ExecuteUpdateAsync(u => u.SetProperty(s => s.SeatsTaken, s => s.SeatsTaken - 1), cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        Guid[] people = promoted is null ? [enrolment.TraineeId] : [enrolment.TraineeId, promoted.TraineeId];
        var trainees = await db.Trainees.AsNoTracking().Where(t => people.Contains(t.Id)).ToListAsync(cancellationToken);
        await audit.AppendAsync([.. trainees.Select(t => new AuditEvent(who, t.Id == enrolment.TraineeId ? action : "training promote from waiting list", t.SubjectId, TrainingModule.Register, "course-delivery", actor.RequestId))], cancellationToken);
        if (promoted is not null && trainees.SingleOrDefault(t => t.Id == promoted.TraineeId) is { } moved)
        {
            var email = await vault.OpenAsync(moved.Email, TrainingFields.Trainee("email", moved.Id), cancellationToken);
            if (!email.IsErased && !moved.Restricted)
            {
                await mails.SendPromotionAsync(email.Value!, await mails.SessionAsync(enrolment.SessionId, cancellationToken), promoted.Reference, cancellationToken);
            }
        }

        return new Cancelled(enrolment.Reference, promoted?.Reference);
    }

    /// <summary>The first waiting (oldest enrolment) who this canceller moves up; a parallel canceller who won that person makes this one try the next.</summary>
    private async Task<EnrolmentRecord?> PromoteFirstWaitingAsync(Guid sessionId, DateTime now, CancellationToken cancellationToken)
    {
        while (true)
        {
            // Ordered in memory: SQLite cannot order by the DateTime column the same way on every provider (see UpcomingSessions).
            var waiting = (await db.Enrolments.AsNoTracking().Where(e => e.SessionId == sessionId && e.Status == EnrolmentStatus.Waitlisted)
                .Select(e => new { e.Id, e.CreatedAtUtc, e.TraineeId, e.Reference }).ToListAsync(cancellationToken))
                .OrderBy(e => e.CreatedAtUtc).ThenBy(e => e.Id).FirstOrDefault();
            if (waiting is null)
            {
                return null;
            }

            var won = await db.Enrolments.Where(e => e.Id == waiting.Id && e.Status == EnrolmentStatus.Waitlisted)
                .ExecuteUpdateAsync(u => u.SetProperty(e => e.Status, EnrolmentStatus.Enrolled).SetProperty(e => e.PromotedAtUtc, now).SetProperty(e => e.Version, e => e.Version + 1), cancellationToken);
            if (won == 1)
            {
                return new EnrolmentRecord { Id = waiting.Id, TraineeId = waiting.TraineeId, Reference = waiting.Reference };
            }
        }
    }

    private static Expression<Func<EnrolmentRecord, bool>> ByToken(string? token)
    {
        if (token is not { Length: > 20 and < 100 })
        {
            throw new TrainingNotFoundException();
        }

        var hash = OneTimeTokens.Hash(token);
        return e => e.CancelTokenHash == hash;
    }

    private async Task<EnrolmentRecord> LiveAsync(Expression<Func<EnrolmentRecord, bool>> which, CancellationToken cancellationToken) =>
        await db.Enrolments.AsNoTracking().Where(which).SingleOrDefaultAsync(e => e.Status != EnrolmentStatus.Cancelled, cancellationToken)
            ?? throw new TrainingNotFoundException();
}
