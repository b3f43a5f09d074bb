using Custodian.Privacy.Abstractions.TechnicalAccess;
using Custodian.Privacy.Declarations;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Privacy.TechnicalAccess;

internal sealed class TechnicalAccessLog(TechnicalAccessDb db, TechnicalVisitWriter writer, RegisterCatalog registers) : ITechnicalAccessLog
{
    public Task RecordAsync(TechnicalVisit visit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(visit);
        if (registers.Find(visit.Register)?.Categories.Any(c => c.Id == ITechnicalAccessLog.Category) != true)
        {
            throw new InvalidOperationException($"Register '{visit.Register}' declares no category '{ITechnicalAccessLog.Category}'; declare it (with its retention) before recording visits under it.");
        }

        writer.Enqueue(new TechnicalVisitRecord
        {
            Register = visit.Register,
            Resource = visit.Resource,
            AtUtc = visit.At.UtcDateTime,
            Address = Clip(visit.Address, 64),
            Browser = Clip(visit.Browser, 512),
            Status = visit.Status,
            Bytes = visit.Bytes,
        });
        return Task.CompletedTask;
    }

    public async Task<IReadOnlyList<TechnicalVisit>> ReadAsync(string resource, DateTimeOffset since, int limit, CancellationToken cancellationToken)
    {
        await writer.FlushAsync(cancellationToken);
        var from = since.UtcDateTime;
        var rows = await db.Visits.AsNoTracking()
            .Where(v => v.Resource == resource && v.AtUtc >= from)
            .OrderByDescending(v => v.AtUtc).ThenByDescending(v => v.Id)
            .Take(limit)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(v => new TechnicalVisit(v.Register, v.Resource, new DateTimeOffset(v.AtUtc, TimeSpan.Zero), v.Address, v.Browser, v.Status, v.Bytes))];
    }

    // Control characters (a NUL breaks PostgreSQL text) and overlong headers are cut, never refused: the visit still counts.
    private static string? Clip(string? value, int length)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        var clean = new string([.. value.Where(c => !char.IsControl(c))]);
        return clean.Length <= length ? clean : clean[..length];
    }
}
