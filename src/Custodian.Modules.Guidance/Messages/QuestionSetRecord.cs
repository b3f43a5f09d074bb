using Custodian.Privacy.Abstractions.Protection;

namespace Custodian.Modules.Guidance.Messages;

internal enum QuestionKind
{
    FreeText,
    SingleChoice,
    Date,
}

/// <summary>One question of a set. The id stays when a set is copied, so answers of copies can be compared later.</summary>
internal sealed record Question(string Id, string Text, QuestionKind Kind, IReadOnlyList<string> Options);

/// <summary>
/// The content of a question set, stored as one encrypted JSON document (<c>message_text</c>) with a format version, so
/// the later survey builder (versions, logic) can add fields without a new table.
/// </summary>
internal sealed record QuestionSetContent(int Format, string Title, IReadOnlyList<Question> Questions);

internal enum QuestionSetState
{
    Sent,
    Answered,
    Withdrawn,
}

/// <summary>
/// A question set sent to one client (<c>guidance_question_sets</c>) with its single-use answer link: only the link's
/// hash is stored, it expires, and it opens this set for this client only.
/// </summary>
internal sealed class QuestionSetRecord
{
    public Guid Id { get; set; }

    public Guid ClientId { get; set; }

    public Encrypted<string> Content { get; set; } = null!;

    public QuestionSetState State { get; set; }

    public byte[] LinkHash { get; set; } = [];

    public DateTime LinkExpiresAtUtc { get; set; }

    public DateTime SentAtUtc { get; set; }

    public string SentBy { get; set; } = string.Empty;

    public DateTime? AnsweredAtUtc { get; set; }

    public const string Table = "guidance_question_sets";
}

/// <summary>The client's answers to a set (<c>guidance_answers</c>), one JSON document keyed by question id, under the client's key.</summary>
internal sealed class AnswerRecord
{
    public Guid QuestionSetId { get; set; }

    public Encrypted<string> Answers { get; set; } = null!;

    public DateTime AnsweredAtUtc { get; set; }

    public const string Table = "guidance_answers";
}
