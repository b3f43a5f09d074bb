using Custodian.Modules.Guidance.Clients;
using Custodian.Privacy.Abstractions.Protection;

namespace Custodian.Modules.Guidance.Sections;

/// <summary>The kinds of entries a record's sections hold.</summary>
internal enum EntryKind
{
    Assessment,
    Coaching,
}

/// <summary>
/// An entry of a section (<c>guidance_entries</c>): its kind, consent area and current version. The text lives in its
/// versions; an edit adds a version (who, when) and must name the version it started from, so no edit overwrites
/// another silently.
/// </summary>
internal sealed class EntryRecord
{
    public Guid Id { get; set; }

    public Guid ClientId { get; set; }

    public EntryKind Kind { get; set; }

    public ConsentArea Area { get; set; }

    public int Version { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public string CreatedBy { get; set; } = string.Empty;

    public const string Table = "guidance_entries";
}

/// <summary>
/// One version of an entry's text (<c>guidance_entry_versions</c>): an assessment's text in <c>assessment_text</c>, a
/// coaching entry's in <c>note_text</c> (the declared fields of their categories), under the client's key.
/// </summary>
internal sealed class EntryVersionRecord
{
    public Guid EntryId { get; set; }

    public int Version { get; set; }

    public Encrypted<string>? AssessmentText { get; set; }

    public Encrypted<string>? NoteText { get; set; }

    public DateTime WrittenAtUtc { get; set; }

    public string WrittenBy { get; set; } = string.Empty;

    public const string Table = "guidance_entry_versions";

    public static string Column(EntryKind kind) => kind == EntryKind.Assessment ? "assessment_text" : "note_text";
}
