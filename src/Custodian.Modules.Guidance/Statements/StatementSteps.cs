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
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another step on the same revision committed first (the revision is the row's concurrency token): this one stored nothing.
            db.ChangeTracker.Clear();
            var stored = await db.Statements.Where(s => s.Id == statement.Id).Select(s => s.Revision).SingleAsync(cancellationToken);
            throw new GuidanceEditConflictException(stored);
        }
    }
}
