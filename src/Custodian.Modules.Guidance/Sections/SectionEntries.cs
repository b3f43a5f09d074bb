using Custodian.Modules.Guidance.Clients;
using Custodian.Modules.Guidance.Programmes;
using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Guidance.Sections;

/// <summary>
/// Writes assessments and coaching entries, and edits them as new versions. Nothing is written in an area the
/// client's written consent does not cover (now: a withdrawal counts at once); an edit that started from an older
/// version than the stored one is refused, so nobody overwrites another's words unseen.
/// </summary>
internal sealed class SectionEntries(GuidanceDb db, ClientScope scope, WrittenConsents consents, IPersonalDataVault vault, IAuditLog audit, TimeProvider clock)
{
    public const int MaxText = 20_000;

    public async Task<Guid> WriteAsync(string account, Guid clientId, EntryKind kind, string? area, string? text, CancellationToken cancellationToken)
    {
        var reached = await scope.FindAsync(account, clientId, cancellationToken);
        WrittenConsents.Require(reached, SectionOf(kind));
        var consentArea = ConsentAreas.Parse(area) ?? throw new GuidanceInputException("Choose the area the entry belongs to.");
        var body = Body(text);
        if (!(await consents.AreasAsync(clientId, cancellationToken)).Contains(consentArea))
        {
            throw new GuidanceInputException("The client's written consent does not cover this area: nothing was saved. Record the consent first.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var entry = new EntryRecord { Id = Guid.CreateVersion7(), ClientId = clientId, Kind = kind, Area = consentArea, Version = 1, CreatedAtUtc = now, CreatedBy = account };
        db.Entries.Add(entry);
        db.EntryVersions.Add(await VersionAsync(reached, entry, 1, body, account, now, cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(GuidanceAudit.Event(reached, $"write {Key(kind)}"), cancellationToken);
        return entry.Id;
    }

    /// <summary>Saves a new version of the entry, if <paramref name="baseVersion"/> is still its newest; returns the new version.</summary>
    public async Task<int> EditAsync(string account, Guid clientId, Guid entryId, int baseVersion, string? text, CancellationToken cancellationToken)
    {
        var reached = await scope.FindAsync(account, clientId, cancellationToken);
        var entry = await db.Entries.SingleOrDefaultAsync(e => e.Id == entryId && e.ClientId == clientId, cancellationToken) ?? throw new GuidanceNotFoundException();
        WrittenConsents.Require(reached, SectionOf(entry.Kind));
        var body = Body(text);
        if (!(await consents.AreasAsync(clientId, cancellationToken)).Contains(entry.Area))
        {
            throw new GuidanceInputException("The client has withdrawn consent for this area: the entry can no longer be changed.");
        }

        if (entry.Version != baseVersion)
        {
            throw new GuidanceEditConflictException(entry.Version);
        }

        var version = entry.Version + 1;
        entry.Version = version;
        db.EntryVersions.Add(await VersionAsync(reached, entry, version, body, account, clock.GetUtcNow().UtcDateTime, cancellationToken));
        // The version is also the version row's key, so a second edit of one version cannot store its text either.
        await db.SaveVersionedAsync((d, ct) => d.Entries.Where(e => e.Id == entryId).Select(e => e.Version).SingleAsync(ct), cancellationToken);

        await audit.AppendAsync(GuidanceAudit.Event(reached, $"edit {Key(entry.Kind)}"), cancellationToken);
        return version;
    }

    public static RecordSection SectionOf(EntryKind kind) => kind == EntryKind.Assessment ? RecordSection.Assessments : RecordSection.CoachingEntries;

    public static string Key(EntryKind kind) => kind == EntryKind.Assessment ? "assessment" : "coaching entry";

    public static FieldAddress Field(EntryKind kind, Guid entryId, int version) => new(EntryVersionRecord.Table, EntryVersionRecord.Column(kind), entryId.ToString("N") + "/" + version.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private async Task<EntryVersionRecord> VersionAsync(ReachableClient reached, EntryRecord entry, int version, string body, string account, DateTime now, CancellationToken cancellationToken)
    {
        var sealedText = await vault.SealAsync(KeyScope.Subject(reached.Client.SubjectId), Field(entry.Kind, entry.Id, version), body, cancellationToken);
        return new EntryVersionRecord
        {
            EntryId = entry.Id,
            Version = version,
            AssessmentText = entry.Kind == EntryKind.Assessment ? sealedText : null,
            NoteText = entry.Kind == EntryKind.Coaching ? sealedText : null,
            WrittenAtUtc = now,
            WrittenBy = account,
        };
    }

    internal static string Body(string? text)
    {
        var body = text?.Trim() ?? string.Empty;
        if (body.Length == 0)
        {
            throw new GuidanceInputException("Write the entry's text.");
        }

        if (body.Length > MaxText)
        {
            throw new GuidanceInputException("The entry is too long (at most 20 000 characters).");
        }

        return body.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t') ? throw new GuidanceInputException("The text contains control characters; paste it as plain text.") : body;
    }
}
