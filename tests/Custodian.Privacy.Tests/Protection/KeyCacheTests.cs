using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Protection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Custodian.Privacy.Tests.Protection;

public sealed class KeyCacheTests
{
    private static readonly FieldAddress Field = new("t", "c", "r");

    [Fact]
    public async Task Keys_unused_for_longer_than_the_cache_lifetime_are_dropped_when_the_cache_fills()
    {
        var clock = new FakeTimeProvider();
        await using var host = await KernelHost.StartAsync(Engine.Sqlite);
        var ring = new KeyRing(host.Get<IServiceScopeFactory>(), host.Get<IKeyProvider>(), clock) { MaxCachedKeys = 10 };
        var vault = new PersonalDataVault(ring, host.Get<IKeyProvider>(), host.Get<Abstractions.Audit.IAuditLog>(), host.Get<Abstractions.Audit.ICurrentActor>());
        var old = new List<Encrypted<string>>();
        for (var i = 0; i < 10; i++)
        {
            old.Add(await vault.SealAsync(KeyScope.Subject(SubjectId.New()), Field, "v", TestContext.Current.CancellationToken));
        }

        clock.Advance(TimeSpan.FromMinutes(6));
        await vault.SealAsync(KeyScope.Subject(SubjectId.New()), Field, "new", TestContext.Current.CancellationToken);

        Assert.Equal(1, ring.CachedKeyCount);
        Assert.Equal("v", (await vault.OpenAsync(old[0], Field, TestContext.Current.CancellationToken)).Value); // reloaded on demand
    }

    [Fact]
    public async Task A_cached_key_is_used_for_just_under_the_cache_lifetime_and_looked_up_again_at_it()
    {
        var clock = new FakeTimeProvider();
        await using var host = await KernelHost.StartAsync(Engine.Sqlite);
        var (ring, vault) = RingOn(host, clock);
        var scope = KeyScope.Subject(SubjectId.New());
        var sealedValue = await vault.SealAsync(scope, Field, "v", Ct);
        var first = KeyIdOf(sealedValue);

        await host.Get<KeyRing>().ShredAsync(scope, Ct); // another instance shreds the subject
        clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromTicks(1));

        Assert.Equal(first, KeyIdOf(await vault.SealAsync(scope, Field, "v", Ct)));
        Assert.Equal("v", (await vault.OpenAsync(sealedValue, Field, Ct)).Value);
        clock.Advance(TimeSpan.FromTicks(1));
        Assert.True((await vault.OpenAsync(sealedValue, Field, Ct)).IsErased);
        Assert.NotEqual(first, KeyIdOf(await vault.SealAsync(scope, Field, "v", Ct)));
        Assert.Equal(2, ring.CachedKeyCount);
    }

    [Fact]
    public async Task A_cache_holding_exactly_its_limit_is_not_swept_and_one_more_key_sweeps_the_stale_ones()
    {
        var clock = new FakeTimeProvider();
        await using var host = await KernelHost.StartAsync(Engine.Sqlite);
        var (ring, vault) = RingOn(host, clock);
        ring.MaxCachedKeys = 3;
        await vault.SealAsync(KeyScope.Subject(SubjectId.New()), Field, "v", Ct);
        await vault.SealAsync(KeyScope.Subject(SubjectId.New()), Field, "v", Ct);
        clock.Advance(TimeSpan.FromMinutes(6));

        await vault.SealAsync(KeyScope.Subject(SubjectId.New()), Field, "v", Ct);
        Assert.Equal(3, ring.CachedKeyCount);

        await vault.SealAsync(KeyScope.Subject(SubjectId.New()), Field, "v", Ct);
        Assert.Equal(2, ring.CachedKeyCount);
    }

    [Fact]
    public async Task When_another_instance_creates_the_first_key_of_a_scope_at_the_same_moment_both_use_that_key()
    {
        var race = new FirstKeyRace();
        await using var host = await KernelHost.StartAsync(Engine.Sqlite, services => services.ConfigureDbContext<PrivacyDb>(o => o.AddInterceptors(race)));
        var scope = KeyScope.Subject(SubjectId.New());
        var other = new KeyRing(host.Get<IServiceScopeFactory>(), host.Get<IKeyProvider>(), TimeProvider.System);
        race.Before = () => other.CurrentAsync(scope, Ct).AsTask();
        var (_, vault) = RingOn(host, TimeProvider.System);

        var sealedValue = await vault.SealAsync(scope, Field, "v", Ct);

        Assert.True(race.Ran);
        Assert.Equal((await other.CurrentAsync(scope, Ct)).Id, KeyIdOf(sealedValue));
        await using var db = host.Scope();
        Assert.Equal(1, await db.ServiceProvider.GetRequiredService<PrivacyDb>().DataKeys.CountAsync(k => k.Scope == scope.Value, Ct));
        Assert.Equal("v", (await vault.OpenAsync(sealedValue, Field, Ct)).Value);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static (KeyRing Ring, PersonalDataVault Vault) RingOn(KernelHost host, TimeProvider clock)
    {
        var ring = new KeyRing(host.Get<IServiceScopeFactory>(), host.Get<IKeyProvider>(), clock);
        return (ring, new PersonalDataVault(ring, host.Get<IKeyProvider>(), host.Get<Abstractions.Audit.IAuditLog>(), host.Get<Abstractions.Audit.ICurrentActor>()));
    }

    private static Guid KeyIdOf(Encrypted<string> value) => new(value.Ciphertext.AsSpan(1, 16));

    /// <summary>Lets another writer insert the scope's first key just before this one's insert reaches the database.</summary>
    private sealed class FirstKeyRace : SaveChangesInterceptor
    {
        private int _ran;

        public Func<Task>? Before { get; set; }

        public bool Ran => _ran == 1;

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            var addsKey = eventData.Context!.ChangeTracker.Entries<DataKeyRecord>().Any(e => e.State == EntityState.Added);
            if (addsKey && Before is { } before && Interlocked.Exchange(ref _ran, 1) == 0)
            {
                await before();
            }

            return result;
        }
    }
}
