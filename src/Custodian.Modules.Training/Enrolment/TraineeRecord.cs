using Custodian.Privacy.Abstractions.Protection;

namespace Custodian.Modules.Training.Enrolment;

/// <summary>
/// A person in the register (<c>training_trainees</c>), one row per person whatever the number of courses: recognised
/// again only through the blind index of the henkilötunnus (or of the e-mail), never by plain text. Every value is
/// encrypted under the person's own key, so erasure can crypto-shred it.
/// </summary>
internal sealed class TraineeRecord
{
    public Guid Id { get; set; }

    public SubjectId SubjectId { get; set; }

    public Encrypted<string> FirstName { get; set; } = null!;

    public Encrypted<string> LastName { get; set; } = null!;

    public Encrypted<string> Hetu { get; set; } = null!;

    public byte[] HetuIndex { get; set; } = [];

    public Encrypted<string> Email { get; set; } = null!;

    public byte[] EmailIndex { get; set; } = [];

    public Encrypted<string>? Phone { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>The last enrolment, attendance or card of the person: the retention trigger of contact data (last-activity).</summary>
    public DateTime LastActivityAtUtc { get; set; }

    /// <summary>Processing restricted at the person's request: kept, but used for nothing else.</summary>
    public bool Restricted { get; set; }

    public const string Table = "training_trainees";
}
