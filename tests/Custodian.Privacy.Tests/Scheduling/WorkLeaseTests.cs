using Custodian.Privacy.Abstractions.Scheduling;
using Custodian.Privacy.Scheduling;
using Custodian.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Privacy.Tests.Scheduling;

/// <summary>Leases in the records database, as several instances of the service see them (each a <see cref="WorkLeases"/> of its own).</summary>
public sealed class WorkLeaseTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task Work_held_by_one_instance_is_refused_to_another_until_released_and_the_hand_over_reaches_the_next_holder(Engine engine)
    {
        var clock = new SettableClock(DateTimeOffset.UtcNow);
        await using var host = await KernelHost.StartAsync(engine, clock);
        var (one, two) = (Instance(host, clock), Instance(host, clock));

        var held = await one.TryClaimAsync("marketplace.account:1", Ct);
        Assert.NotNull(held);
        Assert.Null(held.HandedOver);
        Assert.Null(await two.TryClaimAsync("marketplace.account:1", Ct));
        await using (var other = await two.TryClaimAsync("marketplace.account:2", Ct))
        {
            Assert.NotNull(other); // other work is free
        }

        await held.ReleaseAsync("statistics=1700000000000");
        await using var next = await two.TryClaimAsync("marketplace.account:1", Ct);

        Assert.NotNull(next);
        Assert.Equal("statistics=1700000000000", next.HandedOver);
        Assert.Null(await one.TryClaimAsync("marketplace.account:1", Ct));
    }

    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task Of_twenty_instances_claiming_new_work_at_once_exactly_one_gets_it(Engine engine)
    {
        var clock = new SettableClock(DateTimeOffset.UtcNow);
        await using var host = await KernelHost.StartAsync(engine, clock);
        var instances = Enumerable.Range(0, 20).Select(_ => Instance(host, clock)).ToList();

        var claims = await Task.WhenAll(instances.Select(i => i.TryClaimAsync("privacy.audit-checkpoint-now", Ct)));

        Assert.Single(claims, c => c is not null);
        await claims.Single(c => c is not null)!.DisposeAsync();
    }

    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task A_lease_its_holder_stopped_renewing_is_taken_over_after_it_runs_out_and_the_old_holder_learns_it_lost_it(Engine engine)
    {
        var clock = new SettableClock(DateTimeOffset.UtcNow);
        await using var host = await KernelHost.StartAsync(engine, clock);
        var (one, two) = (Instance(host, clock, "00:00:03"), Instance(host, clock, "00:00:03"));
        await using var stale = await one.TryClaimAsync("marketplace.telegram-polling", Ct);
        Assert.NotNull(stale);

        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Null(await two.TryClaimAsync("marketplace.telegram-polling", Ct));
        clock.Advance(TimeSpan.FromSeconds(2)); // past the 3 s lease: as if the holder hung
        await using var taken = await two.TryClaimAsync("marketplace.telegram-polling", Ct);

        Assert.NotNull(taken);
        // The old holder's next renewal (every third of the lease, 1 s) finds the lease in other hands.
        await WaitUntilAsync(() => stale.Lost.IsCancellationRequested);
        Assert.False(taken.Lost.IsCancellationRequested);
    }

    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task Periodic_work_is_due_once_per_interval_across_instances_counted_from_when_it_was_first_seen(Engine engine)
    {
        var clock = new SettableClock(DateTimeOffset.UtcNow);
        await using var host = await KernelHost.StartAsync(engine, clock);
        var (one, two) = (Instance(host, clock), Instance(host, clock));
        var day = TimeSpan.FromDays(1);

        Assert.Null(await one.TryClaimDueAsync("privacy.retention", day, Ct)); // first sight: due a day from now
        clock.Advance(TimeSpan.FromHours(23));
        Assert.Null(await two.TryClaimDueAsync("privacy.retention", day, Ct));
        clock.Advance(TimeSpan.FromHours(1));
        var run = await two.TryClaimDueAsync("privacy.retention", day, Ct);
        Assert.NotNull(run);
        Assert.Null(await one.TryClaimDueAsync("privacy.retention", day, Ct)); // running elsewhere
        await run.CompleteAsync();
        Assert.Null(await one.TryClaimDueAsync("privacy.retention", day, Ct)); // done for today
        clock.Advance(day);
        await using var tomorrow = await one.TryClaimDueAsync("privacy.retention", day, Ct);
        Assert.NotNull(tomorrow);
    }

    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task A_failed_run_released_without_completing_is_due_again_at_once(Engine engine)
    {
        var clock = new SettableClock(DateTimeOffset.UtcNow);
        await using var host = await KernelHost.StartAsync(engine, clock);
        var (one, two) = (Instance(host, clock), Instance(host, clock));
        var hour = TimeSpan.FromHours(1);
        Assert.Null(await one.TryClaimDueAsync("marketplace.reminders", hour, Ct));
        clock.Advance(hour);

        await (await one.TryClaimDueAsync("marketplace.reminders", hour, Ct))!.ReleaseAsync();
        await using var retry = await two.TryClaimDueAsync("marketplace.reminders", hour, Ct);

        Assert.NotNull(retry);
    }

    [Fact]
    public async Task A_lease_of_a_process_of_this_machine_that_is_gone_is_taken_over_at_once()
    {
        var clock = new SettableClock(DateTimeOffset.UtcNow);
        await using var host = await KernelHost.StartAsync(Engine.Sqlite, clock);
        var gone = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("true") { UseShellExecute = false })!;
        await gone.WaitForExitAsync(Ct);
        await using (var scope = host.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PrivacyDb>();
            db.WorkLeases.Add(new WorkLeaseRecord { Name = "marketplace.account:9", Holder = $"{Environment.MachineName}/{gone.Id}/deadbeef", HeldUntilUtc = clock.GetUtcNow().UtcDateTime.AddHours(1), HandOver = "statistics=1" });
            db.WorkLeases.Add(new WorkLeaseRecord { Name = "marketplace.account:10", Holder = $"another-machine/{gone.Id}/deadbeef", HeldUntilUtc = clock.GetUtcNow().UtcDateTime.AddHours(1) });
            await db.SaveChangesAsync(Ct);
        }

        var instance = Instance(host, clock);
        await using var takenOver = await instance.TryClaimAsync("marketplace.account:9", Ct);

        Assert.NotNull(takenOver);
        Assert.Equal("statistics=1", takenOver.HandedOver);
        Assert.Null(await instance.TryClaimAsync("marketplace.account:10", Ct)); // another machine's process: wait for its lease to run out
    }

    private static WorkLeases Instance(KernelHost host, TimeProvider clock, string? leaseDuration = null) =>
        new(host.Services.GetRequiredService<IServiceScopeFactory>(), clock,
            new ConfigurationBuilder().AddInMemoryCollection(leaseDuration is null ? [] : [new(WorkLeases.LeaseDurationSetting, leaseDuration)]).Build());

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var waited = 0; !condition(); waited += 100)
        {
            Assert.True(waited < 10_000, "not within 10 s");
            await Task.Delay(100, Ct);
        }
    }
}
