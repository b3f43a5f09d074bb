using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Privacy.Protection;

/// <summary>Where re-encryption of one table stopped, so an interrupted run goes on from there.</summary>
public sealed class ReencryptProgressRecord
{
    public string Name { get; set; } = string.Empty;

    public string? Cursor { get; set; }
}

/// <summary>
/// Moves values under superseded data keys to the current key of their scope, table by table, in batches that
/// each commit with their cursor: stop it at any point and the next run continues where it stopped.
/// </summary>
public sealed class Reencryption(IServiceScopeFactory scopes, IAuditLog audit, ICurrentActor actor)
{
    public sealed record Progress(string Table, int Examined, int Moved);

    public async Task<int> RunAsync(int batchSize, IProgress<Progress>? progress, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var moved = 0;
        await using (var scope = scopes.CreateAsyncScope())
        {
            foreach (var table in scope.ServiceProvider.GetServices<IEncryptedColumns>())
            {
                moved += await RunTableAsync(table.Name, batchSize, progress, cancellationToken);
            }
        }

        await audit.AppendAsync(new AuditEvent(actor.Actor, "keys.reencrypt", RequestId: actor.RequestId), cancellationToken);
        return moved;
    }

    private async Task<int> RunTableAsync(string name, int batchSize, IProgress<Progress>? progress, CancellationToken cancellationToken)
    {
        int examined = 0, moved = 0;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var db = services.GetRequiredService<PrivacyDb>();
            var table = services.GetServices<IEncryptedColumns>().Single(t => t.Name == name);
            var state = await db.ReencryptProgress.FindAsync([name], cancellationToken);
            if (state is null)
            {
                state = new ReencryptProgressRecord { Name = name };
                db.ReencryptProgress.Add(state);
            }

            var batch = await table.ReencryptAsync(services.GetRequiredService<IPersonalDataVault>(), state.Cursor, batchSize, cancellationToken);
            examined += batch.Examined;
            moved += batch.Moved;
            // A short batch is the end of the table: the next run starts over (after the next rotation).
            state.Cursor = batch.Examined < batchSize ? null : batch.LastCursor;
            await db.SaveChangesAsync(cancellationToken);
            progress?.Report(new Progress(name, examined, moved));
            if (state.Cursor is null)
            {
                return moved;
            }
        }
    }
}
