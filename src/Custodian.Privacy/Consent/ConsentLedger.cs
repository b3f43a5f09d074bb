using System.Security.Cryptography;
using System.Text;
using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Consent;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Declarations;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Privacy.Consent;

/// <summary>
/// The ledger over <c>privacy_consents</c>. Only purposes declared with consent as their legal basis take consent;
/// the current state of a purpose is its latest event, so a withdrawal counts from the moment it is recorded.
/// </summary>
public sealed class ConsentLedger(PrivacyDb db, RegisterCatalog registers, IAuditLog audit, ICurrentActor actor, TimeProvider clock) : IConsentLedger
{
    private static readonly HashSet<string> ConsentBases = new(StringComparer.Ordinal) { "gdpr-6-1-a", "152fz-6-1-1", "gdpr-9-2-a", "152fz-10-2-1" };

    public Task<ConsentEvent> GiveAsync(SubjectId subject, ConsentPurpose purpose, string noticeText, ConsentEvidence evidence, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(noticeText);
        return RecordAsync(subject, purpose, given: true, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(noticeText))), evidence, cancellationToken);
    }

    public async Task<ConsentEvent> WithdrawAsync(SubjectId subject, ConsentPurpose purpose, ConsentEvidence evidence, CancellationToken cancellationToken)
    {
        var latest = await Latest(subject, purpose).FirstOrDefaultAsync(cancellationToken);
        return await RecordAsync(subject, purpose, given: false, latest?.NoticeHash ?? string.Empty, evidence, cancellationToken);
    }

    public async Task<bool> HasConsentAsync(SubjectId subject, ConsentPurpose purpose, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        return (await Latest(subject, purpose).Select(c => (bool?)c.Given).FirstOrDefaultAsync(cancellationToken)) == true;
    }

    public async Task<IReadOnlyList<ConsentState>> CurrentAsync(SubjectId subject, CancellationToken cancellationToken) =>
        (await HistoryAsync(subject, cancellationToken))
            .GroupBy(e => e.Purpose)
            .Select(g => g.Last())
            .Select(e => new ConsentState(e.Purpose, e.Given, e.At, e.NoticeHash))
            .ToList();

    public async Task<IReadOnlyList<ConsentEvent>> HistoryAsync(SubjectId subject, CancellationToken cancellationToken) =>
        (await db.Consents.AsNoTracking().Where(c => c.SubjectId == subject.Value).OrderBy(c => c.RecordedAtUtc).ThenBy(c => c.Id).ToListAsync(cancellationToken))
            .Select(ToEvent)
            .ToList();

    private IQueryable<ConsentRecord> Latest(SubjectId subject, ConsentPurpose purpose) =>
        db.Consents.AsNoTracking()
            .Where(c => c.SubjectId == subject.Value && c.Register == purpose.Register && c.Purpose == purpose.Purpose)
            .OrderByDescending(c => c.RecordedAtUtc)
            .ThenByDescending(c => c.Id);

    private async Task<ConsentEvent> RecordAsync(SubjectId subject, ConsentPurpose purpose, bool given, string noticeHash, ConsentEvidence evidence, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        ArgumentNullException.ThrowIfNull(evidence);
        var declared = registers.Find(purpose.Register)?.Purposes.FirstOrDefault(p => p.Id == purpose.Purpose)
            ?? throw new ArgumentException($"{purpose} is not a declared purpose.", nameof(purpose));
        if (!ConsentBases.Contains(declared.LegalBasis.Code) && declared.SpecialCategoryBasis?.Code is not ("gdpr-9-2-a" or "152fz-10-2-1"))
        {
            throw new ArgumentException($"{purpose} is based on {declared.LegalBasis.Code}, not on consent; consent is neither asked nor recorded for it.", nameof(purpose));
        }

        if (evidence.Reference.Length is 0 or > 200)
        {
            throw new ArgumentException("The evidence reference must be 1 to 200 characters.", nameof(evidence));
        }

        // Events are ordered by their recorded time; a v7 id alone is random within one millisecond. The time is kept
        // in whole microseconds (PostgreSQL's resolution) and strictly after the previous event of the same purpose,
        // so a give and a withdrawal in the same instant (or on instances whose clocks differ) keep their order.
        var now = clock.GetUtcNow().UtcDateTime;
        now = now.AddTicks(-(now.Ticks % 10));
        var previous = await Latest(subject, purpose).Select(c => (DateTime?)c.RecordedAtUtc).FirstOrDefaultAsync(cancellationToken);
        var recordedAt = previous is { } last && last >= now ? last.AddTicks(10) : now;
        var record = new ConsentRecord
        {
            Id = Guid.CreateVersion7(new DateTimeOffset(recordedAt, TimeSpan.Zero)),
            SubjectId = subject.Value,
            Register = purpose.Register,
            Purpose = purpose.Purpose,
            Given = given,
            NoticeHash = noticeHash,
            Channel = DeclarationNames.Of(evidence.Channel),
            EvidenceReference = evidence.Reference,
            RecordedAtUtc = recordedAt,
        };
        db.Consents.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(new AuditEvent(actor.Actor, given ? "consent.give" : "consent.withdraw", subject, purpose.Register, purpose.Purpose, actor.RequestId), cancellationToken);
        return ToEvent(record);
    }

    private static ConsentEvent ToEvent(ConsentRecord record) => new(
        new ConsentPurpose(record.Register, record.Purpose),
        record.Given,
        new DateTimeOffset(DateTime.SpecifyKind(record.RecordedAtUtc, DateTimeKind.Utc)),
        record.NoticeHash,
        new ConsentEvidence(Enum.Parse<ConsentChannel>(record.Channel.Replace("-", "", StringComparison.Ordinal), ignoreCase: true), record.EvidenceReference));
}
