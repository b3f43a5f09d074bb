using System.Globalization;
using Custodian.Privacy.Abstractions.Requests;
using Custodian.Privacy.Abstractions.Retention;
using Custodian.Privacy.Abstractions.TechnicalAccess;
using Custodian.Privacy.Declarations;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Privacy.TechnicalAccess;

/// <summary>
/// Visits go when the period their register declares for <see cref="ITechnicalAccessLog.Category"/> runs out (the
/// trigger is the visit itself). They name no subject, so no legal hold can apply to them.
/// </summary>
internal sealed class TechnicalAccessRetention(TechnicalAccessDb db, RegisterCatalog registers) : IRetentionTarget
{
    public string Name => "technical-access";

    public IReadOnlyCollection<string> Registers => [.. registers.Registers.Where(Declares).Select(r => r.Id)];

    public IReadOnlyCollection<string> Categories(string registerId) => registers.Find(registerId) is { } register && Declares(register) ? [ITechnicalAccessLog.Category] : [];

    public async Task<IReadOnlyList<DueRecord>> FindDueAsync(string registerId, string category, DateTimeOffset cutoff, string? after, int batchSize, CancellationToken cancellationToken)
    {
        if (category != ITechnicalAccessLog.Category)
        {
            return [];
        }

        var before = cutoff.UtcDateTime;
        var from = after is null ? 0 : long.Parse(after, CultureInfo.InvariantCulture);
        var due = await db.Visits.AsNoTracking()
            .Where(v => v.Register == registerId && v.AtUtc <= before && v.Id > from)
            .OrderBy(v => v.Id)
            .Take(batchSize)
            .Select(v => new { v.Id, v.AtUtc })
            .ToListAsync(cancellationToken);
        return [.. due.Select(v => new DueRecord(new RecordRef(registerId, "visit", v.Id.ToString(CultureInfo.InvariantCulture)), null, new DateTimeOffset(v.AtUtc, TimeSpan.Zero)))];
    }

    public async Task<int> ApplyAsync(string registerId, string category, RetentionTreatment treatment, IReadOnlyList<DueRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        var ids = records.Select(r => long.Parse(r.Record.RecordId, CultureInfo.InvariantCulture)).ToList();
        return await db.Visits.Where(v => v.Register == registerId && EF.Parameter(ids).Contains(v.Id)).ExecuteDeleteAsync(cancellationToken);
    }

    private static bool Declares(RegisterDeclaration register) => register.Categories.Any(c => c.Id == ITechnicalAccessLog.Category);
}
