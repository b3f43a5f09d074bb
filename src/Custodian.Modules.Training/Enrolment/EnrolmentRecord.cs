using Custodian.Privacy.Abstractions.Protection;

namespace Custodian.Modules.Training.Enrolment;

/// <summary>
/// A person's place in a session (<c>training_enrolments</c>), from the web form, the API, or an employer's group
/// enrolment. At most one live (not cancelled) enrolment per person and session: a partial unique index holds that
/// even against parallel requests. Company and position are encrypted under the trainee's key.
/// </summary>
internal sealed class EnrolmentRecord
{
    public Guid Id { get; set; }

    public Guid SessionId { get; set; }

    public Guid TraineeId { get; set; }

    /// <summary>The reference the person is given (e.g. <c>K7F3-Q2MA</c>); unguessable enough to say on the phone, not a secret.</summary>
    public string Reference { get; set; } = string.Empty;

    public EnrolmentStatus Status { get; set; }

    /// <summary>Who gave the data: the person themself, or their employer's contact (both declared sources of the register).</summary>
    public EnrolmentSource Source { get; set; }

    /// <summary>The employer that enrolled the person or pays for the course, when there is one.</summary>
    public Guid? EmployerId { get; set; }

    public Encrypted<string>? CompanyName { get; set; }

    /// <summary>The company's Y-tunnus: a business identifier, not personal data.</summary>
    public string? CompanyBusinessId { get; set; }

    public Encrypted<string>? Position { get; set; }

    /// <summary>The answer to the separate, unticked marketing question on the form.</summary>
    public bool MarketingConsent { get; set; }

    /// <summary>SHA-256 of the cancellation link's token (the token itself only travels in the confirmation mail).</summary>
    public byte[] CancelTokenHash { get; set; } = [];

    /// <summary>The client's idempotency key (the form's one-time token), so a double-submitted form enrols once.</summary>
    public string? SubmissionKey { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? CancelledAtUtc { get; set; }

    /// <summary>When a waitlisted enrolment got a seat.</summary>
    public DateTime? PromotedAtUtc { get; set; }

    /// <summary>Attendance as the trainer recorded it: null until recorded.</summary>
    public bool? Attended { get; set; }

    public string? AttendanceRecordedBy { get; set; }

    /// <summary>The identity check at the course: who checked, when, and the kind of document (never its number).</summary>
    public string? IdentityCheckedBy { get; set; }

    public DateTime? IdentityCheckedAtUtc { get; set; }

    public IdentityDocument? IdentityDocument { get; set; }

    /// <summary>Optimistic concurrency: every change bumps it, a stale edit stores nothing.</summary>
    public int Version { get; set; }

    public const string Table = "training_enrolments";
}

internal enum EnrolmentStatus
{
    Enrolled,
    Waitlisted,
    Cancelled,
}

internal enum EnrolmentSource
{
    Person,
    Employer,
}

/// <summary>The kind of ID paper seen at the course.</summary>
internal enum IdentityDocument
{
    Passport,
    IdentityCard,
    DrivingLicence,
    ResidencePermit,
}
