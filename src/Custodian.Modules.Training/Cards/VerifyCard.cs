using Custodian.Modules.Training.Staff;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Abstractions.Time;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Training.Cards;

internal enum CardStanding
{
    Valid,
    Expired,
    Revoked,
}

/// <summary>What the public verification page may show: initials, the card type, validity and standing. Nothing else.</summary>
internal sealed record CardVerification(string Initials, string CardFi, string CardEn, DateOnly? ValidUntil, CardStanding Standing);

/// <summary>
/// The public check of a card by its verification code, for an employer or a site supervisor: only initials, card type
/// and validity; an unknown or malformed code finds nothing (and says no more than that).
/// </summary>
internal sealed class VerifyCard(TrainingDb db, IPersonalDataVault vault, TimeProvider clock)
{
    public async Task<CardVerification?> VerifyAsync(string? typed, CancellationToken cancellationToken)
    {
        if (VerificationCodes.Parse(typed) is not { } code)
        {
            return null;
        }

        var found = await (from c in db.Certificates.AsNoTracking()
                           join t in db.CardTypes.AsNoTracking() on c.CardTypeKey equals t.Key
                           join p in db.Trainees.AsNoTracking() on c.TraineeId equals p.Id
                           where c.VerificationCode == code
                           select new { c.ValidUntil, c.RevokedAtUtc, t.NameFi, t.NameEn, p }).FirstOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        var first = (await vault.OpenAsync(found.p.FirstName, TrainingFields.Trainee("first_name", found.p.Id), cancellationToken)).ValueOr(string.Empty);
        var last = (await vault.OpenAsync(found.p.LastName, TrainingFields.Trainee("last_name", found.p.Id), cancellationToken)).ValueOr(string.Empty);
        var today = LocalDays.Helsinki(clock.GetUtcNow());
        var standing = found.RevokedAtUtc is not null ? CardStanding.Revoked
            : found.ValidUntil is { } until && until < today ? CardStanding.Expired
            : CardStanding.Valid;
        return new CardVerification(Initials(first, last), found.NameFi, found.NameEn, found.ValidUntil, standing);
    }

    /// <summary>"Matti Meikäläinen" → "M. M."; an erased name gives no initials.</summary>
    public static string Initials(string first, string last) =>
        string.Join(" ", new[] { first, last }.Select(n => n.Trim()).Where(n => n.Length > 0).Select(n => char.ToUpperInvariant(n[0]) + "."));
}
