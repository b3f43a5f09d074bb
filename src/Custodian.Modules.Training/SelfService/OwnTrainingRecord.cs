using Custodian.Modules.Training.Enrolment;
using Custodian.Modules.Training.Marketing;
using Custodian.Modules.Training.SignIn;
using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Training.SelfService;

/// <summary>
/// What a signed-in trainee sees of themself: their data in clear, their enrolments with the session, their cards with
/// validity, and whether marketing is stopped. Every reading is audited under the session's account.
/// </summary>
internal sealed class OwnTrainingRecord(TrainingDb db, IPersonalDataVault vault, IAuditLog audit, TimeProvider clock)
{
    public sealed record Person(Guid TraineeId, SubjectId Subject, string? FirstName, string? LastName, string? Hetu, string? Email, string? Phone, bool Restricted,
        IReadOnlyList<Enrolled> Enrolments, IReadOnlyList<Card> Cards);

    public sealed record Enrolled(Guid Id, string Reference, EnrolmentStatus Status, string CourseFi, string CourseEn, DateTime StartsAtUtc, DateTime EndsAtUtc, string Place,
        string? Company, string? Position, bool CanCancel);

    public sealed record Card(string Number, string CardFi, string CardEn, DateOnly IssuedOn, DateOnly? ValidUntil, bool Revoked, string VerificationCode)
    {
        public bool ValidOn(DateOnly day) => !Revoked && (ValidUntil is null || ValidUntil >= day);
    }

    public sealed record View(IReadOnlyList<Person> People, bool MarketingStopped);

    public async Task<View> ReadAsync(string account, byte[] emailIndex, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(emailIndex);
        var now = clock.GetUtcNow().UtcDateTime;
        var people = new List<Person>();
        foreach (var trainee in await db.Trainees.AsNoTracking().Where(t => t.EmailIndex == emailIndex).OrderBy(t => t.CreatedAtUtc).ToListAsync(cancellationToken))
        {
            var rows = await (from e in db.Enrolments.AsNoTracking()
                              join s in db.Sessions.AsNoTracking() on e.SessionId equals s.Id
                              join c in db.Courses.AsNoTracking() on s.CourseId equals c.Id
                              where e.TraineeId == trainee.Id
                              select new { Enrolment = e, c.NameFi, c.NameEn, s.StartsAtUtc, s.EndsAtUtc, s.Place, s.CancelledAtUtc }).ToListAsync(cancellationToken);
            var enrolments = new List<Enrolled>();
            foreach (var row in rows.OrderByDescending(r => r.StartsAtUtc))
            {
                var e = row.Enrolment;
                enrolments.Add(new Enrolled(e.Id, e.Reference, e.Status, row.NameFi, row.NameEn, row.StartsAtUtc, row.EndsAtUtc, row.Place,
                    e.CompanyName is null ? null : await OpenAsync(e.CompanyName, EnrolmentRecord.Table, "company_name", e.Id, cancellationToken),
                    e.Position is null ? null : await OpenAsync(e.Position, EnrolmentRecord.Table, "position", e.Id, cancellationToken),
                    CanCancel: e.Status != EnrolmentStatus.Cancelled && row.StartsAtUtc > now && row.CancelledAtUtc == null));
            }

            var cards = await (from c in db.Certificates.AsNoTracking()
                               join t in db.CardTypes.AsNoTracking() on c.CardTypeKey equals t.Key
                               where c.TraineeId == trainee.Id
                               select new Card(c.CertificateNumber, t.NameFi, t.NameEn, c.IssuedOn, c.ValidUntil, c.RevokedAtUtc != null, c.VerificationCode)).ToListAsync(cancellationToken);
            people.Add(new Person(trainee.Id, trainee.SubjectId,
                await OpenAsync(trainee.FirstName, TraineeRecord.Table, "first_name", trainee.Id, cancellationToken),
                await OpenAsync(trainee.LastName, TraineeRecord.Table, "last_name", trainee.Id, cancellationToken),
                await OpenAsync(trainee.Hetu, TraineeRecord.Table, "hetu", trainee.Id, cancellationToken),
                await OpenAsync(trainee.Email, TraineeRecord.Table, "email", trainee.Id, cancellationToken),
                trainee.Phone is null ? null : await OpenAsync(trainee.Phone, TraineeRecord.Table, "phone", trainee.Id, cancellationToken),
                trainee.Restricted, enrolments, [.. cards.OrderByDescending(c => c.IssuedOn)]));
        }

        await audit.AppendAsync([.. people.Select(p => new AuditEvent("account:" + account, "training own record viewed", p.Subject, TrainingModule.Register, "course-delivery"))], cancellationToken);
        var stopped = await db.Suppressions.AnyAsync(s => s.EmailIndex == emailIndex, cancellationToken);
        return new View(people, stopped);
    }

    private Task<string?> OpenAsync(Encrypted<string> value, string table, string column, Guid row, CancellationToken cancellationToken) =>
        TrainingFields.OpenAsync(vault, value, TrainingFields.Of(table, column, row), whenErased: null, cancellationToken);
}
