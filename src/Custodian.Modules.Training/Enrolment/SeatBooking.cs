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

    public async Task<Booked> BookAsync(SessionRecord session, ValidPerson person, EnrolmentSource source, Guid? employerId, bool marketing, string? submissionKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(person);
        var now = clock.GetUtcNow().UtcDateTime;
        var trainee = await FindOrAddTraineeAsync(person, now, cancellationToken);
        if (await db.Enrolments.AnyAsync(e => e.SessionId == session.Id && e.TraineeId == trainee.Id && e.Status != EnrolmentStatus.Cancelled, cancellationToken))
        {
            throw new TrainingConflictException(AlreadyEnrolled);
        }

        var seated = await db.Sessions
            .Where(s => s.Id == session.Id && s.SeatsTaken < s.Capacity)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.SeatsTaken, s => s.SeatsTaken + 1), cancellationToken) == 1;
        var id = Guid.CreateVersion7();
        var scope = KeyScope.Subject(trainee.SubjectId);
        var row = id.ToString("N");
        var (token, hash) = OneTimeTokens.New();
        var enrolment = new EnrolmentRecord
        {
            Id = id,
            SessionId = session.Id,
            TraineeId = trainee.Id,
            Reference = OneTimeTokens.NewReference("TR"),
            Status = seated ? EnrolmentStatus.Enrolled : EnrolmentStatus.Waitlisted,
            Source = source,
            EmployerId = employerId,
            CompanyName = person.CompanyName is { } company ? await vault.SealAsync(scope, EnrolmentField("company_name", row), company, cancellationToken) : null,
            CompanyBusinessId = person.CompanyBusinessId,
            Position = person.Position is { } position ? await vault.SealAsync(scope, EnrolmentField("position", row), position, cancellationToken) : null,
            MarketingConsent = marketing,
            CancelTokenHash = hash,
            SubmissionKey = submissionKey,
            CreatedAtUtc = now,
        };
        db.Enrolments.Add(enrolment);
        return new Booked(enrolment, trainee, token);
    }

    public static FieldAddress TraineeField(string column, string row) => new(TraineeRecord.Table, column, row);

    public static FieldAddress EnrolmentField(string column, string row) => new(EnrolmentRecord.Table, column, row);

    private async Task<TraineeRecord> FindOrAddTraineeAsync(ValidPerson person, DateTime now, CancellationToken cancellationToken)
    {
        var hetuIndex = vault.BlindIndexOf(IdentifierType.Hetu, person.Hetu);
        var emailIndex = vault.BlindIndexOf(IdentifierType.Email, person.Email);
        var trainee = await db.Trainees.SingleOrDefaultAsync(t => t.HetuIndex == hetuIndex, cancellationToken);
        if (trainee is not null)
        {
            var known = KeyScope.Subject(trainee.SubjectId);
            var knownRow = trainee.Id.ToString("N");
            if (!trainee.EmailIndex.AsSpan().SequenceEqual(emailIndex))
            {
                trainee.Email = await vault.SealAsync(known, TraineeField("email", knownRow), person.Email, cancellationToken);
                trainee.EmailIndex = emailIndex;
            }

            if (person.Phone is { } newPhone)
            {
                trainee.Phone = await vault.SealAsync(known, TraineeField("phone", knownRow), newPhone, cancellationToken);
            }

            trainee.LastActivityAtUtc = now;
            return trainee;
        }

        var id = Guid.CreateVersion7();
        var subject = SubjectId.New();
        var scope = KeyScope.Subject(subject);
        var row = id.ToString("N");
        trainee = new TraineeRecord
        {
            Id = id,
            SubjectId = subject,
            FirstName = await vault.SealAsync(scope, TraineeField("first_name", row), person.FirstName, cancellationToken),
            LastName = await vault.SealAsync(scope, TraineeField("last_name", row), person.LastName, cancellationToken),
            Hetu = await vault.SealAsync(scope, TraineeField("hetu", row), person.Hetu, cancellationToken),
            HetuIndex = hetuIndex,
            Email = await vault.SealAsync(scope, TraineeField("email", row), person.Email, cancellationToken),
            EmailIndex = emailIndex,
            Phone = person.Phone is { } phone ? await vault.SealAsync(scope, TraineeField("phone", row), phone, cancellationToken) : null,
            CreatedAtUtc = now,
            LastActivityAtUtc = now,
        };
        db.Trainees.Add(trainee);
        return trainee;
    }
}
