using System.Globalization;
using Custodian.Privacy.Abstractions.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Privacy.Scheduling;

/// <summary>
/// Leases kept in the records database (<c>privacy_work_leases</c>), so every instance that shares it sees them
/// (ADR 0015). A claim is one conditional UPDATE (or the INSERT of a new row, which the primary key lets only one
/// instance win), so it works unchanged on PostgreSQL and on SQLite. Times come from <see cref="TimeProvider"/>:
/// instances' clocks must agree to well within a lease (<c>Scheduling:LeaseDuration</c>, default 2 minutes), as NTP gives.
/// Within one instance, callers of the same work serialise themselves (a claim this instance holds is granted again).
/// An instance is named by machine, process id and a random part; a lease whose holder is a process of the same
/// machine that has gone is taken over at once.
/// </summary>
internal sealed class WorkLeases(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration) : IWorkLeases
{
    public const string LeaseDurationSetting = "Scheduling:LeaseDuration";

    public string Instance { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    public TimeSpan Duration { get; } = configuration[LeaseDurationSetting] is { Length: > 0 } text ? TimeSpan.Parse(text, CultureInfo.InvariantCulture) : TimeSpan.FromMinutes(2);

    public Task<WorkLease?> TryClaimAsync(string name, CancellationToken cancellationToken) => ClaimAsync(name, null, cancellationToken);

    public Task<WorkLease?> TryClaimDueAsync(string name, TimeSpan every, CancellationToken cancellationToken) => ClaimAsync(name, every, cancellationToken);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private TimeProvider Clock => clock;

    private async Task<WorkLease?> ClaimAsync(string name, TimeSpan? every, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PrivacyDb>();
        var now = Now;
        var until = now + Duration;
        var doneBefore = every is { } interval ? now - interval : DateTime.MaxValue;
        var me = Instance;
        var claimed = await db.WorkLeases
            .Where(l => l.Name == name && (l.Holder == null || l.Holder == me || l.HeldUntilUtc < now) && (l.DoneAtUtc == null || l.DoneAtUtc <= doneBefore))
            .ExecuteUpdateAsync(u => u.SetProperty(l => l.Holder, me).SetProperty(l => l.HeldUntilUtc, until), cancellationToken);
        if (claimed == 1)
        {
            return new Held(this, name, await HandOverAsync(db, name, cancellationToken));
        }

        if (await db.WorkLeases.AsNoTracking().Where(l => l.Name == name).Select(l => new { l.Holder }).FirstOrDefaultAsync(cancellationToken) is { } existing)
        {
            // A process of this machine that is gone (killed, crashed) cannot renew: its lease is taken over now
            // rather than after it runs out, so a restarted service or a rerun command goes on at once.
            if (existing.Holder is { } holder && HeldByAGoneProcessHere(holder)
                && await db.WorkLeases.Where(l => l.Name == name && l.Holder == holder).ExecuteUpdateAsync(u => u.SetProperty(l => l.Holder, me).SetProperty(l => l.HeldUntilUtc, until), cancellationToken) == 1)
            {
                return new Held(this, name, await HandOverAsync(db, name, cancellationToken));
            }

            return null;
        }

        // First sight of this work. Periodic work counts its interval from here (a fresh service does not run
        // every job at once on its first start); other work is claimed by whoever inserts the row first (the others'
        // inserts do nothing: ON CONFLICT is the same on PostgreSQL and SQLite).
        var (firstHolder, heldUntil, done) = every is null ? (me, (DateTime?)until, (DateTime?)null) : (null, null, now);
        var inserted = await db.Database.ExecuteSqlAsync(
            $"INSERT INTO privacy_work_leases (name, holder, held_until_utc, done_at_utc) VALUES ({name}, {firstHolder}, {heldUntil}, {done}) ON CONFLICT (name) DO NOTHING",
            cancellationToken);
        return inserted == 1 && every is null ? new Held(this, name, null) : null;
    }

    /// <summary>True when <paramref name="holder"/> names another process of this machine that no longer runs.</summary>
    private static bool HeldByAGoneProcessHere(string holder)
    {
        if (holder.Split('/') is not [var machine, var pidText, _] || machine != Environment.MachineName
            || !int.TryParse(pidText, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == Environment.ProcessId)
        {
            return false;
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true; // no such process
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

    /// <summary>Extends the lease; false when this instance no longer holds it.</summary>
    private async Task<bool> RenewAsync(string name, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PrivacyDb>();
        var until = Now + Duration;
        var me = Instance;
        return await db.WorkLeases.Where(l => l.Name == name && l.Holder == me)
            .ExecuteUpdateAsync(u => u.SetProperty(l => l.HeldUntilUtc, until), cancellationToken) == 1;
    }

    private async Task ReleaseAsync(string name, bool done, string? handOver)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PrivacyDb>();
        var me = Instance;
        var leases = db.WorkLeases.Where(l => l.Name == name && l.Holder == me);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var now = Now;
        await leases.ExecuteUpdateAsync(
            u => u.SetProperty(l => l.Holder, (string?)null).SetProperty(l => l.HeldUntilUtc, (DateTime?)null)
                .SetProperty(l => l.DoneAtUtc, l => done ? now : l.DoneAtUtc).SetProperty(l => l.HandOver, handOver),
            timeout.Token);
    }

    private static Task<string?> HandOverAsync(PrivacyDb db, string name, CancellationToken cancellationToken) =>
        db.WorkLeases.AsNoTracking().Where(l => l.Name == name).Select(l => l.HandOver).FirstOrDefaultAsync(cancellationToken);

    /// <summary>A held lease, renewed every third of its duration until released; lost when a renewal finds it taken or the lease ran out unrenewed.</summary>
    private sealed class Held : WorkLease
    {
        private readonly WorkLeases _leases;
        private readonly CancellationTokenSource _lost = new();
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _renewing;
        private int _released;

        public Held(WorkLeases leases, string name, string? handOver)
        {
            (_leases, Name, HandedOver) = (leases, name, handOver);
            _renewing = RenewUntilReleasedAsync();
        }

        public override string Name { get; }

        public override string? HandedOver { get; }

        public override CancellationToken Lost => _lost.Token;

        public override Task CompleteAsync(string? handOver = null) => EndAsync(done: true, handOver);

        public override Task ReleaseAsync(string? handOver = null) => EndAsync(done: false, handOver);

        public override async ValueTask DisposeAsync()
        {
            await EndAsync(done: false, handOver: HandedOver);
            _lost.Dispose();
            _stop.Dispose();
        }

        private async Task EndAsync(bool done, string? handOver)
        {
            if (Interlocked.Exchange(ref _released, 1) == 1)
            {
                return;
            }

            await _stop.CancelAsync();
            await _renewing;
            try
            {
                await _leases.ReleaseAsync(Name, done, handOver);
            }
            catch (Exception e) when (e is DbUpdateException or TimeoutException or OperationCanceledException or System.Data.Common.DbException or InvalidOperationException)
            {
                if (done)
                {
                    throw; // the work is done but not recorded as done: the caller reports it, the next run repeats it
                }

                // Not released: it runs out after its duration and another instance takes the work over then.
            }
        }

        private async Task RenewUntilReleasedAsync()
        {
            var every = _leases.Duration / 3;
            var heldUntil = _leases.Now + _leases.Duration;
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(every, _leases.Clock, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                try
                {
                    if (!await _leases.RenewAsync(Name, _stop.Token))
                    {
                        await _lost.CancelAsync();
                        return;
                    }

                    heldUntil = _leases.Now + _leases.Duration;
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e) when (e is System.Data.Common.DbException or TimeoutException or InvalidOperationException or DbUpdateException)
                {
                    if (_leases.Now >= heldUntil)
                    {
                        await _lost.CancelAsync(); // the database was away for a whole lease: another instance may hold it now
                        return;
                    }
                }
            }
        }
    }
}
