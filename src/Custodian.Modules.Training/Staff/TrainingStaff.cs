using System.Security.Claims;
using Custodian.Privacy.Abstractions.Access;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Training.Staff;

/// <summary>
/// Who is doing staff work: a trainer reaches the sessions assigned to them, a registrar (and an operator at the CLI)
/// every session. <see cref="Account"/> is the staff account id, the audit log's pseudonymous actor.
/// </summary>
internal sealed record TrainingStaff(string Account, bool IsRegistrar)
{
    public static TrainingStaff Of(ClaimsPrincipal user) =>
        new(user?.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? string.Empty, user?.IsInRole(Roles.Registrar) == true);

    /// <summary>The session when this person may work on it; not found (404) when it does not exist or is not theirs.</summary>
    public async Task<Catalogue.SessionRecord> SessionAsync(TrainingDb db, Guid sessionId, CancellationToken cancellationToken)
    {
        var session = await db.Sessions.FirstOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
        return session is not null && (IsRegistrar || session.TrainerAccount == Account) ? session : throw new TrainingNotFoundException();
    }

    /// <summary>An enrolment in a session this person reaches, with its session and trainee.</summary>
    public async Task<Reached> EnrolmentAsync(TrainingDb db, Guid enrolmentId, CancellationToken cancellationToken)
    {
        var enrolment = await db.Enrolments.FirstOrDefaultAsync(e => e.Id == enrolmentId, cancellationToken) ?? throw new TrainingNotFoundException();
        var session = await SessionAsync(db, enrolment.SessionId, cancellationToken);
        var trainee = await db.Trainees.FirstAsync(t => t.Id == enrolment.TraineeId, cancellationToken);
        return new Reached(enrolment, session, trainee);
    }

    public void RequireRegistrar()
    {
        if (!IsRegistrar)
        {
            throw new TrainingNotFoundException();
        }
    }

    internal sealed record Reached(Enrolment.EnrolmentRecord Enrolment, Catalogue.SessionRecord Session, Enrolment.TraineeRecord Trainee);
}
