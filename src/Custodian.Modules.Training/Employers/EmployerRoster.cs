using Custodian.Modules.Training.Enrolment;
using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Training.Employers;

/// <summary>
/// What an employer's contact person sees: the employers whose contact they are, and for each only the enrolments that
/// employer made or pays for (<see cref="EnrolmentRecord.EmployerId"/>), with attendance, exam and card. Every employee
/// shown is audited as viewed by the employer, so the trainee's copy of their data lists it.
/// </summary>
internal sealed class EmployerRoster(TrainingDb db, IPersonalDataVault vault, IAuditLog audit)
{
    public sealed record Employer(Guid Id, string Name, string BusinessId, IReadOnlyList<Row> Rows);

    public sealed record Row(string FirstName, string LastName, string? Position, string CourseFi, string CourseEn, DateTime StartsAtUtc, DateTime EndsAtUtc, string Place,
        EnrolmentStatus Status, bool? Attended, bool? Passed, string? CardNumber, DateOnly? CardValidUntil, string Reference);

    /// <summary>The contact's employers with their employees' enrolments (newest sessions first); empty for an address that is no employer's contact.</summary>
    public async Task<IReadOnlyList<Employer>> ReadAsync(string account, byte[] contactEmailIndex, string what, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contactEmailIndex);
        var employers = await db.Employers.AsNoTracking().Where(e => e.ContactEmailIndex == contactEmailIndex).OrderBy(e => e.Name).ToListAsync(cancellationToken);
        var result = new List<Employer>();
        var views = new List<AuditEvent>();
        foreach (var employer in employers)
        {
            var rows = await (from e in db.Enrolments.AsNoTracking()
                              join t in db.Trainees.AsNoTracking() on e.TraineeId equals t.Id
                              join s in db.Sessions.AsNoTracking() on e.SessionId equals s.Id
                              join c in db.Courses.AsNoTracking() on s.CourseId equals c.Id
                              where e.EmployerId == employer.Id && !t.Restricted
                              select new { Enrolment = e, Trainee = t, c.NameFi, c.NameEn, s.StartsAtUtc, s.EndsAtUtc, s.Place }).ToListAsync(cancellationToken);
            var enrolmentIds = rows.Select(r => r.Enrolment.Id).ToList();
            var exams = await db.Exams.AsNoTracking().Where(x => enrolmentIds.Contains(x.EnrolmentId)).Select(x => new { x.EnrolmentId, x.Passed }).ToListAsync(cancellationToken);
            var cards = await db.Certificates.AsNoTracking().Where(c => enrolmentIds.Contains(c.EnrolmentId) && c.RevokedAtUtc == null).Select(c => new { c.EnrolmentId, c.CertificateNumber, c.ValidUntil }).ToListAsync(cancellationToken);
            var list = new List<Row>();
            foreach (var r in rows.OrderByDescending(r => r.StartsAtUtc).ThenBy(r => r.Enrolment.CreatedAtUtc))
            {
                var (e, t) = (r.Enrolment, r.Trainee);
                var card = cards.FirstOrDefault(c => c.EnrolmentId == e.Id);
                var exam = exams.Where(x => x.EnrolmentId == e.Id).Select(x => (bool?)x.Passed).OrderByDescending(p => p).FirstOrDefault();
                list.Add(new Row(
                    await OpenAsync(t.FirstName, TraineeRecord.Table, "first_name", t.Id, cancellationToken),
                    await OpenAsync(t.LastName, TraineeRecord.Table, "last_name", t.Id, cancellationToken),
                    e.Position is null ? null : await OpenAsync(e.Position, EnrolmentRecord.Table, "position", e.Id, cancellationToken),
                    r.NameFi, r.NameEn, r.StartsAtUtc, r.EndsAtUtc, r.Place, e.Status, e.Attended, exam, card?.CertificateNumber, card?.ValidUntil, e.Reference));
                views.Add(new AuditEvent("account:" + account, "training employees viewed by their employer", t.SubjectId, TrainingModule.Register, "course-delivery")
                {
                    Viewed = new ViewedAs(employer.Name, "employer contact", what),
                });
            }

            result.Add(new Employer(employer.Id, employer.Name, employer.BusinessId, list));
        }

        if (views.Count > 0)
        {
            await audit.AppendAsync(views, cancellationToken);
        }

        return result;
    }

    private async Task<string> OpenAsync(Encrypted<string> value, string table, string column, Guid row, CancellationToken cancellationToken) =>
        await TrainingFields.OpenAsync(vault, value, TrainingFields.Of(table, column, row), whenErased: "—", cancellationToken) ?? "—";
}
