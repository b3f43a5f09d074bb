using System.Buffers;
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
            // Every entry stores its previous hash, so blocks are checked in parallel (unlike writing, verifying is not
            // a chain of dependent hashes) while the next blocks are read; the links between blocks and the order of
            // the blocks are checked afterwards, in order, so the first problem reported is the first in the log.
            var checks = Channel.CreateBounded<Task<BlockCheck>>(new BoundedChannelOptions(2 * Environment.ProcessorCount) { SingleReader = true, SingleWriter = true });
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var reading = Task.Run(() => ReadBlocksAsync(connection, checks.Writer, signedAt, stop.Token), stop.Token);
            var expected = 1L;
            var previous = new byte[AuditChain.HashSize];
            try
            {
                await foreach (var pending in checks.Reader.ReadAllAsync(cancellationToken))
                {
                    var block = await pending;
                    var problem = block.First != expected
                        ? block.First > expected
                            ? (expected, Range("missing: deleted from the log", expected, block.First - 1))
                            : (block.First, string.Create(CultureInfo.InvariantCulture, $"entry {block.First} appears out of order"))
                        : block.ProblemAtFirstEntry
                            ? block.Problem
                            : block.Count > 0 && !block.FirstPreviousHash.AsSpan().SequenceEqual(previous)
                                ? (block.First, string.Create(CultureInfo.InvariantCulture, $"entry {block.First} does not follow entry {block.First - 1}: an entry was inserted, removed or reordered here"))
                                : block.Problem;
                    if (problem is { } found)
                    {
                        return Bad(Math.Max(expected, found.Sequence) - 1, found.Sequence, found.Message);
                    }

                    expected = block.First + block.Count;
                    if (block.Last != expected - 1)
                    {
                        return Bad(expected - 1, block.First, string.Create(CultureInfo.InvariantCulture, $"the block starting at entry {block.First} claims to end at {block.Last} but holds entries up to {expected - 1}"));
                    }

                    if (block.Count > 0)
                    {
                        previous = block.LastHash;
                    }

                    foreach (var (sequence, hash) in block.SignedHashes)
                    {
                        chainAt[sequence] = hash;
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

    private static async Task ReadBlocksAsync(System.Data.Common.DbConnection connection, ChannelWriter<Task<BlockCheck>> checks, HashSet<long> signedAt, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT first_sequence, last_sequence, entries FROM privacy_audit_blocks ORDER BY first_sequence";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                // Blocks are large (a batch of entries each): pooled buffers keep them off the large-object heap.
                var (first, last) = (reader.GetInt64(0), reader.GetInt64(1));
                var length = (int)reader.GetBytes(2, 0, null, 0, 0);
                var entries = ArrayPool<byte>.Shared.Rent(length);
                reader.GetBytes(2, 0, entries, 0, length);
                await checks.WriteAsync(Task.Run(() => CheckPooledBlock(entries, length, first, last, signedAt), cancellationToken), cancellationToken);
            }

            checks.Complete();
        }
        catch (Exception e)
        {
            checks.Complete(e);
            throw;
        }
    }

    /// <summary>
    /// What one block says on its own: its entries are numbered on from <see cref="First"/>, each hash matches its
    /// bytes, and each entry names the one before it in the block. The link to the previous block is left to the caller.
    /// </summary>
    private sealed record BlockCheck(long First, long Last, int Count, byte[] FirstPreviousHash, byte[] LastHash, (long Sequence, string Message)? Problem, bool ProblemAtFirstEntry, List<(long Sequence, byte[] Hash)> SignedHashes);

    private static BlockCheck CheckPooledBlock(byte[] pooled, int length, long first, long last, HashSet<long> signedAt)
    {
        try
        {
            return CheckBlock(pooled.AsSpan(0, length), first, last, signedAt);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(pooled);
        }
    }

    private static BlockCheck CheckBlock(ReadOnlySpan<byte> block, long first, long last, HashSet<long> signedAt)
    {
        var expected = first;
        var firstPrevious = Array.Empty<byte>();
        var previous = new byte[AuditChain.HashSize];
        Span<byte> computed = stackalloc byte[AuditChain.HashSize];
        var signed = new List<(long, byte[])>();
        (long, string)? problem = null;
        var entries = new AuditBlock.Reader(block);
        while (entries.TryRead(out var stored))
        {
            var sequence = AuditChain.SequenceOf(stored.Canonical);
            if (sequence != expected)
            {
                problem = sequence > expected
                    ? (expected, Range("missing: deleted from the log", expected, sequence - 1))
                    : (sequence, string.Create(CultureInfo.InvariantCulture, $"entry {sequence} appears out of order"));
                break;
            }

            SHA256.HashData(stored.CanonicalAndPrevious, computed);
            if (!computed.SequenceEqual(stored.Hash))
            {
                problem = (sequence, Moved(stored) ?? string.Create(CultureInfo.InvariantCulture, $"entry {sequence} was edited: its content no longer matches its hash"));
                break;
            }

            if (sequence == first)
            {
                firstPrevious = stored.PreviousHash.ToArray();
            }
            else if (!stored.PreviousHash.SequenceEqual(previous))
            {
                problem = (sequence, string.Create(CultureInfo.InvariantCulture, $"entry {sequence} does not follow entry {sequence - 1}: an entry was inserted, removed or reordered here"));
                break;
            }

            if (signedAt.Contains(sequence))
            {
                signed.Add((sequence, stored.Hash.ToArray()));
            }

            stored.Hash.CopyTo(previous);
            expected++;
        }

        if (problem is null && entries.Malformed)
        {
            problem = (expected, string.Create(CultureInfo.InvariantCulture, $"the block holding entry {expected} is damaged: its bytes are not well-formed"));
        }

        return new BlockCheck(first, last, (int)(expected - first), firstPrevious, previous, problem, problem is not null && expected == first, signed);
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
