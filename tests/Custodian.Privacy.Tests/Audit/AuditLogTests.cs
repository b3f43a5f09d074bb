using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Privacy.Tests.Audit;

/// <summary>2 500 entries appended concurrently, then each kind of tampering, on both engines.</summary>
public sealed class AuditLogTests
{
    private const int Entries = 2500;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task A_log_written_concurrently_verifies_with_signed_checkpoints(Engine engine)
    {
        await using var host = await WrittenLogAsync(engine);

        var result = await VerifyAsync(host);

        Assert.True(result.Intact, result.Problem);
        Assert.Equal(Entries, result.Entries);
        Assert.Equal(2, result.Checkpoints); // at 1000 and 2000; the tail is signed at shutdown
    }

    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task An_edited_entry_is_pinpointed(Engine engine)
    {
        await using var host = await WrittenLogAsync(engine);

        await RewriteAsync(host, entries => entries.Single(e => e.Sequence == 1234).Action = "tampered");

        var result = await VerifyAsync(host);
        Assert.Equal(1234, result.FirstBadSequence);
        Assert.Equal("entry 1234 was edited: its content no longer matches its hash", result.Problem);
    }

    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task A_deleted_entry_is_pinpointed(Engine engine)
    {
        await using var host = await WrittenLogAsync(engine);

        await RewriteAsync(host, entries => entries.RemoveAll(e => e.Sequence == 777));

        var result = await VerifyAsync(host);
        Assert.Equal(777, result.FirstBadSequence);
        Assert.Equal("entry 777 is missing: deleted from the log", result.Problem);
    }

    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task Reordered_entries_are_pinpointed(Engine engine)
    {
        await using var host = await WrittenLogAsync(engine);

        await RewriteAsync(host, entries =>
        {
            var (a, b) = (entries.Single(e => e.Sequence == 500), entries.Single(e => e.Sequence == 501));
            (a.Sequence, b.Sequence) = (501, 500);
            entries.Sort((x, y) => x.Sequence.CompareTo(y.Sequence));
        });

        var result = await VerifyAsync(host);
        Assert.Equal(500, result.FirstBadSequence);
        Assert.Equal("entry 500 holds what was entry 501: entries were inserted, deleted or reordered here", result.Problem);
    }

    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task An_entry_inserted_with_a_correct_hash_is_found_where_the_chain_breaks(Engine engine)
    {
        await using var host = await WrittenLogAsync(engine);

        // Make room after 300 and forge a well-formed entry 301 chained onto 300.
        await RewriteAsync(host, entries =>
        {
            var before = entries.Single(e => e.Sequence == 300);
            entries.Where(e => e.Sequence > 300).ToList().ForEach(e => e.Sequence++);
            var forged = new AuditEntryRecord { Sequence = 301, AtUnixMicroseconds = before.AtUnixMicroseconds + 1, Actor = "account:intruder", Action = "export", PreviousHash = before.Hash };
            forged.Hash = AuditChain.Hash(forged);
            entries.Insert(entries.IndexOf(before) + 1, forged);
        });

        var result = await VerifyAsync(host);
        Assert.Equal(302, result.FirstBadSequence);
        Assert.Equal("entry 302 holds what was entry 301: entries were inserted, deleted or reordered here", result.Problem);
    }

    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task An_entry_appended_behind_the_logs_back_is_found(Engine engine)
    {
        await using var host = await WrittenLogAsync(engine);
        await RewriteAsync(host, entries =>
        {
            var last = entries[^1];
            var forged = new AuditEntryRecord { Sequence = Entries + 1, AtUnixMicroseconds = last.AtUnixMicroseconds + 1, Actor = "system", Action = "read", PreviousHash = last.Hash };
            forged.Hash = AuditChain.Hash(forged);
            entries.Add(forged);
        });

        var result = await VerifyAsync(host);
        Assert.Equal(Entries + 1, result.FirstBadSequence);
        Assert.Equal($"entry {Entries + 1} is not written by the audit log (appended behind its back)", result.Problem);
    }

    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task Entries_cut_from_the_end_of_the_log_are_found_missing_by_the_recorded_head(Engine engine)
    {
        await using var host = await WrittenLogAsync(engine);

        // Past the last signed checkpoint (2000): only the head, which the log moves with every append, knows of them.
        await RewriteAsync(host, entries => entries.RemoveAll(e => e.Sequence > 2400));

        var result = await VerifyAsync(host);
        Assert.Equal(2401, result.FirstBadSequence);
        Assert.Equal($"entries 2401 to {Entries} are missing: deleted from the end of the log", result.Problem);
        Assert.Equal(2400, result.Entries);
    }

    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task A_last_entry_rewritten_with_a_correct_hash_is_found_by_the_recorded_head(Engine engine)
    {
        await using var host = await WrittenLogAsync(engine);

        // A well-formed entry, chained onto its real predecessor: the chain holds, only the head's hash disagrees.
        await RewriteAsync(host, entries =>
        {
            var last = entries[^1];
            (last.Actor, last.Action) = ("account:intruder", "export");
            last.Hash = AuditChain.Hash(last);
        });

        var result = await VerifyAsync(host);
        Assert.Equal(Entries, result.FirstBadSequence);
        Assert.Equal($"entry {Entries} differs from the recorded head of the chain", result.Problem);
    }

    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task A_damaged_block_is_reported_not_a_crash(Engine engine)
    {
        await using var host = await WrittenLogAsync(engine);
        await using (var scope = host.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PrivacyDb>();
            var block = await db.AuditBlocks.OrderBy(b => b.FirstSequence).FirstAsync(Ct);
            // Cut into the last entry's hash: never a boundary between entries.
            block.Entries = block.Entries[..^10];
            await db.SaveChangesAsync(Ct);
        }

        var result = await VerifyAsync(host);

        Assert.False(result.Intact);
        Assert.Contains("is damaged: its bytes are not well-formed", result.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task A_whole_block_deleted_between_others_is_pinpointed(Engine engine)
    {
        await using var host = await LogInBlocksAsync(engine);
        await using (var scope = host.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PrivacyDb>();
            db.AuditBlocks.Remove(await db.AuditBlocks.SingleAsync(b => b.FirstSequence == 201, Ct));
            await db.SaveChangesAsync(Ct);
        }

        var result = await VerifyAsync(host);

        Assert.Equal(201, result.FirstBadSequence);
        Assert.Equal("entries 201 to 300 are missing: deleted from the log", result.Problem);
    }

    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task A_forged_first_entry_of_a_block_is_found_at_the_broken_link(Engine engine)
    {
        await using var host = await LogInBlocksAsync(engine);
        await using (var scope = host.Scope())
        {
            // A well-formed entry 401 with a correct hash of its own, chained onto a made-up predecessor.
            var db = scope.ServiceProvider.GetRequiredService<PrivacyDb>();
            var block = await db.AuditBlocks.SingleAsync(b => b.FirstSequence == 401, Ct);
            var entries = AuditBlock.Decode(block.Entries);
            entries[0].Action = "forged";
            entries[0].PreviousHash = new byte[AuditChain.HashSize];
            entries[0].Hash = AuditChain.Hash(entries[0]);
            block.Entries = AuditBlock.Encode(entries);
            await db.SaveChangesAsync(Ct);
        }

        var result = await VerifyAsync(host);

        Assert.Equal(401, result.FirstBadSequence);
        Assert.Equal("entry 401 does not follow entry 400: an entry was inserted, removed or reordered here", result.Problem);
    }

    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task Of_two_problems_in_different_blocks_the_first_is_reported(Engine engine)
    {
        await using var host = await LogInBlocksAsync(engine);
        await using (var scope = host.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PrivacyDb>();
            foreach (var (first, edited) in new[] { (801L, 850L), (101L, 150L) })
            {
                var block = await db.AuditBlocks.SingleAsync(b => b.FirstSequence == first, Ct);
                var entries = AuditBlock.Decode(block.Entries);
                entries.Single(e => e.Sequence == edited).Actor = "account:someone-else";
                block.Entries = AuditBlock.Encode(entries);
            }

            await db.SaveChangesAsync(Ct);
        }

        var result = await VerifyAsync(host);

        Assert.Equal(150, result.FirstBadSequence);
        Assert.Equal(149, result.Entries);
    }

    [Fact]
    public async Task A_chain_recomputed_after_an_edit_is_caught_by_the_signed_checkpoint()
    {
        await using var host = await WrittenLogAsync(Engine.Sqlite);
        byte[] newHead = [];
        await RewriteAsync(host, entries =>
        {
            entries[1500].Action = "nothing-to-see";
            var previous = entries[1499].Hash;
            foreach (var entry in entries.Skip(1500))
            {
                entry.PreviousHash = previous;
                entry.Hash = AuditChain.Hash(entry);
                previous = entry.Hash;
            }

            newHead = previous;
        });
        await using (var scope = host.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PrivacyDb>();
            (await db.AuditHead.SingleAsync(Ct)).Hash = newHead;
            await db.SaveChangesAsync(Ct);
        }

        var result = await VerifyAsync(host);
        Assert.Equal(1001, result.FirstBadSequence);
        Assert.Equal("entries 1001 to 2000 are rewritten after checkpoint 2000 was signed (the chain was recomputed)", result.Problem);
    }

    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task Concurrent_checkpoints_of_the_same_head_sign_it_once(Engine engine)
    {
        await using var host = await KernelHost.StartAsync(engine);
        await host.Get<IAuditLog>().AppendAsync(new AuditEvent("system", "keys.rotate"), Ct);
        var log = host.Get<AuditLog>();
        // A second log object stands for another instance writing to the same database.
        await using var other = new AuditLog(host.Get<IServiceScopeFactory>(), host.Get<Custodian.Privacy.Protection.IKeyProvider>(), TimeProvider.System);

        await Task.WhenAll(log.CheckpointAsync(Ct), log.CheckpointAsync(Ct), other.CheckpointAsync(Ct), other.CheckpointAsync(Ct));

        var result = await VerifyAsync(host);
        Assert.True(result.Intact, result.Problem);
        Assert.Equal(1, result.Checkpoints);
    }

    [Fact]
    public async Task Entries_carry_pseudonymous_ids_only()
    {
        await using var host = await KernelHost.StartAsync(Engine.Sqlite);
        var subject = SubjectId.New();

        await host.Get<IAuditLog>().AppendAsync(new AuditEvent("account:42", "read", subject, "guidance", "client-work", "req-1"), Ct);

        await using var scope = host.Scope();
        var entry = Assert.Single(await scope.ServiceProvider.GetRequiredService<AuditReader>().ReadAsync(1, null, Ct));
        Assert.Equal(("account:42", "read", subject.ToString(), "guidance", "client-work", "req-1"), (entry.Actor, entry.Action, entry.Subject, entry.Register, entry.Purpose, entry.RequestId));
        Assert.StartsWith("subj_", entry.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Entries_about_one_subject_are_read_without_the_others()
    {
        await using var host = await KernelHost.StartAsync(Engine.Sqlite);
        var (anna, ben) = (SubjectId.New(), SubjectId.New());
        await host.Get<IAuditLog>().AppendAsync([new AuditEvent("account:1", "read", anna), new AuditEvent("account:1", "read", ben), new AuditEvent("system", "keys.rotate"), new AuditEvent("account:2", "change", anna)], Ct);

        await using var scope = host.Scope();
        var about = await scope.ServiceProvider.GetRequiredService<AuditReader>().ReadAsync(1, anna.ToString(), Ct);

        Assert.Equal([1L, 4L], about.Select(e => e.Sequence));
    }

    [Fact]
    public async Task Verifying_reports_progress_at_the_end_of_each_block()
    {
        await using var host = await LogInBlocksAsync(Engine.Sqlite);
        var progress = new Reports();

        await using var scope = host.Scope();
        var result = await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(progress, Ct);

        Assert.True(result.Intact, result.Problem);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => i * 100L), progress.Values);
    }

    [Fact]
    public async Task A_block_whose_recorded_range_disagrees_with_its_entries_is_reported()
    {
        await using var host = await LogInBlocksAsync(Engine.Sqlite);
        await using (var scope = host.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<PrivacyDb>().Database.ExecuteSqlRawAsync("UPDATE privacy_audit_blocks SET last_sequence = 250 WHERE first_sequence = 201", Ct);
        }

        var result = await VerifyAsync(host);

        Assert.Equal(201, result.FirstBadSequence);
        Assert.Equal(300, result.Entries);
        Assert.Equal("the block starting at entry 201 claims to end at 250 but holds entries up to 300", result.Problem);
    }

    [Fact]
    public async Task A_checkpoint_with_a_forged_signature_is_reported()
    {
        await using var host = await KernelHost.StartAsync(Engine.Sqlite);
        var log = host.Get<AuditLog>();
        await log.AppendAsync(new AuditEvent("system", "read"), Ct);
        await log.CheckpointAsync(Ct);
        await using (var scope = host.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PrivacyDb>();
            var checkpoint = await db.AuditCheckpoints.SingleAsync(Ct);
            checkpoint.SignedAtUnixMicroseconds++; // the signature no longer covers what the row says
            await db.SaveChangesAsync(Ct);
        }

        var result = await VerifyAsync(host);

        Assert.Equal((1L, 1L, "checkpoint 1 has an invalid signature"), (result.Entries, result.FirstBadSequence, result.Problem));
    }

    private static async Task<KernelHost> WrittenLogAsync(Engine engine)
    {
        var host = await KernelHost.StartAsync(engine);
        var log = host.Get<IAuditLog>();
        await Task.WhenAll(Enumerable.Range(0, Entries).Select(i =>
            Task.Run(() => log.AppendAsync(new AuditEvent($"account:{i % 7}", i % 3 == 0 ? "read" : "change", SubjectId.New(), "guidance", "client-work", $"req-{i}"), Ct))));
        return host;
    }

    /// <summary>1 000 entries in ten blocks of 100 (each bulk append awaited before the next is one block).</summary>
    private static async Task<KernelHost> LogInBlocksAsync(Engine engine)
    {
        var host = await KernelHost.StartAsync(engine);
        var log = host.Get<IAuditLog>();
        for (var block = 0; block < 10; block++)
        {
            await log.AppendAsync([.. Enumerable.Range(0, 100).Select(i => new AuditEvent("account:1", "read", SubjectId.New(), "guidance", "client-work", $"req-{block}-{i}"))], Ct);
        }

        await using var scope = host.Scope();
        Assert.Equal(10, await scope.ServiceProvider.GetRequiredService<PrivacyDb>().AuditBlocks.CountAsync(Ct));
        return host;
    }

    private static async Task<AuditVerification> VerifyAsync(KernelHost host)
    {
        await using var scope = host.Scope();
        return await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(null, Ct);
    }

    /// <summary>Rewrites the stored entries as someone with database access could: through the block format, as one block.</summary>
    private static async Task RewriteAsync(KernelHost host, Action<List<AuditEntryRecord>> change)
    {
        await using var scope = host.Scope();
        var db = scope.ServiceProvider.GetRequiredService<PrivacyDb>();
        var blocks = await db.AuditBlocks.OrderBy(b => b.FirstSequence).ToListAsync(Ct);
        var entries = blocks.SelectMany(b => AuditBlock.Decode(b.Entries)).ToList();
        change(entries);
        db.AuditBlocks.RemoveRange(blocks);
        db.AuditBlocks.Add(new AuditBlockRecord { FirstSequence = entries[0].Sequence, LastSequence = entries[^1].Sequence, Entries = AuditBlock.Encode(entries) });
        await db.SaveChangesAsync(Ct);
    }

    /// <summary>Progress as reported, in order (<see cref="Progress{T}"/> would post to the thread pool).</summary>
    private sealed class Reports : IProgress<long>
    {
        public List<long> Values { get; } = [];

        public void Report(long value) => Values.Add(value);
    }
}
