using System.Collections.Concurrent;
using System.Security.Cryptography;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Privacy.Protection;

/// <summary>
/// Data keys per scope and version, stored wrapped in <c>privacy_data_keys</c> and kept unwrapped in memory for a
/// few minutes. Destroying a scope's rows is crypto-shredding: without the data key no copy of the ciphertext can
/// be read, and once the KEK that wrapped old copies of the key rows is retired, backups cannot either.
/// </summary>
public sealed class KeyRing(IServiceScopeFactory scopes, IKeyProvider keys, TimeProvider clock)
{
    // Another instance may have shredded a key; a cached copy lives at most this long.
    private static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<string, Cached> _currentByScope = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Guid, Cached> _byId = new();

    /// <summary>Above this many cached keys, stale ones are dropped (one key per active subject would grow forever).</summary>
    internal int MaxCachedKeys { get; set; } = 10_000;

    internal int CachedKeyCount => _byId.Count;

    /// <summary>The key new values of the scope are encrypted with (created on first use).</summary>
    /// <summary>The cached current key of the scope, without I/O; null when it must be loaded.</summary>
    internal DataKey? CachedCurrent(KeyScope scope) =>
        _currentByScope.TryGetValue(scope.Value, out var cached) && cached.Key is { } key && Fresh(cached) ? key : null;

    /// <summary>The cached key with this id (null inside = destroyed); false when it must be looked up.</summary>
    internal bool TryCached(Guid id, out DataKey? key)
    {
        if (_byId.TryGetValue(id, out var cached) && Fresh(cached))
        {
            key = cached.Key;
            return true;
        }

        key = null;
        return false;
    }

    internal async ValueTask<DataKey> CurrentAsync(KeyScope scope, CancellationToken cancellationToken)
    {
        if (CachedCurrent(scope) is { } key)
        {
            return key;
        }

        for (var attempt = 0; ; attempt++)
        {
            await using var services = scopes.CreateAsyncScope();
            var db = services.ServiceProvider.GetRequiredService<PrivacyDb>();
            var latest = await db.DataKeys.AsNoTracking().Where(k => k.Scope == scope.Value).OrderByDescending(k => k.Version).FirstOrDefaultAsync(cancellationToken);
            if (latest is not null)
            {
                return Remember(scope.Value, Unwrap(latest));
            }

            try
            {
                return Remember(scope.Value, await CreateAsync(db, scope.Value, 1, cancellationToken));
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another request created the first key of this scope at the same moment: read theirs.
            }
        }
    }

    /// <summary>The key with this id, or null when it was destroyed (the value is erased).</summary>
    /// <exception cref="CryptographicException">No key with this id ever existed here (corrupted or foreign value).</exception>
    internal async ValueTask<DataKey?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        if (TryCached(id, out var known))
        {
            return known;
        }

        await using var services = scopes.CreateAsyncScope();
        var db = services.ServiceProvider.GetRequiredService<PrivacyDb>();
        var record = await db.DataKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Id == id, cancellationToken);
        if (record is null && !await db.DestroyedKeys.AnyAsync(d => d.Id == id, cancellationToken))
        {
            throw new CryptographicException("The value names a data key that never existed here: it is corrupted or from another installation.");
        }

        var key = record is null ? null : Unwrap(record);
        _byId[id] = new Cached(key, clock.GetTimestamp());
        SweepIfFull();
        return key;
    }

    /// <summary>Destroys every version of the scope's key. Returns how many key versions were destroyed.</summary>
    public async Task<int> ShredAsync(KeyScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        await using var services = scopes.CreateAsyncScope();
        var db = services.ServiceProvider.GetRequiredService<PrivacyDb>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ids = await db.DataKeys.Where(k => k.Scope == scope.Value).Select(k => k.Id).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        db.DestroyedKeys.AddRange(ids.Select(id => new DestroyedKeyRecord { Id = id, DestroyedAtUtc = now }));
        await db.SaveChangesAsync(cancellationToken);
        var destroyed = await db.DataKeys.Where(k => k.Scope == scope.Value).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        _currentByScope.TryRemove(scope.Value, out _);
        foreach (var (id, cached) in _byId.Where(e => e.Value.Key?.Scope == scope.Value).ToList())
        {
            _byId[id] = new Cached(null, clock.GetTimestamp());
            cached.Key?.Dispose();
        }

        return destroyed;
    }

    /// <summary>Gives every scope a new key version for new writes; old versions stay readable until re-encrypted.</summary>
    public async Task<int> RotateDataKeysAsync(CancellationToken cancellationToken)
    {
        await using var services = scopes.CreateAsyncScope();
        var db = services.ServiceProvider.GetRequiredService<PrivacyDb>();
        var latest = await db.DataKeys.AsNoTracking().GroupBy(k => k.Scope).Select(g => new { Scope = g.Key, Version = g.Max(k => k.Version) }).ToListAsync(cancellationToken);
        foreach (var scope in latest)
        {
            await CreateAsync(db, scope.Scope, scope.Version + 1, cancellationToken);
        }

        _currentByScope.Clear();
        return latest.Count;
    }

    /// <summary>
    /// Re-wraps data keys still wrapped by an older KEK version with the current one, in batches; data is not
    /// touched. Resumable: each batch commits on its own. Returns how many keys were re-wrapped.
    /// </summary>
    public async Task<int> RewrapAsync(int batchSize, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            await using var services = scopes.CreateAsyncScope();
            var db = services.ServiceProvider.GetRequiredService<PrivacyDb>();
            var current = keys.CurrentKekVersion;
            var batch = await db.DataKeys.Where(k => k.KekVersion < current).OrderBy(k => k.Id).Take(batchSize).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return total;
            }

            foreach (var record in batch)
            {
                var associated = DataKeyRecord.AssociatedData(record.Id, record.Scope, record.Version);
                var plain = keys.Unwrap(record.KekVersion, record.Wrapped, associated);
                record.Wrapped = keys.Wrap(plain, associated, out var kekVersion);
                record.KekVersion = kekVersion;
                CryptographicOperations.ZeroMemory(plain);
            }

            await db.SaveChangesAsync(cancellationToken);
            total += batch.Count;
            progress?.Report(total);
        }
    }

    /// <summary>Key ids with a newer version in the same scope: values under them are due for re-encryption.</summary>
    public async Task<IReadOnlySet<Guid>> SupersededKeyIdsAsync(CancellationToken cancellationToken)
    {
        await using var services = scopes.CreateAsyncScope();
        var all = await services.ServiceProvider.GetRequiredService<PrivacyDb>().DataKeys.AsNoTracking()
            .Select(k => new { k.Id, k.Scope, k.Version }).ToListAsync(cancellationToken);
        var newest = all.GroupBy(k => k.Scope).ToDictionary(g => g.Key, g => g.Max(k => k.Version), StringComparer.Ordinal);
        return all.Where(k => k.Version < newest[k.Scope]).Select(k => k.Id).ToHashSet();
    }

    private async Task<DataKey> CreateAsync(PrivacyDb db, string scope, int version, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7();
        var plain = RandomNumberGenerator.GetBytes(32);
        var wrapped = keys.Wrap(plain, DataKeyRecord.AssociatedData(id, scope, version), out var kekVersion);
        db.DataKeys.Add(new DataKeyRecord { Id = id, Scope = scope, Version = version, KekVersion = kekVersion, Wrapped = wrapped, CreatedAtUtc = clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(cancellationToken);
        return new DataKey(id, scope, version, plain);
    }

    private DataKey Unwrap(DataKeyRecord record) =>
        new(record.Id, record.Scope, record.Version, keys.Unwrap(record.KekVersion, record.Wrapped, DataKeyRecord.AssociatedData(record.Id, record.Scope, record.Version)));

    private DataKey Remember(string scope, DataKey key)
    {
        var entry = new Cached(key, clock.GetTimestamp());
        _currentByScope[scope] = entry;
        _byId[key.Id] = entry;
        SweepIfFull();
        return key;
    }

    // Stale entries are only dropped from the maps, not disposed: another thread may still be using the key.
    private void SweepIfFull()
    {
        if (_byId.Count <= MaxCachedKeys)
        {
            return;
        }

        foreach (var (id, cached) in _byId)
        {
            if (!Fresh(cached))
            {
                _byId.TryRemove(id, out _);
            }
        }

        foreach (var (scope, cached) in _currentByScope)
        {
            if (!Fresh(cached))
            {
                _currentByScope.TryRemove(scope, out _);
            }
        }
    }

    // Monotonic timestamps: cheaper than wall-clock time on every value, and immune to clock changes.
    private bool Fresh(Cached cached) => clock.GetElapsedTime(cached.At) < CacheLifetime;

    private sealed record Cached(DataKey? Key, long At);
}
