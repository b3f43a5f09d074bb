using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Training.Marketing;

/// <summary>The unsubscribe link of a marketing mail, without signing in: the token names the message, the message its person and address.</summary>
internal sealed class Unsubscribe(TrainingDb db, IPersonalDataVault vault, StopMarketing stop)
{
    /// <summary>Whether the token is a real link (the page shows its button only then).</summary>
    public async Task<bool> IsValidAsync(string? token, CancellationToken cancellationToken) => await RecipientAsync(token, cancellationToken) is not null;

    /// <summary>Unsubscribes the link's person; false for a token that is not a real link.</summary>
    public async Task<bool> ConfirmAsync(string? token, CancellationToken cancellationToken)
    {
        if (await RecipientAsync(token, cancellationToken) is not { } recipient)
        {
            return false;
        }

        var subjects = await db.Trainees.AsNoTracking().Where(t => t.Id == recipient.TraineeId).Select(t => t.SubjectId).ToListAsync(cancellationToken);
        if (subjects is [var known])
        {
            await stop.StopAsync(known, recipient.EmailIndex, "unsubscribe-link", cancellationToken);
        }
        else
        {
            // The person's record is gone (erased); the address still must never get marketing again.
            await stop.SuppressAsync(recipient.EmailIndex, "unsubscribe-link", cancellationToken);
        }

        return true;
    }

    private async Task<CampaignRecipientRecord?> RecipientAsync(string? token, CancellationToken cancellationToken) =>
        UnsubscribeToken.Verify(vault, token) is { } id
            ? await db.CampaignRecipients.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken)
            : null;
}
