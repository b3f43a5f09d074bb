using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Audit;
using Custodian.Privacy.Protection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Privacy.Tests.Audit;

/// <summary>
/// The audit log's writer at its edges, on SQLite: fields at and over their bounds, writes the database refuses
/// (a trigger raising, the head row gone), a writer kept waiting by another connection's lock, and shutdown.
/// </summary>
public sealed class AuditLogWritingTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Fields_at_their_bounds_are_kept_whole_and_verify(bool wide)
    {
        await using var host = await KernelHost.StartAsync(Engine.Sqlite);
        // In 3-byte characters the canonical entry is over 1 KiB: hashed from a pooled buffer, not the stack.
        string Text(int length) => new(wide ? '€' : 'a', length);
        var subject = SubjectId.New();
        var entry = new AuditEvent(Text(100), Text(64), subject, Text(64), Text(64), Text(64));

        await host.Get<IAuditLog>().AppendAsync([entry, entry with { Actor = "system", RequestId = null }], Ct);

        var read = await ReadAsync(host);
        Assert.Equal(2, read.Count);
        Assert.Equal((entry.Actor, entry.Action, subject.ToString(), entry.Register, entry.Purpose, entry.RequestId), (read[0].Actor, read[0].Action, read[0].Subject, read[0].Register, read[0].Purpose, read[0].RequestId));
        Assert.Null(read[1].RequestId);
        var verified = await VerifyAsync(host);
        Assert.True(verified.Intact, verified.Problem);
        Assert.Equal(2, verified.Entries);
    }

    [Theory]
    [InlineData("Actor", "Audit Actor must be 1 to 100 characters.")]
    [InlineData("blank Actor", "Audit Actor must be 1 to 100 characters.")]
    [InlineData("Action", "Audit Action must be 1 to 64 characters.")]
    [InlineData("blank Action", "Audit Action must be 1 to 64 characters.")]
    [InlineData("Register", "Audit Register must be 0 to 64 characters.")]
    [InlineData("Purpose", "Audit Purpose must be 0 to 64 characters.")]
    [InlineData("RequestId", "Audit RequestId must be 0 to 64 characters.")]
    public async Task A_field_over_its_bound_or_blank_where_required_is_refused_and_nothing_is_written(string field, string message)
    {
        await using var host = await KernelHost.StartAsync(Engine.Sqlite);
        var fine = new AuditEvent(new string('a', 100), new string('b', 64), null, new string('c', 64), new string('d', 64), new string('e', 64));
        var bad = field switch
        {
            "Actor" => fine with { Actor = new string('a', 101) },
            "blank Actor" => fine with { Actor = " " },
            "Action" => fine with { Action = new string('b', 65) },
            "blank Action" => fine with { Action = "\t" },
            "Register" => fine with { Register = new string('c', 65) },
            "Purpose" => fine with { Purpose = new string('d', 65) },
            _ => fine with { RequestId = new string('e', 65) },
        };

        var refused = Assert.Throws<ArgumentException>(() => { _ = host.Get<IAuditLog>().AppendAsync([fine, bad], Ct); });

        Assert.StartsWith(message, refused.Message, StringComparison.Ordinal);
        Assert.Equal(field.Replace("blank ", string.Empty, StringComparison.Ordinal), refused.ParamName);
        await host.Get<IAuditLog>().AppendAsync(fine, Ct); // the one after is number 1: the refused call queued nothing
        Assert.Equal(1, Assert.Single(await ReadAsync(host)).Sequence);
    }

    [Fact]
    public async Task Null_entries_are_refused_by_name()
    {
        await using var host = await KernelHost.StartAsync(Engine.Sqlite);
        var log = host.Get<IAuditLog>();

        Assert.Equal("entry", Assert.Throws<ArgumentNullException>(() => { _ = log.AppendAsync((AuditEvent)null!, Ct); }).ParamName);
        Assert.Equal("entries", Assert.Throws<ArgumentNullException>(() => { _ = log.AppendAsync((IReadOnlyList<AuditEvent>)null!, Ct); }).ParamName);
        Assert.Equal("entries", Assert.Throws<ArgumentNullException>(() => { _ = log.AppendAsync([new AuditEvent("system", "read"), null!], Ct); }).ParamName);
    }

    [Fact]
    public async Task An_empty_append_writes_nothing()
    {
        await using var host = await KernelHost.StartAsync(Engine.Sqlite);
        var log = host.Get<IAuditLog>();

        await log.AppendAsync([], Ct).WaitAsync(Patience, Ct);
        await log.AppendAsync(new AuditEvent("system", "read"), Ct).WaitAsync(Patience, Ct);

        await using var scope = host.Scope();
        var block = Assert.Single(await scope.ServiceProvider.GetRequiredService<PrivacyDb>().AuditBlocks.ToListAsync(Ct));
        Assert.Equal((1, 1), (block.FirstSequence, block.LastSequence));
    }

    [Fact]
    public async Task A_write_the_database_refuses_fails_its_callers_and_the_log_writes_on_afterwards()
    {
        await using var host = await KernelHost.StartAsync(Engine.Sqlite);
        var log = host.Get<IAuditLog>();
        await SqlAsync(host, "CREATE TRIGGER refuse_audit BEFORE INSERT ON privacy_audit_blocks BEGIN SELECT RAISE(ABORT, 'disk says no'); END");

        var failed = await Assert.ThrowsAsync<SqliteException>(() => log.AppendAsync(new AuditEvent("system", "read"), Ct).WaitAsync(Patience, Ct));
        Assert.Contains("disk says no", failed.Message, StringComparison.Ordinal);

        await SqlAsync(host, "DROP TRIGGER refuse_audit");
        await log.AppendAsync(new AuditEvent("system", "change"), Ct).WaitAsync(Patience, Ct);

        var entry = Assert.Single(await ReadAsync(host));
        Assert.Equal((1, "change"), (entry.Sequence, entry.Action));
        var verified = await VerifyAsync(host);
        Assert.True(verified.Intact, verified.Problem);
    }

    [Fact]
    public async Task A_missing_head_row_is_reported_to_the_caller()
    {
        await using var host = await KernelHost.StartAsync(Engine.Sqlite);
        await SqlAsync(host, "DELETE FROM privacy_audit_head");

        var failed = await Assert.ThrowsAsync<InvalidOperationException>(() => host.Get<IAuditLog>().AppendAsync(new AuditEvent("system", "read"), Ct).WaitAsync(Patience, Ct));

        Assert.Equal("The audit head row is missing; run the migrations.", failed.Message);
        Assert.Empty(await ReadAsync(host));
    }

    [Fact]
    public async Task A_checkpoint_the_database_refuses_is_an_error_not_taken_for_another_signer()
    {
        await using var host = await KernelHost.StartAsync(Engine.Sqlite);
        var log = host.Get<AuditLog>();
        await log.AppendAsync(new AuditEvent("system", "read"), Ct);
        await log.CheckpointAsync(Ct);
        await log.AppendAsync(new AuditEvent("system", "read"), Ct);
        await SqlAsync(host, "CREATE TRIGGER refuse_checkpoint BEFORE INSERT ON privacy_audit_checkpoints BEGIN SELECT RAISE(ABORT, 'no room'); END");

        await Assert.ThrowsAsync<DbUpdateException>(() => log.CheckpointAsync(Ct));

        await using var scope = host.Scope();
        Assert.Equal([1L], await scope.ServiceProvider.GetRequiredService<PrivacyDb>().AuditCheckpoints.Select(c => c.Sequence).ToListAsync(Ct));
    }

    [Fact]
    public async Task A_caller_that_stops_waiting_does_not_withdraw_its_entry()
    {
        await using var host = await KernelHost.StartAsync(Engine.Sqlite);
        var log = host.Get<IAuditLog>();
        Task waiting;
        await using (await WriteLockAsync(host))
        {
            using var impatient = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            waiting = log.AppendAsync(new AuditEvent("system", "read"), impatient.Token);

            // Given up while the writer still waits for the lock (a caller not let go would time out here instead).
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(10), Ct));
        }

        await log.AppendAsync(new AuditEvent("system", "change"), Ct).WaitAsync(Patience, Ct);
        Assert.Equal(["read", "change"], (await ReadAsync(host)).Select(e => e.Action));
    }

    [Fact]
    public async Task Entries_queued_while_a_block_is_written_go_into_the_next_block_up_to_the_batch_limit()
    {
        await using var host = await KernelHost.StartAsync(Engine.Sqlite);
        var log = host.Get<IAuditLog>();
        List<Task> appends;
        await using (await WriteLockAsync(host))
        {
            appends = [log.AppendAsync(new AuditEvent("system", "first"), Ct)];
            // The writer has taken the first entry and waits for the lock; these queue behind it.
            await Task.Delay(TimeSpan.FromMilliseconds(500), Ct);
            appends.Add(log.AppendAsync([.. Enumerable.Range(0, AuditLog.MaxBatch).Select(i => new AuditEvent("system", "bulk"))], Ct));
            appends.Add(log.AppendAsync(new AuditEvent("system", "after"), Ct));
            appends.Add(log.AppendAsync(new AuditEvent("system", "after"), Ct));
        }

        await Task.WhenAll(appends).WaitAsync(Patience, Ct);

        await using var scope = host.Scope();
        var blocks = await scope.ServiceProvider.GetRequiredService<PrivacyDb>().AuditBlocks.OrderBy(b => b.FirstSequence).ToListAsync(Ct);
        Assert.Equal([1, AuditLog.MaxBatch, 2], blocks.Select(b => b.LastSequence - b.FirstSequence + 1));
        var verified = await VerifyAsync(host);
        Assert.True(verified.Intact, verified.Problem);
    }

    [Fact]
    public async Task A_log_shut_down_has_written_everything_queued_and_takes_nothing_more()
    {
        await using var host = await KernelHost.StartAsync(Engine.Sqlite);
        // A log of its own (the host's stays open): as the host shuts down, callers' entries are still queued.
        var log = new AuditLog(host.Get<IServiceScopeFactory>(), host.Get<IKeyProvider>(), TimeProvider.System);
        var appends = Enumerable.Range(0, 20)
            .Select(i => log.AppendAsync([.. Enumerable.Range(0, 500).Select(j => new AuditEvent("system", "read", RequestId: $"req-{i}-{j}"))], CancellationToken.None))
            .ToList();

        await log.DisposeAsync();

        Assert.Equal(20 * 500, (await ReadAsync(host)).Count);
        await Task.WhenAll(appends).WaitAsync(Patience, Ct);
        var refused = Assert.Throws<InvalidOperationException>(() => { _ = log.AppendAsync(new AuditEvent("system", "read"), Ct); });
        Assert.Equal("The audit log is shutting down.", refused.Message);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => log.CheckpointAsync(Ct));
    }

    private static async Task<List<AuditEntryRecord>> ReadAsync(KernelHost host)
    {
        await using var scope = host.Scope();
        return [.. await scope.ServiceProvider.GetRequiredService<AuditReader>().ReadAsync(1, null, Ct)];
    }

    private static async Task<AuditVerification> VerifyAsync(KernelHost host)
    {
        await using var scope = host.Scope();
        return await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(null, Ct);
    }

    private static async Task SqlAsync(KernelHost host, string sql)
    {
        await using var scope = host.Scope();
        await scope.ServiceProvider.GetRequiredService<PrivacyDb>().Database.ExecuteSqlRawAsync(sql, Ct);
    }

    /// <summary>Another connection holding SQLite's write lock (as a second process would) until disposed.</summary>
    private static async Task<WriteLock> WriteLockAsync(KernelHost host)
    {
        string connectionString;
        await using (var scope = host.Scope())
        {
            connectionString = scope.ServiceProvider.GetRequiredService<PrivacyDb>().Database.GetConnectionString()!;
        }

        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(Ct);
        return new WriteLock(connection, connection.BeginTransaction(System.Data.IsolationLevel.Serializable, deferred: false));
    }

    private sealed class WriteLock(SqliteConnection connection, SqliteTransaction transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
