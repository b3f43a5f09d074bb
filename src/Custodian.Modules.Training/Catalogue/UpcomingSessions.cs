using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Training.Catalogue;

/// <summary>Sessions that have not started and are not cancelled, soonest first, with their course, card type and seats left.</summary>
internal sealed class UpcomingSessions(TrainingDb db, TimeProvider clock)
{
    public sealed record Item(Guid SessionId, Guid CourseId, string CourseFi, string CourseEn, string CardTypeKey, string CardFi, string CardEn, int? ValidityMonths,
        DateTime StartsAtUtc, DateTime EndsAtUtc, string Place, int Capacity, int SeatsTaken, decimal Price, string Currency)
    {
        public int SeatsLeft => Math.Max(0, Capacity - SeatsTaken);
    }

    public async Task<IReadOnlyList<Item>> ListAsync(CancellationToken cancellationToken, string? cardType = null)
    {
        cardType = string.IsNullOrWhiteSpace(cardType) ? null : cardType;
        if (cardType is not null && !CardTypeRecord.IsWellFormedKey(cardType))
        {
            return [];
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var query = from s in db.Sessions.AsNoTracking()
                    join c in db.Courses.AsNoTracking() on s.CourseId equals c.Id
                    join t in db.CardTypes.AsNoTracking() on c.CardTypeKey equals t.Key
                    where s.StartsAtUtc > now && s.CancelledAtUtc == null && c.Active && (cardType == null || t.Key == cardType)
                    select new Item(s.Id, c.Id, c.NameFi, c.NameEn, t.Key, t.NameFi, t.NameEn, t.ValidityMonths, s.StartsAtUtc, s.EndsAtUtc, s.Place, s.Capacity, s.SeatsTaken, c.Price, c.Currency);
        // Ordered in memory: SQLite cannot order by a DateTime column EF maps to text the same way on every provider.
        var items = await query.ToListAsync(cancellationToken);
        return [.. items.OrderBy(i => i.StartsAtUtc).ThenBy(i => i.CourseFi, StringComparer.Ordinal)];
    }
}
