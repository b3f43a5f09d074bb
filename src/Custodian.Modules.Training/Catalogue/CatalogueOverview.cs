using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Training.Catalogue;

/// <summary>The registrar's view of the catalogue: every card type with its validity, and every course.</summary>
internal sealed class CatalogueOverview(TrainingDb db)
{
    public async Task<(IReadOnlyList<CardTypeRecord> CardTypes, IReadOnlyList<CourseRecord> Courses)> ReadAsync(CancellationToken cancellationToken)
    {
        var cards = await db.CardTypes.AsNoTracking().ToListAsync(cancellationToken);
        var courses = await db.Courses.AsNoTracking().ToListAsync(cancellationToken);
        return ([.. cards.OrderBy(c => c.NameFi, StringComparer.Ordinal)], [.. courses.OrderBy(c => c.NameFi, StringComparer.Ordinal)]);
    }
}
