namespace Custodian.Modules.Training.Cards;

/// <summary>
/// A card or certificate issued to a trainee (<c>training_certificates</c>) after a passed exam. The verification code
/// is what the public page <c>/training/verify/{code}</c> takes: random, not derived from anything personal.
/// </summary>
internal sealed class CertificateRecord
{
    public Guid Id { get; set; }

    public Guid TraineeId { get; set; }

    public Guid EnrolmentId { get; set; }

    public string CardTypeKey { get; set; } = string.Empty;

    /// <summary>The provider's running number of the card (e.g. <c>TTK-2026-000123</c>).</summary>
    public string CertificateNumber { get; set; } = string.Empty;

    public string VerificationCode { get; set; } = string.Empty;

    public DateOnly IssuedOn { get; set; }

    /// <summary>The last valid day; null for a card that does not expire.</summary>
    public DateOnly? ValidUntil { get; set; }

    public string IssuedBy { get; set; } = string.Empty;

    public DateTime IssuedAtUtc { get; set; }

    /// <summary>When the expiry reminder was mailed (at most once per card).</summary>
    public DateTime? ReminderSentAtUtc { get; set; }

    /// <summary>When the registrar revoked the card (e.g. issued in error); a revoked card never verifies.</summary>
    public DateTime? RevokedAtUtc { get; set; }

    /// <summary>The registrar who revoked it.</summary>
    public string? RevokedBy { get; set; }

    /// <summary>Why, as a key of <see cref="RevokeCard.Reasons"/> (never free text about the person).</summary>
    public string? RevocationReason { get; set; }

    public const string Table = "training_certificates";
}
