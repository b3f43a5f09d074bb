using Custodian.Modules.Training.Enrolment;
using Custodian.Modules.Training.Exams;
using Custodian.Modules.Training.Staff;
using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Training.Sessions;

internal sealed record RosterRow(
    Guid EnrolmentId, int Version, EnrolmentStatus Status, TraineeView Trainee, string? Company, string? Position, bool? Attended,
    IdentityDocument? IdentityDocument, string? IdentityCheckedBy, DateTime? IdentityCheckedAtUtc, bool? Passed, string? Score, bool HasPaper, string? CertificateNumber);

internal sealed record RosterView(Guid SessionId, string CourseFi, string CourseEn, string CardTypeKey, DateTime StartsAtUtc, DateTime EndsAtUtc, string Place,
    int Capacity, bool Cancelled, IReadOnlyList<RosterRow> Enrolled, IReadOnlyList<RosterRow> Waitlisted, string? TrainerAccount);

/// <summary>
/// A session's roster for its trainer or a registrar: the enrolled and the waitlisted, names decrypted, with attendance,
/// identity check, exam and card. Opening it is a view of every trainee on it: one audit entry (and access-trail line) each.
/// </summary>
internal sealed class SessionRoster(TrainingDb db, IPersonalDataVault vault, IAuditLog audit)
{
    public const string What = "roster";

    public async Task<RosterView> OpenAsync(TrainingStaff staff, Guid sessionId, CancellationToken cancellationToken)
    {
        var session = await staff.SessionAsync(db, sessionId, cancellationToken);
        var course = await db.Courses.AsNoTracking().FirstAsync(c => c.Id == session.CourseId, cancellationToken);
        var rows = await (from e in db.Enrolments.AsNoTracking()
                          join t in db.Trainees.AsNoTracking() on e.TraineeId equals t.Id
                          where e.SessionId == sessionId && e.Status != EnrolmentStatus.Cancelled
                          select new { e, t }).ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.e.Id).ToList();
        var exams = await db.Exams.AsNoTracking().Where(x => ids.Contains(x.EnrolmentId)).ToListAsync(cancellationToken);
        var cards = await db.Certificates.AsNoTracking().Where(c => ids.Contains(c.EnrolmentId)).Select(c => new { c.EnrolmentId, c.CertificateNumber }).ToListAsync(cancellationToken);

        // Logged before anything is decrypted: a failed read still counts as an attempted view.
        await audit.AppendAsync([.. rows.Select(r => TrainingAudit.View(staff, r.t, What))], cancellationToken);
        var views = new List<RosterRow>();
        foreach (var (e, t) in rows.Select(r => (r.e, r.t)))
        {
            var exam = exams.Where(x => x.EnrolmentId == e.Id).MaxBy(x => x.RecordedAtUtc);
            views.Add(new RosterRow(
                e.Id, e.Version, e.Status, await TraineeData.OpenAsync(vault, t, cancellationToken),
                await TraineeData.OpenAsync(vault, e.CompanyName, TrainingFields.Enrolment("company_name", e.Id), cancellationToken),
                await TraineeData.OpenAsync(vault, e.Position, TrainingFields.Enrolment("position", e.Id), cancellationToken),
                e.Attended, e.IdentityDocument, e.IdentityCheckedBy, e.IdentityCheckedAtUtc, exam?.Passed,
                exam is null ? null : await TraineeData.OpenAsync(vault, exam.ExamScore, ExamFields.Score(exam.Id), cancellationToken),
                exam?.PaperSize is > 0, cards.FirstOrDefault(c => c.EnrolmentId == e.Id)?.CertificateNumber));
        }

        var ordered = views.OrderBy(v => v.Trainee.LastName, StringComparer.CurrentCulture).ThenBy(v => v.Trainee.FirstName, StringComparer.CurrentCulture).ToList();
        return new RosterView(session.Id, course.NameFi, course.NameEn, course.CardTypeKey, session.StartsAtUtc, session.EndsAtUtc, session.Place, session.Capacity,
            session.CancelledAtUtc is not null, [.. ordered.Where(v => v.Status == EnrolmentStatus.Enrolled)], [.. ordered.Where(v => v.Status == EnrolmentStatus.Waitlisted)], session.TrainerAccount);
    }
}
