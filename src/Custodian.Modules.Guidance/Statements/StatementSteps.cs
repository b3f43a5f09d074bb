using Custodian.Modules.Guidance.Clients;
using Custodian.Modules.Guidance.Programmes;
using Custodian.Privacy.Abstractions.Audit;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Guidance.Statements;

/// <summary>What every step of a statement's way shares: finding it within the reached client, the stale-form check, and the save that stores nothing when someone acted first.</summary>
internal static class StatementSteps
{
    public static async Task<StatementRecord> FindAsync(GuidanceDb db, ReachableClient reached, Guid statementId, CancellationToken cancellationToken) =>
        await db.Statements.SingleOrDefaultAsync(s => s.Id == statementId && s.ClientId == reached.Client.Id, cancellationToken) ?? throw new GuidanceNotFoundException();

    /// <summary>Refuses a step taken on a page opened before someone else changed the statement.</summary>
    public static void RequireRevision(StatementRecord statement, int baseRevision)
    {
        if (statement.Revision != baseRevision)
        {
            throw new GuidanceEditConflictException(statement.Revision);
        }
    }

    public static async Task SaveAsync(GuidanceDb db, StatementRecord statement, CancellationToken cancellationToken)
    {
        statement.Revision++;
        var id = statement.Id;
        await db.SaveVersionedAsync((d, ct) => d.Statements.Where(s => s.Id == id).Select(s => s.Revision).SingleAsync(ct), cancellationToken);
    }
}
