using System.Text.RegularExpressions;
using Custodian.Modules.Training.Enrolment;
using Custodian.Modules.Training.Staff;
using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.Extensions.Options;

namespace Custodian.Modules.Training.Exams;

/// <summary>
/// The trainer records an exam: passed or failed, the score as on the paper, and optionally the paper or its scan.
/// The file is checked by its first bytes and size before anything is stored, then sealed under the trainee's key.
/// A second recording adds a newer result; the earlier one stays as it was.
/// </summary>
internal sealed partial class RecordExamResult(TrainingDb db, IPersonalDataVault vault, IAuditLog audit, TimeProvider clock, IOptions<ExamOptions> options)
{
    public int MaxPaperBytes => options.Value.MaxPaperBytes;

    public async Task<Guid> RecordAsync(TrainingStaff staff, Guid enrolmentId, bool? passed, string? score, Stream? paper, CancellationToken cancellationToken)
    {
        if (passed is null)
        {
            throw new TrainingInputException("passed", "Choose whether the exam was passed or failed.");
        }

        var scoreText = score?.Trim() ?? string.Empty;
        if (scoreText.Length > 0 && !ScoreFormat().IsMatch(scoreText))
        {
            throw new TrainingInputException("score", "Write the score as a number, or points of a maximum such as 42/50.");
        }

        var bytes = paper is null ? null : await ReadAsync(paper, cancellationToken);
        var type = bytes is null ? null : ExamPaperTypes.Detect(bytes) ?? throw new TrainingInputException("paper", "Only PDF, PNG and JPEG files are kept: the file's content is none of these, whatever its name says. Nothing was stored.");
        var reached = await staff.EnrolmentAsync(db, enrolmentId, cancellationToken);
        if (reached.Enrolment.Status != EnrolmentStatus.Enrolled || reached.Enrolment.Attended != true)
        {
            throw new TrainingInputException("passed", "Mark the person present before recording their exam.");
        }

        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7();
        var key = TraineeData.Key(reached.Trainee);
        db.Exams.Add(new ExamRecord
        {
            Id = id,
            EnrolmentId = enrolmentId,
            TakenOn = Privacy.Abstractions.Time.LocalDays.Helsinki(reached.Session.StartsAtUtc),
            Passed = passed.Value,
            ExamScore = scoreText.Length == 0 ? null : await vault.SealAsync(key, ExamFields.Score(id), scoreText, cancellationToken),
            ExamAnswers = bytes is null ? null : await vault.SealAsync(key, ExamFields.Paper(id), bytes, cancellationToken),
            PaperContentType = type,
            PaperSize = bytes?.Length,
            RecordedBy = staff.Account,
            RecordedAtUtc = now.UtcDateTime,
        });
        reached.Trainee.LastActivityAtUtc = now.UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(TrainingAudit.Event(staff, reached.Trainee, passed.Value ? "record exam passed" : "record exam failed"), cancellationToken);
        return id;
    }

    private async Task<byte[]?> ReadAsync(Stream content, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxPaperBytes)
            {
                throw new TrainingInputException("paper", "The file is larger than the limit the form names. Nothing was stored.");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.Length == 0 ? null : buffer.ToArray();
    }

    [GeneratedRegex(@"^\d{1,4}([.,]\d{1,2})?(\s*/\s*\d{1,4})?$", RegexOptions.CultureInvariant, 100)]
    private static partial Regex ScoreFormat();
}
