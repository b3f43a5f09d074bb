using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Protection;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Privacy.Tests.Protection;

/// <summary>A vault over a new key ring (empty cache) on the same database and keys: what another instance or a restart sees.</summary>
internal sealed class FreshRing(IPersonalDataVault vault) : IAsyncDisposable
{
    public IPersonalDataVault Vault { get; } = vault;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

internal static class FreshRingExtensions
{
    public static FreshRing CreateAsyncScopeFromNewRing(this IServiceProvider services)
    {
        var ring = new KeyRing(services.GetRequiredService<IServiceScopeFactory>(), services.GetRequiredService<IKeyProvider>(), TimeProvider.System);
        return new FreshRing(new PersonalDataVault(ring, services.GetRequiredService<IKeyProvider>(), services.GetRequiredService<Abstractions.Audit.IAuditLog>(), services.GetRequiredService<Abstractions.Audit.ICurrentActor>()));
    }
}
