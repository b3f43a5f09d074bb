using Custodian.Privacy.Abstractions.Events;
using Custodian.Privacy.Events;
using Custodian.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Privacy.Tests.Events;

/// <summary>
/// The kernel's event contract (ADR 0021) on both engines: an event is written in the transaction of the change it tells
/// of, delivered at least once, and handled once thanks to the handler's inbox.
/// </summary>
public sealed class OutboxTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task An_event_is_delivered_when_its_change_commits_and_never_when_it_rolls_back(Engine engine)
    {
        await using var world = await EventWorld.StartAsync(engine);

        await world.WriteNoteAsync("kept", commit: true);
        await world.WriteNoteAsync("rolled back", commit: false);
        var delivered = await world.Dispatcher().DeliverPendingAsync(Ct);

        Assert.Equal(1, delivered);
        Assert.Equal(["kept"], world.Faults.Handled);
        Assert.Equal(1, await world.CounterAsync());
        Assert.Equal(0, await world.Dispatcher().DeliverPendingAsync(Ct)); // delivered means done
    }

    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task An_event_committed_just_before_the_instance_crashed_is_delivered_by_the_next_dispatcher(Engine engine)
    {
        await using var world = await EventWorld.StartAsync(engine);

        await world.WriteNoteAsync("before the crash", commit: true);
        // The instance dies here: nothing in memory survives, the row in the records database does.
        Assert.Equal(1, await world.PendingAsync());
        var delivered = await world.Dispatcher().DeliverPendingAsync(Ct); // a fresh dispatcher, as a restarted or other instance has

        Assert.Equal(1, delivered);
        Assert.Equal(0, await world.PendingAsync());
        Assert.Equal(1, await world.CounterAsync());
    }

    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task A_handler_that_crashed_after_committing_gets_the_event_again_after_the_back_off_and_applies_it_once(Engine engine)
    {
        await using var world = await EventWorld.StartAsync(engine);
        world.Faults.CrashesAfterCommit = 1;
        await world.WriteNoteAsync("one", commit: true);

        Assert.Equal(0, await world.Dispatcher().DeliverPendingAsync(Ct));
        Assert.Equal(0, await world.Dispatcher().DeliverPendingAsync(Ct)); // not again before its back-off
        world.Clock.Advance(OutboxDispatcher.Backoff(1));
        Assert.Equal(1, await world.Dispatcher().DeliverPendingAsync(Ct));

        Assert.Equal(2, world.Faults.Deliveries);
        Assert.Equal(1, await world.CounterAsync());
    }

    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task Events_delivered_twice_by_two_dispatchers_at_once_take_effect_once_each(Engine engine)
    {
        await using var world = await EventWorld.StartAsync(engine);
        for (var i = 0; i < 20; i++)
        {
            await world.WriteNoteAsync($"note {i}", commit: true);
        }

        // Without the lease of ADR 0015 (a paused holder whose lease ran out), two dispatchers may deliver the same events.
        await Task.WhenAll(world.Dispatcher().DeliverPendingAsync(Ct), world.Dispatcher().DeliverPendingAsync(Ct));

        Assert.Equal(20, await world.CounterAsync());
        Assert.Equal(0, await world.PendingAsync());
    }

    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task A_failing_event_does_not_hold_up_the_events_after_it(Engine engine)
    {
        await using var world = await EventWorld.StartAsync(engine);
        await world.WriteNoteAsync("poison", commit: true);
        await world.WriteNoteAsync("fine", commit: true);

        var delivered = await world.Dispatcher().DeliverPendingAsync(Ct);

        Assert.Equal(1, delivered);
        Assert.Equal(1, await world.CounterAsync());
        await using var scope = world.Host.Scope();
        var failed = await scope.ServiceProvider.GetRequiredService<PrivacyDb>().Outbox.AsNoTracking().SingleAsync(e => e.DeliveredAtUs == null, Ct);
        Assert.Equal(1, failed.Attempts);
        Assert.Contains("test.count-notes: InvalidOperationException", failed.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dispatcher_is_scheduled_work_claimed_once_across_instances()
    {
        await using var world = await EventWorld.StartAsync(Engine.Sqlite);

        var work = world.Host.Services.GetServices<Abstractions.Scheduling.IScheduledWork>().Single(w => w.Name == "privacy.events");

        Assert.IsType<OutboxDispatcher>(work);
        Assert.False(work.OnEveryInstance);
        Assert.Equal(TimeSpan.FromSeconds(5), work.Every);
    }

    internal sealed record NoteWritten(string Text) : IDomainEvent
    {
        public static string EventName => "test.note-written";
    }

    internal sealed class HandlerFaults
    {
        public int CrashesAfterCommit { get; set; }

        public int Deliveries { get; set; }

        public List<string> Handled { get; } = [];
    }

    /// <summary>Counts notes: an effect that is not idempotent by itself, so only the inbox keeps a repeat from counting twice.</summary>
    internal sealed class CountNotes(PrivacyDb db, IEventInbox inbox, HandlerFaults faults) : EventSubscriber<NoteWritten>
    {
        public override string Name => "test.count-notes";

        protected override async Task HandleAsync(NoteWritten domainEvent, EventDelivery delivery, CancellationToken cancellationToken)
        {
            lock (faults)
            {
                faults.Deliveries++;
            }

            if (domainEvent.Text == "poison")
            {
                throw new InvalidOperationException("this note cannot be counted");
            }

            await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
            {
                if (await inbox.TryRecordAsync(transaction.GetDbTransaction(), Name, delivery.EventId, cancellationToken))
                {
                    await db.Database.ExecuteSqlRawAsync("UPDATE outbox_test_counter SET value = value + 1", cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                    lock (faults)
                    {
                        faults.Handled.Add(domainEvent.Text);
                    }
                }
            }

            if (faults.CrashesAfterCommit > 0)
            {
                faults.CrashesAfterCommit--;
                throw new IOException("the process died after the handler committed");
            }
        }
    }

    private sealed class EventWorld : IAsyncDisposable
    {
        private EventWorld(KernelHost host, SettableClock clock, HandlerFaults faults) => (Host, Clock, Faults) = (host, clock, faults);

        public KernelHost Host { get; }

        public SettableClock Clock { get; }

        public HandlerFaults Faults { get; }

        public static async Task<EventWorld> StartAsync(Engine engine)
        {
            var clock = new SettableClock(DateTimeOffset.UtcNow);
            var faults = new HandlerFaults();
            var host = await KernelHost.StartAsync(engine, clock, services =>
            {
                services.AddSingleton(faults);
                services.AddScoped<IEventSubscriber, CountNotes>();
            });
            await using var scope = host.Scope();
            var db = scope.ServiceProvider.GetRequiredService<PrivacyDb>();
            await db.Database.ExecuteSqlRawAsync("CREATE TABLE outbox_test_notes (text varchar(100) NOT NULL)", Ct);
            await db.Database.ExecuteSqlRawAsync("CREATE TABLE outbox_test_counter (value integer NOT NULL)", Ct);
            await db.Database.ExecuteSqlRawAsync("INSERT INTO outbox_test_counter (value) VALUES (0)", Ct);
            return new EventWorld(host, clock, faults);
        }

        /// <summary>A module's use case: its own change and the event in one transaction.</summary>
        public async Task WriteNoteAsync(string text, bool commit)
        {
            await using var scope = Host.Scope();
            var db = scope.ServiceProvider.GetRequiredService<PrivacyDb>();
            var outbox = scope.ServiceProvider.GetRequiredService<IEventOutbox>();
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            await db.Database.ExecuteSqlAsync($"INSERT INTO outbox_test_notes (text) VALUES ({text})", Ct);
            await outbox.AddAsync(transaction.GetDbTransaction(), new NoteWritten(text), Ct);
            if (commit)
            {
                await transaction.CommitAsync(Ct);
            }
            else
            {
                await transaction.RollbackAsync(Ct);
            }
        }

        public OutboxDispatcher Dispatcher() => ActivatorUtilities.CreateInstance<OutboxDispatcher>(Host.Services);

        public async Task<int> CounterAsync()
        {
            await using var scope = Host.Scope();
            return await scope.ServiceProvider.GetRequiredService<PrivacyDb>().Database.SqlQueryRaw<int>("SELECT value AS \"Value\" FROM outbox_test_counter").SingleAsync(Ct);
        }

        public async Task<int> PendingAsync()
        {
            await using var scope = Host.Scope();
            return await scope.ServiceProvider.GetRequiredService<PrivacyDb>().Outbox.CountAsync(e => e.DeliveredAtUs == null, Ct);
        }

        public ValueTask DisposeAsync() => Host.DisposeAsync();
    }
}
