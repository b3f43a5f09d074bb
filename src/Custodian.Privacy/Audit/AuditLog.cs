using System.Buffers;
using System.Data;
using System.Data.Common;
using System.Security.Cryptography;
using System.Threading.Channels;
using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Protection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Custodian.Privacy.Audit;

/// <summary>
/// Appends audit entries with group commit: callers enqueue and await; one writer takes whatever is queued
/// (up to <see cref="MaxBatch"/>), chains it onto the head under a row lock, stores it as one block row in one
/// transaction and completes every caller of that batch. Requests never wait for each other one by one, and several instances
/// of the service extend one chain (the head row serialises them).
/// </summary>
public sealed class AuditLog : IAuditLog, IAsyncDisposable
{
    /// <summary>Entries per block at most: larger blocks mean fewer commits (each one an fsync).</summary>
    public const int MaxBatch = 20_000;

    /// <summary>A signed checkpoint every this many entries (the tail is signed periodically and at shutdown).</summary>
    public const int CheckpointEvery = 1000;

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
        return AppendAsync([entry], cancellationToken);
    }

    public Task AppendAsync(IReadOnlyList<AuditEvent> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return Task.CompletedTask;
        }

        foreach (var entry in entries)
        {
            ArgumentNullException.ThrowIfNull(entry, nameof(entries));
            Check(entry.Actor, 100, nameof(entry.Actor), required: true);
            Check(entry.Action, 64, nameof(entry.Action), required: true);
            Check(entry.Register, 64, nameof(entry.Register));
            Check(entry.Purpose, 64, nameof(entry.Purpose));
            Check(entry.RequestId, 64, nameof(entry.RequestId));
            if (entry.Viewed is { } viewed)
            {
                if (entry.Subject is null)
                {
                    throw new ArgumentException("An audit entry of a view needs the subject whose data was viewed.", nameof(entries));
                }

                Check(viewed.Organisation, 200, nameof(viewed.Organisation), required: true);
                Check(viewed.Role, 64, nameof(viewed.Role), required: true);
                Check(viewed.What, 64, nameof(viewed.What), required: true);
            }
        }

        var pending = new Pending(entries, UnixMicroseconds(_clock.GetUtcNow()), new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
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
        AsyncServiceScope? scope = null;
        Task<Chained>? ahead = null;
        try
        {
            while (true)
            {
                // A batch chained ahead while the previous one committed goes first.
                Chained? prepared = ahead is null ? null : await ahead;
                ahead = null;
                var batch = prepared?.Batch;
                if (batch is null)
                {
                    if (!await _queue.Reader.WaitToReadAsync())
                    {
                        return;
                    }

                    batch = Drain();
                }

                try
                {
                    // One connection for the writer's life: opening one per batch cost more than the inserts.
                    var reused = scope is not null;
                    scope ??= _scopes.CreateAsyncScope();
                    try
                    {
                        ahead = await WriteBatchAsync(scope.Value.ServiceProvider.GetRequiredService<PrivacyDb>(), batch, prepared, reused);
                    }
                    catch (StaleConnectionException)
                    {
                        // The server closed the kept connection meanwhile (a restart, an idle timeout) before this batch
                        // wrote anything: the batch goes once more on a new connection, not back to its callers as an error.
                        await scope.Value.DisposeAsync();
                        scope = _scopes.CreateAsyncScope();
                        ahead = await WriteBatchAsync(scope.Value.ServiceProvider.GetRequiredService<PrivacyDb>(), batch, prepared: null, reused: false);
                    }
                    // Waking thousands of callers is handed off, so the next batch is written meanwhile.
                    var committed = batch.ToArray();
                    _ = Task.Run(() => Array.ForEach(committed, p => p.Done.TrySetResult()));
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

    private List<Pending> Drain()
    {
        var batch = new List<Pending>();
        var count = 0;
        while (count < MaxBatch && _queue.Reader.TryRead(out var pending))
        {
            batch.Add(pending);
            count += pending.Entries.Count;
        }

        return batch;
    }

    /// <summary>
    /// Writes one batch; just before committing it, chains the next queued batch on another core (the commit is
    /// mostly waiting for the disk) and returns that work. The chained-ahead block is used only if the head it
    /// assumed is still the head when its own transaction reads it; otherwise it is chained again.
    /// </summary>
    /// <param name="reused">The connection served earlier batches: a failure of its first statement means it went stale (<see cref="StaleConnectionException"/>).</param>
    private async Task<Task<Chained>?> WriteBatchAsync(PrivacyDb db, List<Pending> batch, Chained? prepared, bool reused)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync();
        }

        for (var attempt = 0; ; attempt++)
        {
            DbTransaction transaction;
            (long Sequence, byte[] Hash) head;
            try
            {
                transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted);
                head = await ReadHeadAsync(connection, transaction);
            }
            catch (Exception e) when (reused && attempt == 0 && e is DbException or InvalidOperationException)
            {
                throw new StaleConnectionException(e);
            }

            await using var _ = transaction;
            var (headSequence, headHash) = head;
            var chained = prepared is not null && prepared.HeadSequence == headSequence && prepared.HeadHash.AsSpan().SequenceEqual(headHash)
                ? prepared
                : Chain(batch, headSequence, headHash);
            prepared = null;
            List<AuditStatement> writes =
            [
                InsertBlock(headSequence + 1, headSequence + chained.Count, chained.Block),
                .. AccessTrail.Rows(Numbered(chained.Batch, headSequence)),
                .. chained.Checkpoints.Select(c => InsertCheckpoint(Sign(c.Sequence, c.Hash))),
                MoveHead(headSequence, headSequence + chained.Count, chained.LastHash),
            ];
            // The head moves last: the count of that update tells whether the head was still where this block chained on.
            if (await ExecuteAsync(connection, transaction, writes) == 1)
            {
                var next = Drain();
                var ahead = next.Count == 0 ? null : Task.Run(() => Chain(next, headSequence + chained.Count, chained.LastHash));
                try
                {
                    await transaction.CommitAsync();
                }
                catch (Exception e) when (ahead is not null)
                {
                    (await ahead).Batch.ForEach(p => p.Done.TrySetException(e));
                    throw;
                }

                return ahead;
            }

            // Another instance moved the head between our read and write: chain onto its entries instead.
            await transaction.RollbackAsync();
            if (attempt > 10)
            {
                throw new InvalidOperationException("The audit head kept moving; giving up this batch.");
            }
        }
    }

    private static IEnumerable<(long Sequence, long AtUnixMicroseconds, AuditEvent Entry)> Numbered(List<Pending> batch, long headSequence)
    {
        var sequence = headSequence;
        foreach (var pending in batch)
        {
            foreach (var entry in pending.Entries)
            {
                yield return (++sequence, pending.AtUnixMicroseconds, entry);
            }
        }
    }

    private sealed record Chained(List<Pending> Batch, long HeadSequence, byte[] HeadHash, byte[] Block, int Count, byte[] LastHash, List<(long Sequence, byte[] Hash)> Checkpoints);

    private static Chained Chain(List<Pending> batch, long headSequence, byte[] headHash)
    {
        var block = new ArrayBufferWriter<byte>(batch.Sum(p => p.Entries.Count) * 200);
        block.Write([AuditBlock.Format1]);
        var checkpoints = new List<(long, byte[])>();
        var previous = headHash.ToArray();
        var sequence = headSequence;
        foreach (var pending in batch)
        {
            foreach (var e in pending.Entries)
            {
                // Encoded straight into the block and hashed in place (no copy of the canonical bytes).
                var entry = AuditBlock.BeginEntry(block, AuditChain.MaxCanonicalSize(e.Actor, e.Action, e.Register, e.Purpose, e.RequestId));
                var length = AuditChain.WriteCanonical(entry[AuditBlock.CanonicalOffset..], ++sequence, pending.AtUnixMicroseconds, e.Actor, e.Action, e.Subject?.Value, e.Register, e.Purpose, e.RequestId);
                AuditBlock.EndEntry(block, entry, length, previous).CopyTo(previous);
                if (sequence % CheckpointEvery == 0)
                {
                    checkpoints.Add((sequence, previous.ToArray()));
                }
            }
        }

        return new Chained(batch, headSequence, headHash, block.WrittenSpan.ToArray(), (int)(sequence - headSequence), previous, checkpoints);
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

    private static AuditStatement MoveHead(long expected, long sequence, byte[] hash) =>
        new("UPDATE privacy_audit_head SET sequence = @sequence, hash = @hash WHERE id = 1 AND sequence = @expected",
            [("@sequence", sequence), ("@hash", hash), ("@expected", expected)]);

    private static AuditStatement InsertBlock(long first, long last, byte[] entries) =>
        new("INSERT INTO privacy_audit_blocks (first_sequence, last_sequence, entries) VALUES (@first, @last, @entries)",
            [("@first", first), ("@last", last), ("@entries", entries)]);

    private static AuditStatement InsertCheckpoint(AuditCheckpointRecord checkpoint) =>
        new("INSERT INTO privacy_audit_checkpoints (sequence, hash, signed_at_unix_us, signature) VALUES (@sequence, @hash, @at, @signature)",
            [("@sequence", checkpoint.Sequence), ("@hash", checkpoint.Hash), ("@at", checkpoint.SignedAtUnixMicroseconds), ("@signature", checkpoint.Signature)]);

    /// <summary>
    /// Runs the block's statements in order and returns the rows the last one changed. PostgreSQL gets them as one batch
    /// (one round trip while the head row is locked, instead of one a statement); SQLite runs in the process anyway.
    /// </summary>
    private static async Task<int> ExecuteAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<AuditStatement> statements)
    {
        if (connection.CanCreateBatch)
        {
            await using var batch = connection.CreateBatch();
            batch.Transaction = transaction;
            foreach (var statement in statements)
            {
                var command = batch.CreateBatchCommand();
                command.CommandText = statement.Sql;
                Bind(statement, command.CreateParameter, command.Parameters);
                batch.BatchCommands.Add(command);
            }

            await batch.ExecuteNonQueryAsync();
            return batch.BatchCommands[^1].RecordsAffected;
        }

        var changed = 0;
        foreach (var statement in statements)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = statement.Sql;
            Bind(statement, command.CreateParameter, command.Parameters);
            changed = await command.ExecuteNonQueryAsync();
        }

        return changed;
    }

    private static void Bind(AuditStatement statement, Func<DbParameter> create, DbParameterCollection parameters)
    {
        foreach (var (name, value) in statement.Parameters)
        {
            var parameter = create();
            parameter.ParameterName = name;
            parameter.Value = value;
            parameters.Add(parameter);
        }
    }

    internal static long UnixMicroseconds(DateTimeOffset at) => (at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    private static void Check(string? value, int max, string name, bool required = false)
    {
        if ((required && string.IsNullOrWhiteSpace(value)) || value?.Length > max)
        {
            throw new ArgumentException($"Audit {name} must be {(required ? "1" : "0")} to {max} characters.", name);
        }
    }

    private sealed record Pending(IReadOnlyList<AuditEvent> Entries, long AtUnixMicroseconds, TaskCompletionSource Done);

    /// <summary>The kept connection failed at a batch's first statement: nothing of the batch was written.</summary>
    private sealed class StaleConnectionException(Exception inner) : Exception("The audit writer's connection was closed by the server.", inner);
}
