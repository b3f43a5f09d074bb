namespace Custodian.Privacy.Abstractions.Protection;

/// <summary>One pass of re-encryption over a table: rows looked at, rows moved to the current key, where to go on.</summary>
public sealed record ReencryptBatch(int Examined, int Moved, string? LastCursor);

/// <summary>
/// Implemented by each module for each table with encrypted columns, so <c>custodian keys reencrypt</c> can move
/// old values to the current key version in batches. Rows are visited in a stable order after <c>after</c>.
/// </summary>
public interface IEncryptedColumns
{
    /// <summary>Stable name used to remember progress, e.g. the table name.</summary>
    string Name { get; }

    Task<ReencryptBatch> ReencryptAsync(IPersonalDataVault vault, string? after, int batchSize, CancellationToken cancellationToken);
}
