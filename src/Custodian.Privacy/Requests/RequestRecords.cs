using Custodian.Privacy.Abstractions.Protection;

namespace Custodian.Privacy.Requests;

/// <summary>The rights a subject exercises with a request (GDPR art. 15-22; 152-FZ art. 14, 20, 21).</summary>
public enum RequestKind
{
    Access,
    Portability,
    Rectification,
    Erasure,
    Restriction,
    Objection,
    ConsentWithdrawal,
}

/// <summary>received → verified → in progress → (extended) → completed / refused; processor registers: forwarded.</summary>
public enum RequestStatus
{
    Received,
    Verified,
    InProgress,
    Extended,
    Forwarded,
    Completed,
    Refused,
}

public enum RequestChannel
{
    WebForm,
    Api,
    Email,
    Telegram,
    Paper,
}

public enum VerificationMethod
{
    /// <summary>The subject was signed in to their account.</summary>
    SignedIn,

    /// <summary>The subject opened a confirmation link sent to the e-mail address the register holds.</summary>
    EmailLink,

    /// <summary>An operator checked identity (ID document seen, call back to the registered number...) and noted the evidence.</summary>
    OperatorCheck,
}

/// <summary>One data-subject request (<c>privacy_requests</c>). Contact details and free text are stored encrypted.</summary>
public sealed class RequestRecord
{
    public Guid Id { get; set; }

    /// <summary>Short reference given to the subject, e.g. <c>DSR-7K2M9QXA</c>.</summary>
    public string Reference { get; set; } = string.Empty;

    public string Register { get; set; } = string.Empty;

    public RequestKind Kind { get; set; }

    public RequestStatus Status { get; set; }

    public RequestChannel Channel { get; set; }

    public DateTime ReceivedAtUtc { get; set; }

    /// <summary>The day of receipt where the law applies (Helsinki for GDPR, Moscow for 152-FZ): deadlines count from it.</summary>
    public DateOnly ReceivedOn { get; set; }

    public DateOnly DueOn { get; set; }

    public string? ExtensionReason { get; set; }

    /// <summary>The subject the register knows under the given contact, once found.</summary>
    public Guid? SubjectId { get; set; }

    public Encrypted<string> ContactEmail { get; set; } = null!;

    public byte[] ContactEmailIndex { get; set; } = [];

    /// <summary>What the subject wrote (what to correct, grounds of an objection...).</summary>
    public Encrypted<string>? Details { get; set; }

    /// <summary>Language for answers to the subject (en, fi, ru).</summary>
    public string Language { get; set; } = "en";

    public VerificationMethod? VerifiedBy { get; set; }

    public string? VerificationEvidence { get; set; }

    public DateTime? VerifiedAtUtc { get; set; }

    /// <summary>Hash of the one-time e-mail confirmation token while one is outstanding.</summary>
    public byte[]? ConfirmationTokenHash { get; set; }

    public DateTime? CompletedAtUtc { get; set; }

    /// <summary>The answer to the subject: what was done, what is held and why, or the legal reason for refusal.</summary>
    public string? Outcome { get; set; }

    /// <summary>The result package (zip), encrypted, until downloaded or expired.</summary>
    public Encrypted<byte[]>? Package { get; set; }

    public string? PackageSha256 { get; set; }

    public byte[]? DownloadTokenHash { get; set; }

    public DateTime? DownloadExpiresAtUtc { get; set; }

    public DateTime? DownloadedAtUtc { get; set; }

    /// <summary>The signed receipt (canonical JSON) and its ECDSA P-256 signature, base64.</summary>
    public string? Receipt { get; set; }

    public string? ReceiptSignature { get; set; }

    public DateTime? ForwardedAtUtc { get; set; }

    public bool IsOpen => Status is not (RequestStatus.Completed or RequestStatus.Refused);
}

/// <summary>The timeline of a request (<c>privacy_request_events</c>): every status change and task, never personal data.</summary>
public sealed class RequestEventRecord
{
    public Guid Id { get; set; }

    public Guid RequestId { get; set; }

    public DateTime AtUtc { get; set; }

    public RequestStatus Status { get; set; }

    public string Actor { get; set; } = string.Empty;

    public string Note { get; set; } = string.Empty;
}

/// <summary>
/// A restriction of processing or an objection in force for a subject in a register (<c>privacy_restrictions</c>).
/// Scope <c>all</c> = only storage and legal claims; <c>objection:PURPOSE</c> = that purpose stops.
/// </summary>
public sealed class RestrictionRecord
{
    public Guid Id { get; set; }

    public Guid SubjectId { get; set; }

    public string Register { get; set; } = string.Empty;

    public string Scope { get; set; } = string.Empty;

    public DateTime SinceUtc { get; set; }

    public DateTime? LiftedAtUtc { get; set; }

    public string? RequestReference { get; set; }
}
