using Custodian.Modules.Training.Staff;
using Custodian.Privacy.Abstractions.Audit;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Training.Cards;

/// <summary>
/// The registrar revokes a card (issued in error, or its exam annulled): from then on the public check says "revoked",
/// no expiry reminder or campaign counts it, and the completion export and the employer's list leave it out. The reason
/// is one of a fixed list, never free text about the person; the card itself is kept as the record of what was issued.
/// </summary>
internal sealed class RevokeCard(TrainingDb db, IAuditLog audit, TimeProvider clock)
{
    /// <summary>Reasons the registrar can give, with the label staff see.</summary>
    public static readonly IReadOnlyList<(string Key, string Label)> Reasons =
    [
        ("issued-in-error", "Issued in error"),
        ("exam-annulled", "Exam result annulled"),
        ("replaced", "Replaced by a corrected card"),
    ];

    public static string ReasonLabel(string? key) => Reasons.FirstOrDefault(r => r.Key == key).Label ?? "—";

    /// <exception cref="TrainingInputException">No card on this enrolment, revoked already, or no reason from the list.</exception>
    /// <exception cref="TrainingNotFoundException">Not a registrar, or no such enrolment.</exception>
    public async Task RevokeAsync(TrainingStaff staff, Guid enrolmentId, string? reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staff);
        staff.RequireRegistrar();
        var reached = await staff.EnrolmentAsync(db, enrolmentId, cancellationToken);
        if (Reasons.All(r => r.Key != reason))
        {
            throw new TrainingInputException("reason", "Choose why the card is revoked.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        // One conditional UPDATE: of two registrars revoking at once, exactly one changes the card.
        var revoked = await db.Certificates.Where(c => c.EnrolmentId == enrolmentId && c.RevokedAtUtc == null)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.RevokedAtUtc, now).SetProperty(c => c.RevokedBy, staff.Account).SetProperty(c => c.RevocationReason, reason), cancellationToken);
        if (revoked == 0)
        {
            throw new TrainingInputException("enrolment", await db.Certificates.AnyAsync(c => c.EnrolmentId == enrolmentId, cancellationToken)
                ? "The card was revoked already." : "No card was issued for this course.");
        }

        await audit.AppendAsync(TrainingAudit.Event(staff, reached.Trainee, "revoke card"), cancellationToken);
    }
}
