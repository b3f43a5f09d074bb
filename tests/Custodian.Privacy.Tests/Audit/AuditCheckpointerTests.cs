using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Custodian.Privacy.Tests.Audit;

/// <summary>
/// The background service that signs the chain's tail, run here in-process on SQLite with a fake clock (in the
/// host it starts with the application): every five minutes of the clock, and once more when it stops.
/// </summary>
public sealed class AuditCheckpointerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_tail_is_signed_each_time_five_minutes_pass()
    {
        var clock = new TimerWatchingClock(new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero));
        await using var host = await KernelHost.StartAsync(Engine.Sqlite, clock);
        var log = host.Get<AuditLog>();
        using var checkpointer = new AuditCheckpointer(log, clock);
        await log.AppendAsync(new AuditEvent("system", "read"), Ct);
        await checkpointer.StartAsync(Ct);
        // The service starts its timer on its own task (BackgroundService); time moves only once it runs.
        await clock.PeriodicTimerStarted.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        clock.Advance(TimeSpan.FromMinutes(5));
        var first = await CheckpointAtAsync(host, 1);
        await log.AppendAsync([new AuditEvent("system", "read"), new AuditEvent("system", "change")], Ct);
        clock.Advance(TimeSpan.FromMinutes(5));
        var second = await CheckpointAtAsync(host, 3);

        Assert.Equal(AuditLog.UnixMicroseconds(new DateTimeOffset(2026, 12, 6, 9, 5, 0, TimeSpan.Zero)), first.SignedAtUnixMicroseconds);
        Assert.Equal(AuditLog.UnixMicroseconds(new DateTimeOffset(2026, 12, 6, 9, 10, 0, TimeSpan.Zero)), second.SignedAtUnixMicroseconds);
        await checkpointer.StopAsync(Ct);
        var verified = await VerifyAsync(host);
        Assert.True(verified.Intact, verified.Problem);
        Assert.Equal(2, verified.Checkpoints);
    }

    [Fact]
    public async Task Stopping_signs_the_tail_and_ends_the_timer_loop()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero));
        await using var host = await KernelHost.StartAsync(Engine.Sqlite, clock);
        var log = host.Get<AuditLog>();
        using var checkpointer = new AuditCheckpointer(log, clock);
        await checkpointer.StartAsync(Ct);
        await log.AppendAsync([new AuditEvent("system", "read"), new AuditEvent("system", "export")], Ct);
        clock.Advance(TimeSpan.FromMinutes(1));

        await checkpointer.StopAsync(Ct);

        Assert.True(checkpointer.ExecuteTask?.IsCompleted);
        await using var scope = host.Scope();
        var signed = Assert.Single(await scope.ServiceProvider.GetRequiredService<PrivacyDb>().AuditCheckpoints.ToListAsync(Ct));
        Assert.Equal(2, signed.Sequence);
        Assert.Equal(AuditLog.UnixMicroseconds(clock.GetUtcNow()), signed.SignedAtUnixMicroseconds);
    }

    /// <summary>The checkpoint at <paramref name="sequence"/> once the service has signed it (it runs on its own task).</summary>
    private static async Task<AuditCheckpointRecord> CheckpointAtAsync(KernelHost host, long sequence)
    {
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        patience.CancelAfter(TimeSpan.FromSeconds(30));
        while (true)
        {
            await using (var scope = host.Scope())
            {
                var db = scope.ServiceProvider.GetRequiredService<PrivacyDb>();
                if (await db.AuditCheckpoints.AsNoTracking().SingleOrDefaultAsync(c => c.Sequence == sequence, patience.Token) is { } signed)
                {
                    return signed;
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), patience.Token);
        }
    }

    /// <summary>A fake clock that says when a periodic timer (the service's) has been set on it.</summary>
    private sealed class TimerWatchingClock(DateTimeOffset start) : FakeTimeProvider(start)
    {
        public TaskCompletionSource PeriodicTimerStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            if (period != Timeout.InfiniteTimeSpan && period > TimeSpan.Zero)
            {
                PeriodicTimerStarted.TrySetResult();
            }

            return timer;
        }
    }

    private static async Task<AuditVerification> VerifyAsync(KernelHost host)
    {
        await using var scope = host.Scope();
        return await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(null, Ct);
    }
}
