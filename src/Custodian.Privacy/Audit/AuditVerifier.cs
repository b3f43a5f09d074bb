using System.Globalization;
using System.Threading.Channels;
using System.Security.Cryptography;
using Custodian.Privacy.Protection;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Privacy.Audit;

/// <summary>What <c>custodian audit verify</c> found: counts, and the first problem if any.</summary>
public sealed record AuditVerification(long Entries, int Checkpoints, long? FirstBadSequence, string? Problem)
{
    public bool Intact => Problem is null;
}

/// <summary>
/// Walks the whole chain block by block in order, recomputing every hash from the stored canonical bytes, and checks
/// every signed checkpoint against it. Reports the first entry that was edited, deleted, inserted or moved, damaged
/// blocks, and entries rewritten behind a checkpoint.
/// </summary>
public sealed class AuditVerifier(PrivacyDb db, IKeyProvider keys)
{
    public async Task<AuditVerification> VerifyAsync(IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var checkpoints = await db.AuditCheckpoints.AsNoTracking().OrderBy(c => c.Sequence).ToListAsync(cancellationToken);
            var head = await db.AuditHead.AsNoTracking().SingleAsync(h => h.Id == 1, cancellationToken);
            var signedAt = checkpoints.Select(c => c.Sequence).ToHashSet();
            var chainAt = new Dictionary<long, byte[]>();
            // Reading the next blocks overlaps with hashing the current one (the hashing is the bulk of the work).
            var blocks = Channel.CreateBounded<(long First, long Last, byte[] Entries)>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var reading = Task.Run(() => ReadBlocksAsync(connection, blocks.Writer, stop.Token), stop.Token);
            var expected = 1L;
            var previous = new byte[AuditChain.HashSize];
            var computed = new byte[AuditChain.HashSize];
            try
            {
                await foreach (var (first, lastInBlock, entries) in blocks.Reader.ReadAllAsync(cancellationToken))
                {
                    var problem = CheckBlock(entries, first, ref expected, previous, computed, signedAt, chainAt);
                    if (problem is not null)
                    {
                        return Bad(expected - 1, problem.Value.Sequence, problem.Value.Message);
                    }

                    if (lastInBlock != expected - 1)
                    {
                        return Bad(expected - 1, first, string.Create(CultureInfo.InvariantCulture, $"the block starting at entry {first} claims to end at {lastInBlock} but holds entries up to {expected - 1}"));
                    }

                    progress?.Report(expected - 1);
                }
            }
            finally
            {
                await stop.CancelAsync();
                try
                {
                    await reading;
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    // Stopped early because a problem was found.
                }
            }

            var last = expected - 1;
            if (head.Sequence != last)
            {
                return Bad(last, Math.Min(head.Sequence, last) + 1, head.Sequence > last
                    ? Range("missing: deleted from the end of the log", last + 1, head.Sequence)
                    : Range("not written by the audit log (appended behind its back)", head.Sequence + 1, last));
            }

            if (last > 0 && !head.Hash.AsSpan().SequenceEqual(previous))
            {
                return Bad(last, last, $"entry {last} differs from the recorded head of the chain");
            }

            using var publicKey = ECDsa.Create(keys.AuditSigningKey.ExportParameters(includePrivateParameters: false));
            foreach (var checkpoint in checkpoints)
            {
                var message = AuditChain.CheckpointMessage(checkpoint.Sequence, checkpoint.Hash, checkpoint.SignedAtUnixMicroseconds);
                if (!publicKey.VerifyData(message, checkpoint.Signature, HashAlgorithmName.SHA256))
                {
                    return new AuditVerification(last, checkpoints.Count, checkpoint.Sequence, $"checkpoint {checkpoint.Sequence} has an invalid signature");
                }

                if (!chainAt.TryGetValue(checkpoint.Sequence, out var hash) || !hash.AsSpan().SequenceEqual(checkpoint.Hash))
                {
                    var before = checkpoints.LastOrDefault(c => c.Sequence < checkpoint.Sequence)?.Sequence ?? 0;
                    return new AuditVerification(last, checkpoints.Count, before + 1,
                        Range($"rewritten after checkpoint {checkpoint.Sequence} was signed (the chain was recomputed)", before + 1, checkpoint.Sequence));
                }
            }

            return new AuditVerification(last, checkpoints.Count, null, null);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task ReadBlocksAsync(System.Data.Common.DbConnection connection, ChannelWriter<(long, long, byte[])> blocks, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT first_sequence, last_sequence, entries FROM privacy_audit_blocks ORDER BY first_sequence";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                await blocks.WriteAsync((reader.GetInt64(0), reader.GetInt64(1), (byte[])reader.GetValue(2)), cancellationToken);
            }

            blocks.Complete();
        }
        catch (Exception e)
        {
            blocks.Complete(e);
            throw;
        }
    }

    /// <summary>Checks every entry of one block in order; returns the first problem, or null.</summary>
    private static (long Sequence, string Message)? CheckBlock(byte[] block, long first, ref long expected, byte[] previous, byte[] computed, HashSet<long> signedAt, Dictionary<long, byte[]> chainAt)
    {
        if (first != expected)
        {
            return first > expected
                ? (expected, Range("missing: deleted from the log", expected, first - 1))
                : (first, string.Create(CultureInfo.InvariantCulture, $"entry {first} appears out of order"));
        }

        var entries = new AuditBlock.Reader(block);
        while (entries.TryRead(out var stored))
        {
            var sequence = AuditChain.SequenceOf(stored.Canonical);
            if (sequence != expected)
            {
                return sequence > expected
                    ? (expected, Range("missing: deleted from the log", expected, sequence - 1))
                    : (sequence, string.Create(CultureInfo.InvariantCulture, $"entry {sequence} appears out of order"));
            }

            System.Security.Cryptography.SHA256.HashData(stored.CanonicalAndPrevious, computed);
            if (!computed.AsSpan().SequenceEqual(stored.Hash))
            {
                return (sequence, Moved(stored) ?? string.Create(CultureInfo.InvariantCulture, $"entry {sequence} was edited: its content no longer matches its hash"));
            }

            if (!stored.PreviousHash.SequenceEqual(previous))
            {
                return (sequence, string.Create(CultureInfo.InvariantCulture, $"entry {sequence} does not follow entry {sequence - 1}: an entry was inserted, removed or reordered here"));
            }

            if (signedAt.Contains(sequence))
            {
                chainAt[sequence] = stored.Hash.ToArray();
            }

            stored.Hash.CopyTo(previous);
            expected++;
        }

        return entries.Malformed
            ? (expected, string.Create(CultureInfo.InvariantCulture, $"the block holding entry {expected} is damaged: its bytes are not well-formed"))
            : null;
    }

    // An entry whose hash matches a neighbouring position was moved: something was inserted or removed before it.
    private static string? Moved(AuditBlock.StoredEntry entry)
    {
        var sequence = AuditChain.SequenceOf(entry.Canonical);
        Span<byte> moved = stackalloc byte[AuditChain.HashSize];
        var canonical = entry.Canonical.ToArray();
        foreach (var was in new[] { sequence - 1, sequence + 1 })
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(canonical, was);
            AuditChain.HashOf(canonical, entry.PreviousHash, moved);
            if (moved.SequenceEqual(entry.Hash))
            {
                return string.Create(CultureInfo.InvariantCulture, $"entry {sequence} holds what was entry {was}: entries were inserted, deleted or reordered here");
            }
        }

        return null;
    }

    private static string Range(string what, long from, long to) =>
        from == to
            ? string.Create(CultureInfo.InvariantCulture, $"entry {from} is {what}")
            : string.Create(CultureInfo.InvariantCulture, $"entries {from} to {to} are {what}");

    private static AuditVerification Bad(long checkedEntries, long sequence, string problem) => new(checkedEntries, 0, sequence, problem);
}
