using Custodian.Privacy.Abstractions.Protection;

namespace Custodian.Privacy.Abstractions.Consent;

public enum ConsentChannel
{
    WebForm,
    Telegram,
    Email,
    Paper,
    Operator,
    Api,
}

/// <summary>How the consent was given or withdrawn: channel and a reference (form submission id, paper document number).</summary>
public sealed record ConsentEvidence(ConsentChannel Channel, string Reference);

/// <summary>A purpose of a register, as declared (e.g. training / marketing).</summary>
public sealed record ConsentPurpose(string Register, string Purpose)
{
    public override string ToString() => $"{Register}/{Purpose}";
}

/// <summary>One entry of the append-only ledger.</summary>
public sealed record ConsentEvent(ConsentPurpose Purpose, bool Given, DateTimeOffset At, string NoticeHash, ConsentEvidence Evidence);

/// <summary>The current state of one purpose, derived from the latest event.</summary>
public sealed record ConsentState(ConsentPurpose Purpose, bool Given, DateTimeOffset Since, string NoticeHash);

/// <summary>Consents per subject and purpose, append-only. Withdrawal takes effect at once for that purpose.</summary>
public interface IConsentLedger
{
    /// <summary>Records consent to a purpose whose legal basis is consent; <paramref name="noticeText"/> is the exact text shown.</summary>
    Task<ConsentEvent> GiveAsync(SubjectId subject, ConsentPurpose purpose, string noticeText, ConsentEvidence evidence, CancellationToken cancellationToken);

    Task<ConsentEvent> WithdrawAsync(SubjectId subject, ConsentPurpose purpose, ConsentEvidence evidence, CancellationToken cancellationToken);

    Task<bool> HasConsentAsync(SubjectId subject, ConsentPurpose purpose, CancellationToken cancellationToken);

    Task<IReadOnlyList<ConsentState>> CurrentAsync(SubjectId subject, CancellationToken cancellationToken);

    Task<IReadOnlyList<ConsentEvent>> HistoryAsync(SubjectId subject, CancellationToken cancellationToken);
}
