using Custodian.Modules.Training.Enrolment;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Training.SelfService;

/// <summary>
/// A signed-in trainee cancels one of their own enrolments from /training/me. This only checks whose the enrolment is;
/// the cancellation itself, with the freed seat going to the first on the waiting list and their mail, is
/// <see cref="CancelEnrolment"/>'s, the same as from the confirmation mail's link. Another person's enrolment is "not found".
/// </summary>
internal sealed class CancelOwnEnrolment(TrainingDb db, CancelEnrolment cancel)
{
    /// <exception cref="TrainingNotFoundException">Not an enrolment of the person with this address.</exception>
    /// <exception cref="TrainingInputException">The session has started or the enrolment is cancelled already.</exception>
    public async Task<CancelEnrolment.Cancelled> CancelAsync(string account, byte[] emailIndex, Guid enrolmentId, CancellationToken cancellationToken)
    {
        var status = await (from e in db.Enrolments.AsNoTracking()
                            join t in db.Trainees.AsNoTracking() on e.TraineeId equals t.Id
                            where e.Id == enrolmentId && t.EmailIndex == emailIndex
                            select (EnrolmentStatus?)e.Status).SingleOrDefaultAsync(cancellationToken)
            ?? throw new TrainingNotFoundException();
        if (status == EnrolmentStatus.Cancelled)
        {
            throw new TrainingInputException("enrolment", "This enrolment is cancelled already.");
        }

        try
        {
            return await cancel.CancelOwnAsync(enrolmentId, account, cancellationToken);
        }
        catch (TrainingConflictException)
        {
            throw new TrainingInputException("enrolment", "The course has started; ask the registrar.");
        }
        catch (TrainingNotFoundException)
        {
            // Checked as the trainee's own above: another click or tab cancelled it in the meantime.
            throw new TrainingInputException("enrolment", "This enrolment changed meanwhile; reload the page.");
        }
    }
}
