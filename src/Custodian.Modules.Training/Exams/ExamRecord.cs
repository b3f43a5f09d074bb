using Custodian.Privacy.Abstractions.Protection;

namespace Custodian.Modules.Training.Exams;

/// <summary>
/// An exam taken in a session (<c>training_exams</c>): the result the trainer recorded and, when there is one, the exam
/// paper or its scan, sealed under the trainee's key. Kept as proof of the card for a configurable period, then anonymised.
/// </summary>
internal sealed class ExamRecord
{
    public Guid Id { get; set; }

    public Guid EnrolmentId { get; set; }

    public DateOnly TakenOn { get; set; }

    public bool Passed { get; set; }

    /// <summary>The score as written on the paper, e.g. "42/50".</summary>
    public Encrypted<string>? ExamScore { get; set; }

    /// <summary>The exam paper or its scan (PDF, PNG or JPEG, told by its first bytes).</summary>
    public Encrypted<byte[]>? ExamAnswers { get; set; }

    public string? PaperContentType { get; set; }

    public int? PaperSize { get; set; }

    public string RecordedBy { get; set; } = string.Empty;

    public DateTime RecordedAtUtc { get; set; }

    public const string Table = "training_exams";
}
