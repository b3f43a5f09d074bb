using Custodian.Modules.Training.Staff;
using Custodian.Privacy.Abstractions.Audit;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Training.Catalogue;

/// <summary>
/// The registrar changes a card type's validity (in months, or none) when the card authority changes it: data, not a
/// release. Cards issued already keep the validity they were issued with.
/// </summary>
internal sealed class EditCardType(TrainingDb db, IAuditLog audit)
{
    public async Task SetValidityAsync(TrainingStaff staff, string? cardTypeKey, int? validityMonths, CancellationToken cancellationToken)
    {
        staff.RequireRegistrar();
        if (validityMonths is not null and not (> 0 and <= 240))
        {
            throw new TrainingInputException("validityMonths", "Enter the validity in months (1–240), or leave it empty for a card that does not expire.");
        }

        var card = (CardTypeRecord.IsWellFormedKey(cardTypeKey) ? await db.CardTypes.FirstOrDefaultAsync(c => c.Key == cardTypeKey, cancellationToken) : null) ?? throw new TrainingInputException("cardType", "Choose a card type from the list.");
        card.ValidityMonths = validityMonths;
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(new AuditEvent(TrainingAudit.Actor(staff.Account), "training set card validity " + card.Key, Register: TrainingModule.Register), cancellationToken);
    }
}
