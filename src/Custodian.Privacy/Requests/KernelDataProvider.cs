using System.Globalization;
using Custodian.Privacy.Abstractions.Consent;
using Custodian.Privacy.Abstractions.Identifiers;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Abstractions.Requests;
using Custodian.Privacy.Declarations;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Privacy.Requests;

/// <summary>
/// The kernel's own personal data as a provider: the consent ledger and data-subject requests (a restriction in
/// force shows as the records' restricted flag). They
/// are records of what happened, kept as proof for the limitation period (three years: Finnish Limitation Act
/// 728/2003 s. 4, Civil Code of the RF art. 196), so erasure withdraws consents and keeps the history held until then.
/// </summary>
public sealed class KernelDataProvider(PrivacyDb db, RegisterCatalog registers, IConsentLedger consents, IPersonalDataVault vault, TimeProvider clock) : IPersonalDataProvider
{
    public const string ProviderName = "privacy-kernel";

    /// <summary>How long records of consents and requests are kept as proof.</summary>
    public static readonly Period ProofPeriod = new(3, 0, 0);

    public string Name => ProviderName;

    public IReadOnlyCollection<string> Registers => [.. registers.Registers.Select(r => r.Id)];

    public async Task<IReadOnlyList<SubjectId>> FindSubjectsAsync(IReadOnlyList<SubjectIdentifier> identifiers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identifiers);
        var emails = identifiers.Where(i => i.Type == IdentifierType.Email).Select(i => i.BlindIndex).ToList();
        var found = new List<SubjectId>();
        foreach (var index in emails)
        {
            found.AddRange((await db.Requests.AsNoTracking().Where(r => r.ContactEmailIndex == index && r.SubjectId != null).Select(r => r.SubjectId!.Value).Distinct().ToListAsync(cancellationToken)).Select(id => new SubjectId(id)));
        }

        return [.. found.Distinct()];
    }

    public async Task<IReadOnlyList<ExportedRecord>> ExportAsync(SubjectId subject, string registerId, CancellationToken cancellationToken)
    {
        var restricted = await db.Restrictions.AsNoTracking().AnyAsync(r => r.SubjectId == subject.Value && r.Register == registerId && r.Scope == "all" && r.LiftedAtUtc == null, cancellationToken);
        var records = new List<ExportedRecord>();
        foreach (var consent in await db.Consents.AsNoTracking().Where(c => c.SubjectId == subject.Value && c.Register == registerId).OrderBy(c => c.RecordedAtUtc).ToListAsync(cancellationToken))
        {
            records.Add(new ExportedRecord(new RecordRef(registerId, "consent", consent.Id.ToString("N")),
            [
                new("purpose", consent.Purpose), new("given", consent.Given ? "given" : "withdrawn"), new("recorded_at", Utc(consent.RecordedAtUtc)),
                new("channel", consent.Channel), new("evidence_reference", consent.EvidenceReference), new("notice_hash", consent.NoticeHash),
            ], restricted));
        }

        foreach (var request in await db.Requests.AsNoTracking().Where(r => r.SubjectId == subject.Value && r.Register == registerId).OrderBy(r => r.ReceivedAtUtc).ToListAsync(cancellationToken))
        {
            var email = await vault.OpenAsync(request.ContactEmail, RequestFields.ContactEmail(request.Id), cancellationToken);
            records.Add(new ExportedRecord(new RecordRef(registerId, "request", request.Reference),
            [
                new("kind", request.Kind.ToString()), new("status", request.Status.ToString()), new("received_on", Day(request.ReceivedOn)), new("due_on", Day(request.DueOn)),
                new("requester_email", email.IsErased ? null : email.Value), new("completed_at", request.CompletedAtUtc is { } done ? Utc(done) : null), new("outcome", request.Outcome),
            ], restricted));
        }

        return records;
    }

    public Task<RectificationResult> RectifyAsync(SubjectId subject, RecordRef record, string field, string value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Task.FromResult(record.RecordType is "consent" or "request"
            ? new RectificationResult(RectificationOutcome.NoSuchField, "Consent and request records are a history of what happened; they are not rectified. Correct the data in the service's own records.")
            : new RectificationResult(RectificationOutcome.NoSuchRecord, "Not a record of the privacy kernel."));
    }

    public Task<IReadOnlyList<LegalHold>> HoldsAsync(SubjectId subject, string registerId, CancellationToken cancellationToken) =>
        HoldsAsync([subject], registerId, cancellationToken);

    public async Task<IReadOnlyList<LegalHold>> HoldsAsync(IReadOnlyCollection<SubjectId> subjects, string registerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subjects);
        var ids = subjects.Select(s => s.Value).ToList();
        var listed = ids.ToHashSet();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var since = clock.GetUtcNow().UtcDateTime.AddYears(-ProofPeriod.Years).AddDays(-1);
        var holds = new List<LegalHold>();
        var consentRows = db.Consents.AsNoTracking().Where(c => c.Register == registerId && c.RecordedAtUtc >= since).Select(c => new { c.Id, c.SubjectId, c.RecordedAtUtc });
        var consents = await ReadAllIfFewerAsync(listed.Count, consentRows, cancellationToken) is { } allConsents
            ? allConsents.Where(c => listed.Contains(c.SubjectId)).ToList()
            : await consentRows.Where(c => EF.Parameter(ids).Contains(c.SubjectId)).ToListAsync(cancellationToken);
        foreach (var consent in consents)
        {
            var until = KeptUntil(consent.RecordedAtUtc);
            if (until >= today)
            {
                holds.Add(new LegalHold(new RecordRef(registerId, "consent", consent.Id.ToString("N")), HoldReason.ConsentProof,
                    "The record that consent was given or withdrawn is kept as proof (GDPR art. 7(1); 152-FZ art. 9 part 3) for the limitation period; nothing is processed on it.", until));
            }
        }

        var requestRows = db.Requests.AsNoTracking().Where(r => r.SubjectId != null && r.Register == registerId)
            .Select(r => new { SubjectId = r.SubjectId!.Value, r.Reference, r.Status, r.ReceivedAtUtc, r.CompletedAtUtc });
        var requests = await ReadAllIfFewerAsync(listed.Count, requestRows, cancellationToken) is { } allRequests
            ? allRequests.Where(r => listed.Contains(r.SubjectId)).ToList()
            : await requestRows.Where(r => EF.Parameter(ids).Contains(r.SubjectId)).ToListAsync(cancellationToken);
        foreach (var request in requests)
        {
            var open = request.Status is not (RequestStatus.Completed or RequestStatus.Refused);
            var until = KeptUntil(request.CompletedAtUtc ?? request.ReceivedAtUtc);
            if (open || until >= today)
            {
                holds.Add(new LegalHold(new RecordRef(registerId, "request", request.Reference), HoldReason.RequestRecord,
                    "The record of your request and how it was answered is kept to show it was handled as the law requires (GDPR art. 5(2); 152-FZ art. 22.1), for the limitation period.", open ? null : until));
            }
        }

        return holds;
    }

    public async Task<ErasureResult> EraseAsync(SubjectId subject, string registerId, CancellationToken cancellationToken)
    {
        // Erasure ends every consent-based processing in the registerId at once.
        foreach (var state in (await consents.CurrentAsync(subject, cancellationToken)).Where(s => s.Given && s.Purpose.Register == registerId))
        {
            await consents.WithdrawAsync(subject, state.Purpose, new ConsentEvidence(ConsentChannel.Operator, "erasure request"), cancellationToken);
        }

        var holds = await HoldsAsync(subject, registerId, cancellationToken);
        var held = holds.Select(h => h.Record.RecordId).ToHashSet(StringComparer.Ordinal);
        var expiredConsents = (await db.Consents.Where(c => c.SubjectId == subject.Value && c.Register == registerId).ToListAsync(cancellationToken))
            .Where(c => !held.Contains(c.Id.ToString("N"))).ToList();
        var expiredRequests = (await db.Requests.Where(r => r.SubjectId == subject.Value && r.Register == registerId).ToListAsync(cancellationToken))
            .Where(r => !held.Contains(r.Reference)).ToList();
        db.Consents.RemoveRange(expiredConsents);
        db.Requests.RemoveRange(expiredRequests);
        await db.SaveChangesAsync(cancellationToken);
        if (holds.Count > 0)
        {
            await RestrictAsync(subject, registerId, true, cancellationToken);
        }

        return new ErasureResult(expiredConsents.Count + expiredRequests.Count, 0, holds);
    }

    public async Task<int> RestrictAsync(SubjectId subject, string registerId, bool restricted, CancellationToken cancellationToken)
    {
        var active = await db.Restrictions.Where(r => r.SubjectId == subject.Value && r.Register == registerId && r.Scope == "all" && r.LiftedAtUtc == null).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (restricted && active.Count == 0)
        {
            db.Restrictions.Add(new RestrictionRecord { Id = Guid.CreateVersion7(), SubjectId = subject.Value, Register = registerId, Scope = "all", SinceUtc = now });
        }
        else if (!restricted)
        {
            active.ForEach(r => r.LiftedAtUtc = now);
        }

        await db.SaveChangesAsync(cancellationToken);
        return restricted ? 1 : active.Count;
    }

    /// <summary>
    /// A retention batch asks about tens of thousands of subjects at once while the kernel keeps records for far fewer:
    /// then reading the register's rows and matching them in memory is much cheaper than one index probe per listed
    /// subject (bench/RESULTS.md). Returns null when the listed subjects are few or the rows are more.
    /// </summary>
    private static async Task<List<T>?> ReadAllIfFewerAsync<T>(int listed, IQueryable<T> rows, CancellationToken cancellationToken) =>
        listed >= 1000 && await rows.CountAsync(cancellationToken) <= listed ? await rows.ToListAsync(cancellationToken) : null;

    private static DateOnly KeptUntil(DateTime fromUtc) => DateOnly.FromDateTime(ProofPeriod.After(new DateTimeOffset(fromUtc, TimeSpan.Zero)).UtcDateTime);

    private static string Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Day(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>Field addresses of the request table's encrypted columns (bound into the ciphertext).</summary>
internal static class RequestFields
{
    public static FieldAddress ContactEmail(Guid request) => new("privacy_requests", "requester_email", request.ToString("N"));

    public static FieldAddress Details(Guid request) => new("privacy_requests", "request_details", request.ToString("N"));

    public static FieldAddress Package(Guid request) => new("privacy_requests", "request_package", request.ToString("N"));

    public static readonly KeyScope Scope = KeyScope.Purpose("privacy-kernel", "data-subject-requests");
}
