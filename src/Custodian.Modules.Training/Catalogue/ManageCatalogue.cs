using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Training.Catalogue;

/// <summary>The registrar's catalogue: card types (data, with their validity), courses leading to them, and sessions of a course.</summary>
internal sealed class ManageCatalogue(TrainingDb db, TimeProvider clock)
{
    /// <summary>The card types of Finnish safety-card training, with the validity each card authority gives them.</summary>
    public static readonly IReadOnlyList<CardTypeRecord> StandardCardTypes =
    [
        new() { Key = "tyoturvallisuuskortti", NameFi = "Työturvallisuuskortti", NameEn = "Occupational safety card", ValidityMonths = 60, Authority = "Työturvallisuuskeskus TTK" },
        new() { Key = "tulityokortti", NameFi = "Tulityökortti", NameEn = "Hot work card", ValidityMonths = 60, Authority = "Suomen Palopäällystöliitto / Finanssiala" },
        new() { Key = "tieturvakortti-1", NameFi = "Tieturvakortti 1", NameEn = "Road safety card 1", ValidityMonths = 60, Authority = "Väylävirasto" },
        new() { Key = "tieturvakortti-2", NameFi = "Tieturvakortti 2", NameEn = "Road safety card 2", ValidityMonths = 60, Authority = "Väylävirasto" },
        new() { Key = "sahkotyoturvallisuuskortti", NameFi = "Sähkötyöturvallisuuskortti", NameEn = "Electrical safety card", ValidityMonths = 60, Authority = "Sähkösuunnittelu- ja sähköalan koulutusyhdistys STUL" },
        new() { Key = "ea1", NameFi = "Ensiapukortti EA 1", NameEn = "First aid EA 1", ValidityMonths = 36, Authority = "Suomen Punainen Risti" },
        new() { Key = "hygieniapassi", NameFi = "Hygieniapassi", NameEn = "Hygiene passport", ValidityMonths = null, Authority = "Ruokavirasto" },
    ];

    public sealed record CourseInput(string CardTypeKey, string NameFi, string NameEn, string DescriptionFi, string DescriptionEn, decimal Price, decimal Hours);

    public sealed record SessionInput(Guid CourseId, DateTime StartsAtUtc, DateTime EndsAtUtc, string Place, int Capacity, string? TrainerAccount);

    /// <summary>Adds the standard card types that are missing; returns how many it added.</summary>
    public async Task<int> EnsureStandardCardTypesAsync(CancellationToken cancellationToken)
    {
        var present = await db.CardTypes.Select(c => c.Key).ToListAsync(cancellationToken);
        var missing = StandardCardTypes.Where(c => !present.Contains(c.Key)).ToList();
        foreach (var card in missing)
        {
            db.CardTypes.Add(new CardTypeRecord { Key = card.Key, NameFi = card.NameFi, NameEn = card.NameEn, ValidityMonths = card.ValidityMonths, Authority = card.Authority });
        }

        await db.SaveChangesAsync(cancellationToken);
        return missing.Count;
    }

    public async Task<Guid> AddCourseAsync(CourseInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!await db.CardTypes.AnyAsync(c => c.Key == input.CardTypeKey, cancellationToken))
        {
            throw new TrainingInputException("cardType", "Choose a card type from the list.");
        }

        var course = new CourseRecord
        {
            Id = Guid.CreateVersion7(),
            CardTypeKey = input.CardTypeKey,
            NameFi = Text(input.NameFi, 200, "nameFi", "Enter the course's Finnish name (at most 200 characters)."),
            NameEn = Text(input.NameEn, 200, "nameEn", "Enter the course's English name (at most 200 characters)."),
            DescriptionFi = (input.DescriptionFi ?? string.Empty).Trim(),
            DescriptionEn = (input.DescriptionEn ?? string.Empty).Trim(),
            Price = input.Price is >= 0 and < 100_000 ? decimal.Round(input.Price, 2) : throw new TrainingInputException("price", "Enter a price from 0 to 99 999,99 €."),
            Hours = input.Hours is > 0 and <= 200 ? input.Hours : throw new TrainingInputException("hours", "Enter the course's length in hours (1–200)."),
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.Courses.Add(course);
        await db.SaveChangesAsync(cancellationToken);
        return course.Id;
    }

    public async Task<Guid> AddSessionAsync(SessionInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!await db.Courses.AnyAsync(c => c.Id == input.CourseId, cancellationToken))
        {
            throw new TrainingInputException("course", "Choose a course from the catalogue.");
        }

        if (input.EndsAtUtc <= input.StartsAtUtc)
        {
            throw new TrainingInputException("ends", "The session must end after it starts.");
        }

        var session = new SessionRecord
        {
            Id = Guid.CreateVersion7(),
            CourseId = input.CourseId,
            StartsAtUtc = DateTime.SpecifyKind(input.StartsAtUtc, DateTimeKind.Utc),
            EndsAtUtc = DateTime.SpecifyKind(input.EndsAtUtc, DateTimeKind.Utc),
            Place = Text(input.Place, 300, "place", "Enter the place (at most 300 characters)."),
            Capacity = input.Capacity is > 0 and <= 1000 ? input.Capacity : throw new TrainingInputException("capacity", "Enter the number of seats (1–1000)."),
            TrainerAccount = string.IsNullOrWhiteSpace(input.TrainerAccount) ? null : input.TrainerAccount.Trim(),
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.Sessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        return session.Id;
    }

    internal static string Text(string? value, int max, string field, string problem) =>
        value?.Trim() is { Length: > 0 } text && text.Length <= max ? text : throw new TrainingInputException(field, problem);
}
