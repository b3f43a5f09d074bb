using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Abstractions.Requests;
using Custodian.Privacy.Abstractions.Retention;
using Custodian.Privacy.Declarations;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Privacy.Retention;

/// <summary>
/// The kernel's own retention: records of answered data-subject requests (category <c>rights-requests</c> of every
/// register) go when their period ends.
/// </summary>
public sealed class KernelRetention(PrivacyDb db, RegisterCatalog registers) : IRetentionTarget
{
    public const string RequestsCategory = "rights-requests";

    public string Name => "privacy-kernel";

    public IReadOnlyCollection<string> Registers => [.. registers.Registers.Select(r => r.Id)];

    public IReadOnlyCollection<string> Categories(string registerId) => registers.Find(registerId)?.Categories.Any(c => c.Id == RequestsCategory) == true ? [RequestsCategory] : [];

    public async Task<IReadOnlyList<DueRecord>> FindDueAsync(string registerId, string category, DateTimeOffset cutoff, string? after, int batchSize, CancellationToken cancellationToken)
    {
        if (category != RequestsCategory)
        {
            return [];
        }

        var before = cutoff.UtcDateTime;
        var from = after ?? string.Empty;
        var due = await db.Requests.AsNoTracking()
            .Where(r => r.Register == registerId && r.ReceivedAtUtc <= before && (r.Status == Requests.RequestStatus.Completed || r.Status == Requests.RequestStatus.Refused))
#pragma warning disable CA1309 // translated to SQL: the database orders and compares with the same collation
            .Where(r => string.Compare(r.Reference, from) > 0)
#pragma warning restore CA1309
            .OrderBy(r => r.Reference)
            .Take(batchSize)
            .Select(r => new { r.Reference, r.SubjectId, r.ReceivedAtUtc })
            .ToListAsync(cancellationToken);
        return [.. due.Select(r => new DueRecord(new RecordRef(registerId, "request", r.Reference), r.SubjectId is { } s ? new SubjectId(s) : null, new DateTimeOffset(r.ReceivedAtUtc, TimeSpan.Zero)))];
    }

    public async Task<int> ApplyAsync(string registerId, string category, RetentionTreatment treatment, IReadOnlyList<DueRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        var references = records.Select(r => r.Record.RecordId).ToList();
        // One JSON parameter per list (EF.Parameter): a sweep batch can exceed SQLite's limit of SQL variables.
        var ids = await db.Requests.Where(r => r.Register == registerId && EF.Parameter(references).Contains(r.Reference)).Select(r => r.Id).ToListAsync(cancellationToken);
        await db.RequestEvents.Where(e => EF.Parameter(ids).Contains(e.RequestId)).ExecuteDeleteAsync(cancellationToken);
        return await db.Requests.Where(r => EF.Parameter(ids).Contains(r.Id)).ExecuteDeleteAsync(cancellationToken);
    }
}
