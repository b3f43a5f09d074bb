using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Audit;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Privacy.Tests.Audit;

/// <summary>Views appended to the audit log enter the subject's access trail in the same commit as their entries.</summary>
public sealed class AccessTrailTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task Views_appended_concurrently_are_in_the_trail_each_pointing_at_its_own_audit_entry(Engine engine)
    {
        await using var host = await KernelHost.StartAsync(engine);
        var log = host.Get<IAuditLog>();
        var subjects = Enumerable.Range(0, 5).Select(_ => SubjectId.New()).ToList();

        // 400 appends of two entries each: a view and a change (which the trail does not list).
        await Task.WhenAll(Enumerable.Range(0, 400).Select(i => Task.Run(() => log.AppendAsync(
        [
            new AuditEvent($"account:{i % 7}", "guidance view basic data as coach", subjects[i % 5], "guidance", "client-work") { Viewed = new ViewedAs($"Org {i % 3}", "coach", "basic data") },
            new AuditEvent($"account:{i % 7}", "guidance edit basic data as coach", subjects[i % 5], "guidance", "client-work"),
        ], Ct), Ct)));

        var entries = (await ReadAsync(host)).ToDictionary(e => e.Sequence);
        await using var scope = host.Scope();
        var trail = scope.ServiceProvider.GetRequiredService<IAccessTrail>();
        var total = 0;
        foreach (var subject in subjects)
        {
            var views = await trail.ForSubjectAsync(subject, null, Ct);
            Assert.Equal(80, views.Count);
            Assert.All(views, v =>
            {
                var entry = entries[v.Sequence];
                Assert.Equal((subject.ToString(), "guidance view basic data as coach", "guidance"), (entry.Subject, entry.Action, entry.Register));
                Assert.Equal(entry.AtUnixMicroseconds, (v.ViewedAtUtc - DateTime.UnixEpoch).Ticks / 10);
                Assert.Equal(DateTimeKind.Utc, v.ViewedAtUtc.Kind);
            });
            Assert.Equal(views.OrderByDescending(v => v.ViewedAtUtc).ThenByDescending(v => v.Sequence).Select(v => v.Sequence), views.Select(v => v.Sequence));
            total += views.Count;
        }

        Assert.Equal(400, total);
        Assert.Equal(800, entries.Count);
    }

    [Fact]
    public async Task The_newest_views_are_read_first_and_a_limit_takes_only_those()
    {
        await using var host = await KernelHost.StartAsync(Engine.Sqlite);
        var subject = SubjectId.New();
        foreach (var what in new[] { "basic data", "consent", "assessments" })
        {
            await host.Get<IAuditLog>().AppendAsync(View(subject, what), Ct);
        }

        await using var scope = host.Scope();
        var newest = await scope.ServiceProvider.GetRequiredService<IAccessTrail>().ForSubjectAsync(subject, 2, Ct);

        Assert.Equal(["assessments", "consent"], newest.Select(v => v.What));
        Assert.Equal(("Custodian Valmennus Oy", "coach", "guidance"), (newest[0].Organisation, newest[0].Role, newest[0].Register));
    }

    [Fact]
    public async Task A_view_without_a_subject_or_with_a_blank_organisation_is_refused_and_nothing_is_written()
    {
        await using var host = await KernelHost.StartAsync(Engine.Sqlite);
        var log = host.Get<IAuditLog>();

        var noSubject = await Assert.ThrowsAsync<ArgumentException>(() => log.AppendAsync(View(SubjectId.New(), "basic data") with { Subject = null }, Ct));
        var blank = await Assert.ThrowsAsync<ArgumentException>(() => log.AppendAsync(View(SubjectId.New(), "basic data") with { Viewed = new ViewedAs(" ", "coach", "basic data") }, Ct));

        Assert.Equal("An audit entry of a view needs the subject whose data was viewed. (Parameter 'entries')", noSubject.Message);
        Assert.StartsWith("Audit Organisation must be 1 to 200 characters.", blank.Message, StringComparison.Ordinal);
        Assert.Empty(await ReadAsync(host));
    }

    [Fact]
    public async Task When_the_trail_row_cannot_be_written_the_audit_entries_of_that_commit_are_not_written_either()
    {
        await using var host = await KernelHost.StartAsync(Engine.Sqlite);
        var log = host.Get<IAuditLog>();
        var subject = SubjectId.New();
        await SqlAsync(host, "CREATE TRIGGER refuse_trail BEFORE INSERT ON privacy_access_trail BEGIN SELECT RAISE(ABORT, 'trail refused'); END");

        var failed = await Assert.ThrowsAsync<SqliteException>(() => log.AppendAsync(View(subject, "basic data"), Ct).WaitAsync(Patience, Ct));

        Assert.Contains("trail refused", failed.Message, StringComparison.Ordinal);
        Assert.Empty(await ReadAsync(host));
        await SqlAsync(host, "DROP TRIGGER refuse_trail");
        await log.AppendAsync(View(subject, "consent"), Ct).WaitAsync(Patience, Ct);
        await using var scope = host.Scope();
        var view = Assert.Single(await scope.ServiceProvider.GetRequiredService<IAccessTrail>().ForSubjectAsync(subject, null, Ct));
        Assert.Equal((1L, "consent"), (view.Sequence, view.What));
    }

    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task Forgetting_subjects_deletes_their_trail_only_and_keeps_the_audit_entries(Engine engine)
    {
        await using var host = await KernelHost.StartAsync(engine);
        var (gone, kept) = (SubjectId.New(), SubjectId.New());
        await host.Get<IAuditLog>().AppendAsync([View(gone, "basic data"), View(gone, "consent"), View(kept, "basic data")], Ct);

        await using var scope = host.Scope();
        var trail = scope.ServiceProvider.GetRequiredService<IAccessTrail>();
        Assert.Equal(2, await trail.ForgetAsync([gone], Ct));

        Assert.Empty(await trail.ForSubjectAsync(gone, null, Ct));
        Assert.Single(await trail.ForSubjectAsync(kept, null, Ct));
        var entries = await ReadAsync(host);
        Assert.Equal(4, entries.Count); // the three views stay, and the forgetting is an entry of its own
        Assert.Equal(("access trail forgotten", gone.ToString()), (entries[3].Action, entries[3].Subject));
    }

    private static AuditEvent View(SubjectId subject, string what) =>
        new("account:coach-1", "guidance view " + what + " as coach", subject, "guidance", "client-work") { Viewed = new ViewedAs("Custodian Valmennus Oy", "coach", what) };

    private static async Task<List<AuditEntryRecord>> ReadAsync(KernelHost host)
    {
        await using var scope = host.Scope();
        return [.. await scope.ServiceProvider.GetRequiredService<AuditReader>().ReadAsync(1, null, Ct)];
    }

    private static async Task SqlAsync(KernelHost host, string sql)
    {
        await using var scope = host.Scope();
        await scope.ServiceProvider.GetRequiredService<PrivacyDb>().Database.ExecuteSqlRawAsync(sql, Ct);
    }
}
