using Custodian.Privacy.Abstractions.Audit;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Training.Enrolment;

/// <summary>
/// An employer's contact enrols several employees in one session at once: every row checked (errors named
/// <c>people[i].field</c>), all or nothing in one transaction, seats while they last and the waiting list after, source
/// <see cref="EnrolmentSource.Employer"/> with the employer's id. A row without company details gets the employer's name
/// and Y-tunnus. No marketing question: an employer cannot consent for its staff. Each employee gets the confirmation
/// mail with their own cancellation link.
/// </summary>
internal sealed class EnrolGroup(TrainingDb db, SeatBooking seats, EnrolmentMail mails, IAuditLog audit, ICurrentActor actor)
{
    public const int MaxPeople = 100;

    public sealed record Request(Guid SessionId, Guid EmployerId, IReadOnlyList<PersonInput> People);

    /// <summary>One result per row, in the order given.</summary>
    public sealed record Result(IReadOnlyList<EnrolPerson.Result> Enrolments);

    public async Task<Result> EnrolAsync(Request request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (request.People is not { Count: > 0 and <= MaxPeople })
        {
            PersonInputCheck.Add(errors, "people", "Give one to 100 people.");
            throw new TrainingInvalidException(PersonInputCheck.AsProblem(errors));
        }

        var employer = await db.Employers.AsNoTracking().SingleOrDefaultAsync(e => e.Id == request.EmployerId, cancellationToken) ?? throw new TrainingNotFoundException();
        var people = new List<ValidPerson>();
        for (var i = 0; i < request.People.Count; i++)
        {
            var row = PersonInputCheck.Check(request.People[i] ?? new PersonInput(null, null, null, null, null, null, null, null), errors, phoneRequired: false, prefix: $"people[{i}].");
            if (row is null)
            {
                continue;
            }

            if (people.FindIndex(p => p.Hetu == row.Hetu) is var twice and >= 0)
            {
                PersonInputCheck.Add(errors, $"people[{i}].hetu", $"The same person is on row {twice + 1} already.");
                continue;
            }

            people.Add(row.CompanyName is null && row.CompanyBusinessId is null ? row with { CompanyName = employer.Name, CompanyBusinessId = employer.BusinessId } : row);
        }

        if (errors.Count > 0)
        {
            throw new TrainingInvalidException(PersonInputCheck.AsProblem(errors));
        }

        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            var session = await seats.OpenSessionAsync(request.SessionId, cancellationToken);
            var prepared = new List<SeatBooking.Prepared>();
            foreach (var person in people)
            {
                prepared.Add(await seats.PrepareAsync(person, cancellationToken));
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var booked = new List<SeatBooking.Booked>();
            try
            {
                for (var i = 0; i < people.Count; i++)
                {
                    try
                    {
                        booked.Add(await seats.BookAsync(session, prepared[i], EnrolmentSource.Employer, employer.Id, marketing: false, submissionKey: null, cancellationToken));
                    }
                    catch (TrainingConflictException e)
                    {
                        PersonInputCheck.Add(errors, $"people[{i}].hetu", e.Message);
                    }
                }

                if (errors.Count > 0)
                {
                    throw new TrainingInvalidException(PersonInputCheck.AsProblem(errors));
                }

                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            catch (Exception e) when (e is DbUpdateException or SeatBooking.StaleException && attempt < 5)
            {
                await transaction.RollbackAsync(cancellationToken);
                continue;
            }

            await audit.AppendAsync([.. booked.Select(b => new AuditEvent(actor.Actor, "training enrol by employer " + b.Enrolment.Status.ToString().ToLowerInvariant(), b.Trainee.SubjectId, TrainingModule.Register, "course-delivery", actor.RequestId))], cancellationToken);
            var text = await mails.SessionAsync(session.Id, cancellationToken);
            for (var i = 0; i < booked.Count; i++)
            {
                await mails.SendConfirmationAsync(people[i].Email, text, booked[i].Enrolment.Reference, booked[i].Enrolment.Status, booked[i].CancelToken, cancellationToken);
            }

            return new Result([.. booked.Select(b => new EnrolPerson.Result(b.Enrolment.Id, b.Enrolment.Reference, b.Enrolment.Status, Replayed: false))]);
        }
    }
}
