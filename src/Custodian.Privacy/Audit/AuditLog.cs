using System.Data;
using System.Data.Common;
using System.Security.Cryptography;
using System.Threading.Channels;
using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Protection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace Custodian.Privacy.Audit;

/// <summary>
/// Appends audit entries with group commit: callers enqueue and await; one writer takes whatever is queued
/// (up to <see cref="MaxBatch"/>), chains it onto the head under a row lock, inserts it in one transaction and
/// completes every caller of that batch. Requests never wait for each other one by one, and several instances
/// of the service extend one chain (the head row serialises them).
/// </summary>
public sealed class AuditLog : IAuditLog, IAsyncDisposable
{
    public const int MaxBatch = 5000;

    /// <summary>A signed checkpoint every this many entries (the tail is signed periodically and at shutdown).</summary>
    public const int CheckpointEvery = 1000;

    private static readonly string[] EntryParameters = ["@sequence", "@at", "@actor", "@action", "@subject", "@register", "@purpose", "@request", "@previous", "@hash"];
    private readonly IServiceScopeFactory _scopes;
    private readonly IKeyProvider _keys;
    private readonly TimeProvider _clock;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;
    private readonly SemaphoreSlim _checkpointing = new(1, 1);

    public AuditLog(IServiceScopeFactory scopes, IKeyProvider keys, TimeProvider clock)
    {
        _scopes = scopes;
        _keys = keys;
        _clock = clock;
        _writer = Task.Run(WriteLoopAsync);
    }

    public Task AppendAsync(AuditEvent entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Check(entry.Actor, 100, nameof(entry.Actor), required: true);
        Check(entry.Action, 64, nameof(entry.Action), required: true);
        Check(entry.Register, 64, nameof(entry.Register));
        Check(entry.Purpose, 64, nameof(entry.Purpose));
        Check(entry.RequestId, 64, nameof(entry.RequestId));
        var pending = new Pending(entry, UnixMicroseconds(_clock.GetUtcNow()), new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The audit log is shutting down.");
        }

        return cancellationToken.CanBeCanceled ? pending.Done.Task.WaitAsync(cancellationToken) : pending.Done.Task;
    }

    /// <summary>
    /// Signs a checkpoint for the current head if entries were added since the last one. Idempotent: when another
    /// caller (this process, the writer at a 1000th entry, or another instance) signed the same head first, done.
    /// </summary>
    public async Task CheckpointAsync(CancellationToken cancellationToken)
    {
        await _checkpointing.WaitAsync(cancellationToken);
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PrivacyDb>();
            var head = await db.AuditHead.AsNoTracking().SingleAsync(h => h.Id == 1, cancellationToken);
            var last = await db.AuditCheckpoints.MaxAsync(c => (long?)c.Sequence, cancellationToken) ?? 0;
            if (head.Sequence <= last)
            {
                return;
            }

            db.AuditCheckpoints.Add(Sign(head.Sequence, head.Hash));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
                if (!await db.AuditCheckpoints.AsNoTracking().AnyAsync(c => c.Sequence == head.Sequence, cancellationToken))
                {
                    throw;
                }

                // Signed by someone else a moment ago.
            }
        }
        finally
        {
            _checkpointing.Release();
        }
    }

    /// <summary>Lets queued entries finish; the tail is signed by <see cref="AuditCheckpointer"/> before this runs.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
        _checkpointing.Dispose();
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        AsyncServiceScope? scope = null;
        try
        {
            while (await _queue.Reader.WaitToReadAsync())
            {
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
                {
                    batch.Add(pending);
                }

                try
                {
                    // One connection for the writer's life: opening one per batch cost more than the inserts.
                    scope ??= _scopes.CreateAsyncScope();
                    await WriteBatchAsync(scope.Value.ServiceProvider.GetRequiredService<PrivacyDb>(), batch);
                    batch.ForEach(p => p.Done.TrySetResult());
                }
                catch (Exception e)
                {
                    batch.ForEach(p => p.Done.TrySetException(e));
                    if (scope is { } broken)
                    {
                        await broken.DisposeAsync();
                    }

                    scope = null;
                }

                batch.Clear();
            }
        }
        finally
        {
            if (scope is { } open)
            {
                await open.DisposeAsync();
            }
        }
    }

    private async Task WriteBatchAsync(PrivacyDb db, List<Pending> batch)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync();
        }

        {
            for (var attempt = 0; ; attempt++)
            {
                await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted);
                var (headSequence, headHash) = await ReadHeadAsync(connection, transaction);
                var entries = Chain(batch, headSequence, headHash);
                await InsertAsync(connection, transaction, entries);
                foreach (var entry in entries.Where(e => e.Sequence % CheckpointEvery == 0))
                {
                    await InsertCheckpointAsync(connection, transaction, Sign(entry.Sequence, entry.Hash));
                }

                if (await MoveHeadAsync(connection, transaction, headSequence, entries[^1]) == 1)
                {
                    await transaction.CommitAsync();
                    return;
                }

                // Another instance moved the head between our read and write: chain onto its entries instead.
                await transaction.RollbackAsync();
                if (attempt > 10)
                {
                    throw new InvalidOperationException("The audit head kept moving; giving up this batch.");
                }
            }
        }
    }

    private static List<AuditEntryRecord> Chain(List<Pending> batch, long headSequence, byte[] headHash)
    {
        var entries = new List<AuditEntryRecord>(batch.Count);
        var previous = headHash;
        var sequence = headSequence;
        foreach (var pending in batch)
        {
            var e = pending.Entry;
            var record = new AuditEntryRecord
            {
                Sequence = ++sequence,
                AtUnixMicroseconds = pending.AtUnixMicroseconds,
                Actor = e.Actor,
                Action = e.Action,
                Subject = e.Subject?.ToString(),
                Register = e.Register,
                Purpose = e.Purpose,
                RequestId = e.RequestId,
                PreviousHash = previous,
            };
            record.Hash = AuditChain.Hash(record);
            previous = record.Hash;
            entries.Add(record);
        }

        return entries;
    }

    private AuditCheckpointRecord Sign(long sequence, byte[] hash)
    {
        var at = UnixMicroseconds(_clock.GetUtcNow());
        return new AuditCheckpointRecord
        {
            Sequence = sequence,
            Hash = hash,
            SignedAtUnixMicroseconds = at,
            Signature = _keys.AuditSigningKey.SignData(AuditChain.CheckpointMessage(sequence, hash, at), HashAlgorithmName.SHA256),
        };
    }

    private static async Task<(long Sequence, byte[] Hash)> ReadHeadAsync(DbConnection connection, DbTransaction transaction)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        // FOR UPDATE holds other PostgreSQL writers until this batch commits; SQLite has one writer anyway.
        command.CommandText = "SELECT sequence, hash FROM privacy_audit_head WHERE id = 1" + (connection is NpgsqlConnection ? " FOR UPDATE" : "");
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            throw new InvalidOperationException("The audit head row is missing; run the migrations.");
        }

        return (reader.GetInt64(0), (byte[])reader.GetValue(1));
    }

    private static async Task<int> MoveHeadAsync(DbConnection connection, DbTransaction transaction, long expected, AuditEntryRecord last)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "UPDATE privacy_audit_head SET sequence = @sequence, hash = @hash WHERE id = 1 AND sequence = @expected";
        Add(command, "@sequence", last.Sequence);
        Add(command, "@hash", last.Hash);
        Add(command, "@expected", expected);
        return await command.ExecuteNonQueryAsync();
    }

    private static async Task InsertAsync(DbConnection connection, DbTransaction transaction, List<AuditEntryRecord> entries)
    {
        if (connection is NpgsqlConnection npgsql)
        {
            await using var import = await npgsql.BeginBinaryImportAsync(
                "COPY privacy_audit_entries (sequence, at_unix_us, actor, action, subject, register, purpose, request_id, previous_hash, hash) FROM STDIN (FORMAT BINARY)");
            // The importer buffers rows; per-field awaits would cost more than the fields.
            foreach (var e in entries)
            {
                import.StartRow();
                import.Write(e.Sequence, NpgsqlDbType.Bigint);
                import.Write(e.AtUnixMicroseconds, NpgsqlDbType.Bigint);
                import.Write(e.Actor, NpgsqlDbType.Varchar);
                import.Write(e.Action, NpgsqlDbType.Varchar);
                WriteNullable(import, e.Subject);
                WriteNullable(import, e.Register);
                WriteNullable(import, e.Purpose);
                WriteNullable(import, e.RequestId);
                import.Write(e.PreviousHash, NpgsqlDbType.Bytea);
                import.Write(e.Hash, NpgsqlDbType.Bytea);
            }

            await import.CompleteAsync();
            return;
        }

        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO privacy_audit_entries (sequence, at_unix_us, actor, action, subject, register, purpose, request_id, previous_hash, hash) " +
            "VALUES (@sequence, @at, @actor, @action, @subject, @register, @purpose, @request, @previous, @hash)";
        var parameters = EntryParameters.Select(name => Add(command, name, DBNull.Value)).ToArray();
        command.Prepare();
        foreach (var e in entries)
        {
            parameters[0].Value = e.Sequence;
            parameters[1].Value = e.AtUnixMicroseconds;
            parameters[2].Value = e.Actor;
            parameters[3].Value = e.Action;
            parameters[4].Value = (object?)e.Subject ?? DBNull.Value;
            parameters[5].Value = (object?)e.Register ?? DBNull.Value;
            parameters[6].Value = (object?)e.Purpose ?? DBNull.Value;
            parameters[7].Value = (object?)e.RequestId ?? DBNull.Value;
            parameters[8].Value = e.PreviousHash;
            parameters[9].Value = e.Hash;
            // Microsoft.Data.Sqlite is synchronous underneath; the async wrapper per row only adds overhead.
            command.ExecuteNonQuery();
        }
    }

    private static async Task InsertCheckpointAsync(DbConnection connection, DbTransaction transaction, AuditCheckpointRecord checkpoint)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO privacy_audit_checkpoints (sequence, hash, signed_at_unix_us, signature) VALUES (@sequence, @hash, @at, @signature)";
        Add(command, "@sequence", checkpoint.Sequence);
        Add(command, "@hash", checkpoint.Hash);
        Add(command, "@at", checkpoint.SignedAtUnixMicroseconds);
        Add(command, "@signature", checkpoint.Signature);
        await command.ExecuteNonQueryAsync();
    }

    internal static long UnixMicroseconds(DateTimeOffset at) => (at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    private static void WriteNullable(NpgsqlBinaryImporter import, string? value)
    {
        if (value is null)
        {
            import.WriteNull();
        }
        else
        {
            import.Write(value, NpgsqlDbType.Varchar);
        }
    }

    private static DbParameter Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    private static void Check(string? value, int max, string name, bool required = false)
    {
        if ((required && string.IsNullOrWhiteSpace(value)) || value?.Length > max)
        {
            throw new ArgumentException($"Audit {name} must be {(required ? "1" : "0")} to {max} characters.", name);
        }
    }

    private sealed record Pending(AuditEvent Entry, long AtUnixMicroseconds, TaskCompletionSource Done);
}
