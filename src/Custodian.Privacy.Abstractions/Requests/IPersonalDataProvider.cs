using Custodian.Privacy.Abstractions.Identifiers;
using Custodian.Privacy.Abstractions.Protection;

namespace Custodian.Privacy.Abstractions.Requests;

/// <summary>One record a module holds about a subject: register, kind of record (its table) and id.</summary>
public sealed record RecordRef(string Register, string RecordType, string RecordId)
{
    public override string ToString() => $"{Register}/{RecordType}/{RecordId}";
}

/// <summary>An identifier a subject gave (e-mail, phone, HETU...), as its blind index: providers never see it in clear.</summary>
public sealed record SubjectIdentifier(IdentifierType Type, byte[] BlindIndex);

/// <summary>One field of an exported record: the declared field name (the kernel adds the declared label), and its value.</summary>
public sealed record ExportedField(string Name, string? Value);

/// <summary>A subject's record as exported: every field in clear, and whether processing of it is restricted.</summary>
public sealed record ExportedRecord(RecordRef Record, IReadOnlyList<ExportedField> Fields, bool Restricted);

/// <summary>Why a record must stay although the subject asked for erasure.</summary>
public enum HoldReason
{
    /// <summary>An invoice is open: the contract is not settled.</summary>
    OpenInvoice,

    /// <summary>Accounting records are kept by law (Finnish Accounting Act 2:10; RF 402-FZ art. 29).</summary>
    AccountingRetention,

    /// <summary>An authority's process or a debt collection is ongoing.</summary>
    AuthorityProcess,

    /// <summary>An exam record is kept as proof of the certificate issued.</summary>
    ExamProof,

    /// <summary>Proof that consent was given and withdrawn (GDPR art. 7(1), 152-FZ art. 9 part 3).</summary>
    ConsentProof,

    /// <summary>The record of a data-subject request and how it was handled (accountability, GDPR art. 5(2)).</summary>
    RequestRecord,

    /// <summary>Needed for the establishment, exercise or defence of legal claims.</summary>
    LegalClaims,
}

/// <summary>A record that stays (restricted) with the reason, in words a subject can read, and until when if known.</summary>
public sealed record LegalHold(RecordRef Record, HoldReason Reason, string Explanation, DateOnly? Until);

/// <summary>What an erasure did: records deleted, records anonymised, and records held with their reasons.</summary>
public sealed record ErasureResult(int Erased, int Anonymised, IReadOnlyList<LegalHold> Held);

public enum RectificationOutcome
{
    Rectified,
    NoSuchRecord,
    NoSuchField,
    InvalidValue,
}

public sealed record RectificationResult(RectificationOutcome Outcome, string? Reason = null);

/// <summary>
/// What every module that stores personal data implements so data-subject requests reach all of it. The kernel
/// calls each provider for every request; a provider answers only for its own registers. Contract tests
/// (<c>PersonalDataProviderContract</c> in Custodian.Testing) prove a provider keeps these promises.
/// </summary>
/// <remarks>
/// <para>
/// The subject's data key (<c>KeyScope.Subject</c>) belongs to the kernel: a provider never destroys it. One subject
/// key encrypts the subject's data in every register and module, so only the kernel, which asks every provider and
/// sees every legal hold, can tell that nothing readable must remain. After an erasure request the kernel destroys
/// the key (crypto-shredding) exactly once, when the register declares a crypto-shred category, no module provider
/// reported a held record, and no module provider still exports anything of the subject in any register (the kernel's
/// own records of consents and requests are kept under its own key, not the subject's); otherwise the key
/// stays so the held records remain readable. Providers only erase what is not held and report what they erased
/// and held (<see cref="EraseAsync"/>). Keys of a module's own scopes (a tenant or account scope, such as a
/// marketplace account's keys) are the module's to destroy.
/// </para>
/// </remarks>
public interface IPersonalDataProvider
{
    /// <summary>A stable name for task lists and audit entries, e.g. <c>training</c>.</summary>
    string Name { get; }

    /// <summary>The register ids whose data this provider holds.</summary>
    IReadOnlyCollection<string> Registers { get; }

    /// <summary>Subjects whose records carry any of these identifiers (blind-index equality).</summary>
    Task<IReadOnlyList<SubjectId>> FindSubjectsAsync(IReadOnlyList<SubjectIdentifier> identifiers, CancellationToken cancellationToken);

    /// <summary>Every record of the subject in the register with all personal fields in clear (erased values read as null).</summary>
    Task<IReadOnlyList<ExportedRecord>> ExportAsync(SubjectId subject, string registerId, CancellationToken cancellationToken);

    /// <summary>Sets one declared field of one of the subject's records to a corrected value.</summary>
    Task<RectificationResult> RectifyAsync(SubjectId subject, RecordRef record, string field, string value, CancellationToken cancellationToken);

    /// <summary>The subject's records in the register that must not be erased now, with reasons.</summary>
    Task<IReadOnlyList<LegalHold>> HoldsAsync(SubjectId subject, string registerId, CancellationToken cancellationToken);

    /// <summary>Holds of many subjects at once (retention sweeps); by default one subject at a time, override with one query.</summary>
    async Task<IReadOnlyList<LegalHold>> HoldsAsync(IReadOnlyCollection<SubjectId> subjects, string registerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subjects);
        var holds = new List<LegalHold>();
        foreach (var subject in subjects)
        {
            holds.AddRange(await HoldsAsync(subject, registerId, cancellationToken));
        }

        return holds;
    }

    /// <summary>
    /// Deletes or anonymises (as declared) every record of the subject in the register that is not held; held records
    /// are restricted and reported. Afterwards <see cref="ExportAsync"/> returns only held records. Does not destroy
    /// the subject's key: the kernel decides that from every provider's answer (see the remarks on this interface).
    /// </summary>
    Task<ErasureResult> EraseAsync(SubjectId subject, string registerId, CancellationToken cancellationToken);

    /// <summary>Marks (or unmarks) the subject's records in the register so only storage and legal claims may use them. Returns how many.</summary>
    Task<int> RestrictAsync(SubjectId subject, string registerId, bool restricted, CancellationToken cancellationToken);
}
