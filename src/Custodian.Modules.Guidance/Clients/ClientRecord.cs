using Custodian.Modules.Guidance.Programmes;
using Custodian.Privacy.Abstractions.Protection;

namespace Custodian.Modules.Guidance.Clients;

/// <summary>
/// A client of a programme (<c>guidance_clients</c>): basic data, each value encrypted under the client's own key, the
/// HETU and e-mail also as blind indexes for lookups. The id in URLs is an opaque Guid.
/// </summary>
internal sealed class ClientRecord
{
    public Guid Id { get; set; }

    public Guid ProgrammeId { get; set; }

    public SubjectId SubjectId { get; set; }

    /// <summary>The coach's account (the programme assignment's account id).</summary>
    public string CoachAccount { get; set; } = string.Empty;

    /// <summary>The coach's team when the client was taken on: the team lead's scope.</summary>
    public string Team { get; set; } = string.Empty;

    /// <summary>The sending organisation's account that referred the client, if any.</summary>
    public string? ReferrerAccount { get; set; }

    public Encrypted<string> FirstName { get; set; } = null!;

    public Encrypted<string> LastName { get; set; } = null!;

    public Encrypted<DateOnly> BirthDate { get; set; } = null!;

    public Encrypted<string> Hetu { get; set; } = null!;

    public byte[] HetuIndex { get; set; } = [];

    public Encrypted<string>? Address { get; set; }

    /// <summary>A key of <see cref="Genders"/>, if the client told it.</summary>
    public Encrypted<string>? Gender { get; set; }

    public Encrypted<string>? Education { get; set; }

    public Encrypted<string>? Phone { get; set; }

    public Encrypted<string>? Email { get; set; }

    public byte[]? EmailIndex { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>When the client relationship ended: the retention trigger (case-closed).</summary>
    public DateTime? ClosedAtUtc { get; set; }

    /// <summary>Why the relationship ended: a key of <see cref="ClosingReasons"/>.</summary>
    public string? ClosedReason { get; set; }

    /// <summary>Who closed it (the staff account).</summary>
    public string? ClosedBy { get; set; }

    public bool Restricted { get; set; }

    public const string Table = "guidance_clients";
}

/// <summary>The areas a written consent covers; entries are written in one area and need its consent.</summary>
internal enum ConsentArea
{
    Employment,
    Rehabilitation,
    EverydayLife,
    Guidance,
    Observations,
}

internal static class ConsentAreas
{
    public static readonly IReadOnlyList<ConsentArea> All = Enum.GetValues<ConsentArea>();

    public static string Key(ConsentArea area) => area switch
    {
        ConsentArea.Employment => "employment",
        ConsentArea.Rehabilitation => "rehabilitation",
        ConsentArea.EverydayLife => "everyday-life",
        ConsentArea.Guidance => "guidance",
        ConsentArea.Observations => "observations",
        _ => throw new ArgumentOutOfRangeException(nameof(area)),
    };

    public static string Label(ConsentArea area) => area switch
    {
        ConsentArea.Employment => "Employment",
        ConsentArea.Rehabilitation => "Rehabilitation",
        ConsentArea.EverydayLife => "Everyday-life support",
        ConsentArea.Guidance => "Guidance",
        ConsentArea.Observations => "Observations",
        _ => throw new ArgumentOutOfRangeException(nameof(area)),
    };

    public static ConsentArea? Parse(string? key) => All.Cast<ConsentArea?>().FirstOrDefault(a => Key(a!.Value) == key);

    public static string Join(IEnumerable<ConsentArea> areas) => string.Join(',', areas.Distinct().Order().Select(Key));

    public static IReadOnlySet<ConsentArea> Split(string? stored) =>
        (stored ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Parse).Where(a => a is not null).Select(a => a!.Value).ToHashSet();
}

/// <summary>
/// One state of a client's written consent (<c>guidance_consents</c>), append-only: each recording or withdrawal adds a
/// row and the newest is in force. The signed form is referenced (scan or e-signature id), never stored here.
/// </summary>
internal sealed class WrittenConsentRecord
{
    public Guid Id { get; set; }

    public Guid ClientId { get; set; }

    /// <summary>1 for the first consent of the client, then one more for each change: the newest is in force.</summary>
    public int Sequence { get; set; }

    /// <summary>Areas the client consented to (comma-separated keys).</summary>
    public string Areas { get; set; } = string.Empty;

    /// <summary>Areas the client lets the sending organisation read (a subset of <see cref="Areas"/>).</summary>
    public string SharedAreas { get; set; } = string.Empty;

    public Encrypted<string> DocumentReference { get; set; } = null!;

    public DateOnly SignedOn { get; set; }

    public string NoticeVersion { get; set; } = string.Empty;

    /// <summary>True for a row a withdrawal added.</summary>
    public bool Withdrawal { get; set; }

    public DateTime RecordedAtUtc { get; set; }

    public string RecordedBy { get; set; } = string.Empty;

    public const string Table = "guidance_consents";
}

/// <summary>The genders the basic data offers (the client may leave it unsaid), and their names on screen.</summary>
internal static class Genders
{
    public static readonly IReadOnlyList<string> All = ["female", "male", "other"];

    public static string Label(string key) => key switch
    {
        "female" => "Female",
        "male" => "Male",
        "other" => "Other",
        _ => "—",
    };
}
