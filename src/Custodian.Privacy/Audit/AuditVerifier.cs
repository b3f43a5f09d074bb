using System.Data.Common;
using System.Globalization;
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
/// Walks the whole chain in order, recomputing every hash, and checks every signed checkpoint against it. Reports
/// the first entry that was edited, deleted, inserted or moved, and entries rewritten behind a checkpoint.
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
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT sequence, at_unix_us, actor, action, subject, register, purpose, request_id, previous_hash, hash FROM privacy_audit_entries ORDER BY sequence";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var expected = 1L;
            var previous = new byte[AuditChain.HashSize];
            var computed = new byte[AuditChain.HashSize];
            // SQLite reads synchronously underneath; per-row async costs more than the row itself.
            var synchronous = connection is Microsoft.Data.Sqlite.SqliteConnection;
            while (synchronous ? reader.Read() : await reader.ReadAsync(cancellationToken))
            {
                var entry = Read(reader);
                if (entry.Sequence != expected)
                {
                    return Bad(expected - 1, entry.Sequence > expected ? expected : entry.Sequence,
                        entry.Sequence > expected
                            ? Range("missing: deleted from the log", expected, entry.Sequence - 1)
                            : $"entry {entry.Sequence} appears out of order");
                }

                AuditChain.Hash(entry.Sequence, entry.AtUnixMicroseconds, entry.Actor, entry.Action, entry.Subject, entry.Register, entry.Purpose, entry.RequestId, entry.PreviousHash, computed);
                if (!computed.AsSpan().SequenceEqual(entry.Hash))
                {
                    return Bad(expected - 1, entry.Sequence, Moved(entry) ?? $"entry {entry.Sequence} was edited: its content no longer matches its hash");
                }

                if (!entry.PreviousHash.AsSpan().SequenceEqual(previous))
                {
                    return Bad(expected - 1, entry.Sequence, $"entry {entry.Sequence} does not follow entry {entry.Sequence - 1}: an entry was inserted, removed or reordered here");
                }

                if (signedAt.Contains(entry.Sequence))
                {
                    chainAt[entry.Sequence] = entry.Hash;
                }

                previous = entry.Hash;
                expected++;
                if (expected % 100_000 == 0)
                {
                    progress?.Report(expected - 1);
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

    // An entry whose hash matches a neighbouring position was moved: something was inserted or removed before it.
    private static string? Moved(AuditEntryRecord entry)
    {
        foreach (var was in new[] { entry.Sequence - 1, entry.Sequence + 1 })
        {
            if (AuditChain.Hash(entry, was).AsSpan().SequenceEqual(entry.Hash))
            {
                return string.Create(CultureInfo.InvariantCulture, $"entry {entry.Sequence} holds what was entry {was}: entries were inserted, deleted or reordered here");
            }
        }

        return null;
    }

    private static string Range(string what, long from, long to) =>
        from == to
            ? string.Create(CultureInfo.InvariantCulture, $"entry {from} is {what}")
            : string.Create(CultureInfo.InvariantCulture, $"entries {from} to {to} are {what}");

    private static AuditVerification Bad(long checkedEntries, long sequence, string problem) => new(checkedEntries, 0, sequence, problem);

    private static AuditEntryRecord Read(DbDataReader reader) => new()
    {
        Sequence = reader.GetInt64(0),
        AtUnixMicroseconds = reader.GetInt64(1),
        Actor = reader.GetString(2),
        Action = reader.GetString(3),
        Subject = reader.IsDBNull(4) ? null : reader.GetString(4),
        Register = reader.IsDBNull(5) ? null : reader.GetString(5),
        Purpose = reader.IsDBNull(6) ? null : reader.GetString(6),
        RequestId = reader.IsDBNull(7) ? null : reader.GetString(7),
        PreviousHash = (byte[])reader.GetValue(8),
        Hash = (byte[])reader.GetValue(9),
    };
}
