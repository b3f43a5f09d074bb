using Microsoft.EntityFrameworkCore;

namespace Custodian.Privacy.Audit;

/// <summary>Reads audit entries back from their blocks (for the operator, subject-access answers and tests).</summary>
public sealed class AuditReader(PrivacyDb db)
{
    /// <summary>Entries from <paramref name="fromSequence"/> on, in order, optionally only those about one subject.</summary>
    public async Task<IReadOnlyList<AuditEntryRecord>> ReadAsync(long fromSequence, string? subject, CancellationToken cancellationToken)
    {
        var blocks = await db.AuditBlocks.AsNoTracking()
            .Where(b => b.LastSequence >= fromSequence)
            .OrderBy(b => b.FirstSequence)
            .ToListAsync(cancellationToken);
        return blocks
            .SelectMany(b => AuditBlock.Decode(b.Entries))
            .Where(e => e.Sequence >= fromSequence && (subject is null || e.Subject == subject))
            .ToList();
    }
}
