using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Scheduling;
using Custodian.Privacy.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Custodian.Privacy.Tests.Audit;

/// <summary>
/// The job that signs the chain's tail, run here in-process on SQLite with a fake clock: as scheduled work (every
/// five minutes, once across instances; the runner's timing is tested in ScheduledWorkRunnerTests) and when the
/// instance stops.
/// </summary>
public sealed class AuditCheckpointerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_scheduled_run_signs_the_tail_with_the_clocks_time()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero));
        await using var host = await KernelHost.StartAsync(Engine.Sqlite, clock);
        var log = host.Get<AuditLog>();
        var checkpointer = Assert.Single(host.Services.GetServices<IScheduledWork>().OfType<AuditCheckpointer>());
        Assert.Equal(("privacy.audit-checkpoint", TimeSpan.FromMinutes(5)), (checkpointer.Name, checkpointer.Every));
        await log.AppendAsync(new AuditEvent("system", "read"), Ct);

        clock.Advance(TimeSpan.FromMinutes(5));
        await checkpointer.RunAsync(host.Services, Ct);
        await log.AppendAsync([new AuditEvent("system", "read"), new AuditEvent("system", "change")], Ct);
        clock.Advance(TimeSpan.FromMinutes(5));
        await checkpointer.RunAsync(host.Services, Ct);

        var signed = await CheckpointsAsync(host);
        Assert.Equal([1L, 3L], signed.Select(c => c.Sequence));
        Assert.Equal(
            [AuditLog.UnixMicroseconds(new DateTimeOffset(2026, 12, 6, 9, 5, 0, TimeSpan.Zero)), AuditLog.UnixMicroseconds(new DateTimeOffset(2026, 12, 6, 9, 10, 0, TimeSpan.Zero))],
            signed.Select(c => c.SignedAtUnixMicroseconds));
        await using var scope = host.Scope();
        var verified = await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(null, Ct);
        Assert.True(verified.Intact, verified.Problem);
        Assert.Equal(2, verified.Checkpoints);
    }

    [Fact]
    public async Task Stopping_the_instance_signs_the_tail()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero));
        await using var host = await KernelHost.StartAsync(Engine.Sqlite, clock);
        var log = host.Get<AuditLog>();
        var checkpointer = host.Get<AuditCheckpointer>();
        await checkpointer.StartAsync(Ct);
        await log.AppendAsync([new AuditEvent("system", "read"), new AuditEvent("system", "export")], Ct);
        clock.Advance(TimeSpan.FromMinutes(1));

        await checkpointer.StopAsync(Ct);

        var signed = Assert.Single(await CheckpointsAsync(host));
        Assert.Equal(2, signed.Sequence);
        Assert.Equal(AuditLog.UnixMicroseconds(clock.GetUtcNow()), signed.SignedAtUnixMicroseconds);
    }

    private static async Task<List<AuditCheckpointRecord>> CheckpointsAsync(KernelHost host)
    {
        await using var scope = host.Scope();
        return await scope.ServiceProvider.GetRequiredService<PrivacyDb>().AuditCheckpoints.AsNoTracking().OrderBy(c => c.Sequence).ToListAsync(Ct);
    }
}
