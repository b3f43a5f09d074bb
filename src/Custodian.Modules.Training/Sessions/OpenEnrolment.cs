using Custodian.Modules.Training.Corrections;
using Custodian.Modules.Training.Enrolment;
using Custodian.Modules.Training.Exams;
using Custodian.Modules.Training.Staff;
using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Training.Sessions;

internal sealed record ExamView(Guid Id, DateOnly TakenOn, bool Passed, string? Score, string? PaperContentType, int? PaperSize, string RecordedBy, DateTime RecordedAtUtc);

internal sealed record CardView(string CertificateNumber, string VerificationCode, DateOnly IssuedOn, DateOnly? ValidUntil, string IssuedBy, DateTime? RevokedAtUtc, string? RevokedBy, string? RevocationReason);

internal sealed record EnrolmentView(Guid EnrolmentId, Guid SessionId, string CourseFi, string CourseEn, DateTime StartsAtUtc, EnrolmentStatus Status, TraineeView Trainee,
    string? Company, string? Position, bool? Attended, IdentityDocument? IdentityDocument, string? IdentityCheckedBy, DateTime? IdentityCheckedAtUtc,
    IReadOnlyList<ExamView> Exams, IReadOnlyList<CorrectionView> Corrections, CardView? Card);

/// <summary>One trainee's enrolment as its trainer or a registrar opens it: personal data, exams, the card and the corrections made, audited as a view.</summary>
internal sealed class OpenEnrolment(TrainingDb db, IPersonalDataVault vault, IAuditLog audit, CorrectTraineeData corrections)
{
    public const string What = "enrolment";

    public async Task<EnrolmentView> OpenAsync(TrainingStaff staff, Guid enrolmentId, CancellationToken cancellationToken)
    {
        var reached = await staff.EnrolmentAsync(db, enrolmentId, cancellationToken);
        var (e, t) = (reached.Enrolment, reached.Trainee);
        await audit.AppendAsync(TrainingAudit.View(staff, t, What), cancellationToken);
        var course = await db.Courses.AsNoTracking().FirstAsync(c => c.Id == reached.Session.CourseId, cancellationToken);
        var exams = new List<ExamView>();
        foreach (var x in (await db.Exams.AsNoTracking().Where(x => x.EnrolmentId == enrolmentId).ToListAsync(cancellationToken)).OrderByDescending(x => x.RecordedAtUtc))
        {
            exams.Add(new ExamView(x.Id, x.TakenOn, x.Passed, await TraineeData.OpenAsync(vault, x.ExamScore, ExamFields.Score(x.Id), cancellationToken), x.PaperContentType, x.PaperSize, x.RecordedBy, x.RecordedAtUtc));
        }

        return new EnrolmentView(e.Id, e.SessionId, course.NameFi, course.NameEn, reached.Session.StartsAtUtc, e.Status, await TraineeData.OpenAsync(vault, t, cancellationToken),
            await TraineeData.OpenAsync(vault, e.CompanyName, TrainingFields.Enrolment("company_name", e.Id), cancellationToken),
            await TraineeData.OpenAsync(vault, e.Position, TrainingFields.Enrolment("position", e.Id), cancellationToken),
            e.Attended, e.IdentityDocument, e.IdentityCheckedBy, e.IdentityCheckedAtUtc, exams, await corrections.HistoryAsync(t.Id, cancellationToken),
            await db.Certificates.AsNoTracking().Where(c => c.EnrolmentId == enrolmentId)
                .Select(c => new CardView(c.CertificateNumber, c.VerificationCode, c.IssuedOn, c.ValidUntil, c.IssuedBy, c.RevokedAtUtc, c.RevokedBy, c.RevocationReason)).FirstOrDefaultAsync(cancellationToken));
    }
}
