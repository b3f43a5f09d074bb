using Custodian.Modules.Training.Catalogue;
using Custodian.Privacy.Abstractions.Identifiers;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Training.Enrolment;

/// <summary>
/// What every enrolment does inside its caller's transaction: the session must be open, the person is found by the blind
/// index of their henkilötunnus (one trainee per person) or added with every value sealed under a new subject key, and a
/// seat is taken by one conditional UPDATE against the capacity (else the place is on the waiting list).
/// A person already known keeps the names and HETU first recorded (staff correct them after the ID check at the
/// course); the e-mail and phone they give now replace the older ones, so mail reaches them where they are now.
/// </summary>
internal sealed class SeatBooking(TrainingDb db, IPersonalDataVault vault, TimeProvider clock)
{
    public const string AlreadyEnrolled = "This person is already enrolled in this session.";

    /// <summary>An enrolment added to the context (not yet saved), and the cancellation token only its mail will carry.</summary>
    public sealed record Booked(EnrolmentRecord Enrolment, TraineeRecord Trainee, string CancelToken);

    /// <summary>The session, when it can still be enrolled in: unknown → not found; cancelled or started → conflict.</summary>
    public async Task<SessionRecord> OpenSessionAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        var session = await db.Sessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sessionId, cancellationToken) ?? throw new TrainingNotFoundException();
        if (session.CancelledAtUtc is not null)
        {
            throw new TrainingConflictException("This session has been cancelled: please choose another session.");
        }

        return session.StartsAtUtc <= clock.GetUtcNow().UtcDateTime
            ? throw new TrainingConflictException("This session has already started: please choose a later session.")
            : session;
    }

    /// <summary>
    /// Everything sealed before the transaction: on SQLite a new subject's key is written by the kernel on its own
    /// connection, which must not wait for the single writer lock this transaction holds.
    /// </summary>
    public sealed record Prepared(ValidPerson Person, byte[] HetuIndex, Guid? KnownTraineeId, TraineeRecord? NewTrainee, Encrypted<string>? Email, byte[] EmailIndex, Encrypted<string>? Phone,
        Guid EnrolmentId, Encrypted<string>? Company, Encrypted<string>? Position);

    /// <summary>The person turned out different inside the transaction (added by a parallel request meanwhile): prepare again.</summary>
    public sealed class StaleException() : Exception("The trainee changed between preparing and booking.");

    /// <summary>Finds the person by the blind index of the HETU and seals what will be stored, outside any transaction.</summary>
    public async Task<Prepared> PrepareAsync(ValidPerson person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var now = clock.GetUtcNow().UtcDateTime;
        var hetuIndex = vault.BlindIndexOf(IdentifierType.Hetu, person.Hetu);
        var emailIndex = vault.BlindIndexOf(IdentifierType.Email, person.Email);
        var known = await db.Trainees.AsNoTracking().Where(t => t.HetuIndex == hetuIndex).Select(t => new { t.Id, t.SubjectId, t.EmailIndex }).SingleOrDefaultAsync(cancellationToken);
        var (traineeId, subject) = known is null ? (Guid.CreateVersion7(), SubjectId.New()) : (known.Id, known.SubjectId);
        var scope = KeyScope.Subject(subject);
        var enrolmentId = Guid.CreateVersion7();
        // A known person's contact data stays as stored: anyone can send the public form with a henkilötunnus they know, so
        // a new address there would let them take over the person's sign-in links. The person changes it signed in, or at the course.
        var email = known is not null ? null : await vault.SealAsync(scope, TrainingFields.Trainee("email", traineeId), person.Email, cancellationToken);
        var phone = known is null && person.Phone is { } p ? await vault.SealAsync(scope, TrainingFields.Trainee("phone", traineeId), p, cancellationToken) : null;
        var trainee = known is not null ? null : new TraineeRecord
        {
            Id = traineeId,
            SubjectId = subject,
            FirstName = await vault.SealAsync(scope, TrainingFields.Trainee("first_name", traineeId), person.FirstName, cancellationToken),
            LastName = await vault.SealAsync(scope, TrainingFields.Trainee("last_name", traineeId), person.LastName, cancellationToken),
            Hetu = await vault.SealAsync(scope, TrainingFields.Trainee("hetu", traineeId), person.Hetu, cancellationToken),
            HetuIndex = hetuIndex,
            Email = email!,
            EmailIndex = emailIndex,
            Phone = phone,
            CreatedAtUtc = now,
            LastActivityAtUtc = now,
        };
        return new Prepared(person, hetuIndex, known?.Id, trainee, email, emailIndex, phone, enrolmentId,
            person.CompanyName is { } company ? await vault.SealAsync(scope, TrainingFields.Enrolment("company_name", enrolmentId), company, cancellationToken) : null,
            person.Position is { } position ? await vault.SealAsync(scope, TrainingFields.Enrolment("position", enrolmentId), position, cancellationToken) : null);
    }

    /// <summary>Inside the caller's transaction: the trainee added or updated, a seat or a waiting-list place, the enrolment added (saved by the caller).</summary>
    public async Task<Booked> BookAsync(SessionRecord session, Prepared prepared, EnrolmentSource source, Guid? employerId, bool marketing, string? submissionKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(prepared);
        var now = clock.GetUtcNow().UtcDateTime;
        var trainee = await db.Trainees.SingleOrDefaultAsync(t => t.HetuIndex == prepared.HetuIndex, cancellationToken);
        if (trainee?.Id != prepared.KnownTraineeId)
        {
            throw new StaleException();
        }

        if (trainee is null)
        {
            trainee = prepared.NewTrainee!;
            db.Trainees.Add(trainee);
        }
        else
        {
            trainee.LastActivityAtUtc = now;
            if (await db.Enrolments.AnyAsync(e => e.SessionId == session.Id && e.TraineeId == trainee.Id && e.Status != EnrolmentStatus.Cancelled, cancellationToken))
            {
                throw new TrainingConflictException(AlreadyEnrolled);
            }
        }

        var seated = await db.Sessions
            .Where(s => s.Id == session.Id && s.SeatsTaken < s.Capacity)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.SeatsTaken, s => s.SeatsTaken + 1), cancellationToken) == 1;
        var (token, hash) = OneTimeTokens.New();
        var enrolment = new EnrolmentRecord
        {
            Id = prepared.EnrolmentId,
            SessionId = session.Id,
            TraineeId = trainee.Id,
            Reference = OneTimeTokens.NewReference("TR"),
            Status = seated ? EnrolmentStatus.Enrolled : EnrolmentStatus.Waitlisted,
            Source = source,
            EmployerId = employerId,
            CompanyName = prepared.Company,
            CompanyBusinessId = prepared.Person.CompanyBusinessId,
            Position = prepared.Position,
            MarketingConsent = marketing,
            CancelTokenHash = hash,
            SubmissionKey = submissionKey,
            CreatedAtUtc = now,
        };
        db.Enrolments.Add(enrolment);
        return new Booked(enrolment, trainee, token);
    }
}
