using Custodian.Modules.Training.Staff;
using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Training.Exams;

internal sealed record ExamPaper(byte[] Content, string ContentType, string DownloadName);

/// <summary>Staff open a stored exam paper or scan: a view of the trainee's exam, audited before it is decrypted.</summary>
internal sealed class DownloadExamPaper(TrainingDb db, IPersonalDataVault vault, IAuditLog audit)
{
    public async Task<ExamPaper> DownloadAsync(TrainingStaff staff, Guid examId, CancellationToken cancellationToken)
    {
        var exam = await db.Exams.AsNoTracking().FirstOrDefaultAsync(x => x.Id == examId, cancellationToken) ?? throw new TrainingNotFoundException();
        var reached = await staff.EnrolmentAsync(db, exam.EnrolmentId, cancellationToken);
        if (exam.ExamAnswers is null || exam.PaperContentType is null)
        {
            throw new TrainingNotFoundException();
        }

        await audit.AppendAsync(TrainingAudit.View(staff, reached.Trainee, "exam paper"), cancellationToken);
        var content = await vault.OpenAsync(exam.ExamAnswers, ExamFields.Paper(exam.Id), cancellationToken);
        return content.IsErased
            ? throw new TrainingNotFoundException()
            : new ExamPaper(content.Value!, exam.PaperContentType, "exam-" + exam.TakenOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + ExamPaperTypes.Extension(exam.PaperContentType));
    }
}
