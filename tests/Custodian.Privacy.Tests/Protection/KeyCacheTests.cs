using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Protection;
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
}
