using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Training.Catalogue;

/// <summary><c>GET /api/training/sessions</c>: the upcoming sessions open for enrolment, soonest first, with card type, place, times (UTC) and seats left.</summary>
internal static class PublicSessionList
{
    public sealed record CardType(string Key, string NameFi, string NameEn, int? ValidityMonths);

    public sealed record Session(Guid SessionId, string CourseFi, string CourseEn, CardType CardType, string Place, DateTime StartsAt, DateTime EndsAt, int Capacity, int SeatsLeft, decimal Price, string Currency);

    public static RouteGroupBuilder MapPublicSessionList(this RouteGroupBuilder group)
    {
        group.MapGet("/sessions", async Task<Results<Ok<IReadOnlyList<Session>>, ValidationProblem>> (UpcomingSessions upcoming, TrainingDb db, string? cardType, CancellationToken cancellationToken) =>
        {
            var wanted = string.IsNullOrWhiteSpace(cardType) ? null : cardType.Trim();
            if (wanted is not null && !(CardTypeRecord.IsWellFormedKey(wanted) && await db.CardTypes.AnyAsync(c => c.Key == wanted, cancellationToken)))
            {
                var known = await db.CardTypes.AsNoTracking().Select(c => c.Key).ToListAsync(cancellationToken);
                return TypedResults.ValidationProblem(
                    new Dictionary<string, string[]> { ["cardType"] = [$"Unknown card type; use one of: {string.Join(", ", known.Order(StringComparer.Ordinal))}."] },
                    title: "The card type is not in the catalogue.");
            }

            return TypedResults.Ok<IReadOnlyList<Session>>([.. (await upcoming.ListAsync(cancellationToken, wanted)).Select(s => new Session(
                s.SessionId, s.CourseFi, s.CourseEn, new CardType(s.CardTypeKey, s.CardFi, s.CardEn, s.ValidityMonths), s.Place,
                DateTime.SpecifyKind(s.StartsAtUtc, DateTimeKind.Utc), DateTime.SpecifyKind(s.EndsAtUtc, DateTimeKind.Utc), s.Capacity, s.SeatsLeft, s.Price, s.Currency))]);
        })
            .AllowAnonymous()
            .WithName("ListTrainingSessions")
            .WithSummary("Upcoming course sessions open for enrolment (optionally of one card type): card type, place, start and end (UTC), seats left, price without VAT.");
        return group;
    }
}
