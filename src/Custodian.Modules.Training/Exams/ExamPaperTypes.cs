namespace Custodian.Modules.Training.Exams;

/// <summary>
/// What an exam paper or scan is, told by its first bytes (never by its name): PDF, PNG or JPEG, or nothing we keep.
/// Module-local like Guidance's attachment types: the two modules may not share code but through the kernel's contracts.
/// </summary>
internal static class ExamPaperTypes
{
    private static readonly (byte[] Magic, string ContentType, string Extension)[] Known =
    [
        ("%PDF-"u8.ToArray(), "application/pdf", ".pdf"),
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "image/png", ".png"),
        ([0xFF, 0xD8, 0xFF], "image/jpeg", ".jpg"),
    ];

    /// <summary>The content type the bytes begin as, or null for anything else.</summary>
    public static string? Detect(ReadOnlySpan<byte> content)
    {
        foreach (var (magic, type, _) in Known)
        {
            if (content.StartsWith(magic))
            {
                return type;
            }
        }

        return null;
    }

    public static string Extension(string contentType) => Known.First(k => k.ContentType == contentType).Extension;
}

/// <summary>Where an exam's sealed values live.</summary>
internal static class ExamFields
{
    public static Privacy.Abstractions.Protection.FieldAddress Score(Guid examId) => TrainingFields.Of(ExamRecord.Table, "exam_score", examId);

    public static Privacy.Abstractions.Protection.FieldAddress Paper(Guid examId) => TrainingFields.Of(ExamRecord.Table, "exam_answers", examId);
}

/// <summary><c>Training:Exams</c>: how large an exam paper or scan may be.</summary>
internal sealed class ExamOptions
{
    public int MaxPaperBytes { get; set; } = 10 * 1024 * 1024;
}
