using System.Globalization;
using System.Security.Cryptography;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Privacy.Protection;

/// <summary>
/// Keys every instance shares, kept in the records database (<c>privacy_shared_keys</c>) sealed by the operator's
/// master key: the KEK versions, the blind-index key and the audit-signing key. The first instance to start creates
/// them (bringing in its key folder's keys, if it has any, so data they protect stays readable); the primary key on
/// purpose and version lets only one of several starting instances succeed, the others read its keys. A KEK version
/// another instance added is loaded when a data key names it, and the current version is looked up again every
/// <see cref="KekPropagation"/>.
/// </summary>
public sealed class SharedKeys : IKeyProvider, IDisposable
{
    internal const string KekPurpose = "kek";
    internal const string BlindIndexPurpose = "blind-index";
    internal const string AuditSigningPurpose = "audit-signing";

    private readonly IServiceScopeFactory _scopes;
    private readonly MasterKey _master;
    private readonly TimeProvider _clock;
    private readonly Lock _lock = new();
    private readonly Dictionary<int, AesGcm> _keks = [];
    private byte[] _blindIndexKey = [];
    private ECDsa? _auditSigningKey;
    private long _kekVersionsReadAt;

    private SharedKeys(IServiceScopeFactory scopes, MasterKey master, TimeProvider clock, TimeSpan refresh)
    {
        (_scopes, _master, _clock, KekPropagation) = (scopes, master, clock, refresh);
    }

    public TimeSpan KekPropagation { get; }

    public int CurrentKekVersion
    {
        get
        {
            lock (_lock)
            {
                RefreshIfStale();
                return _keks.Keys.Max();
            }
        }
    }

    public IReadOnlyList<int> KekVersions
    {
        get
        {
            lock (_lock)
            {
                RefreshIfStale();
                return _keks.Keys.Order().ToList();
            }
        }
    }

    public ReadOnlySpan<byte> BlindIndexKey => _blindIndexKey;

    public ECDsa AuditSigningKey => _auditSigningKey!;

    /// <summary>
    /// Opens the shared keys in the records database, creating them at the first start. <paramref name="localFolder"/>'s
    /// keys become the shared keys when none exist yet and the folder holds some.
    /// </summary>
    /// <exception cref="SettingProblemException">The master key does not open the stored keys, or the database cannot be read.</exception>
    public static SharedKeys Open(IServiceScopeFactory scopes, MasterKey master, TimeProvider clock, TimeSpan refresh, string? localFolder)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        ArgumentNullException.ThrowIfNull(master);
        ArgumentNullException.ThrowIfNull(clock);
        var keys = new SharedKeys(scopes, master, clock, refresh);
        try
        {
            keys.LoadOrCreate(localFolder);
            return keys;
        }
        catch
        {
            keys.Dispose();
            throw;
        }
    }

    public byte[] Wrap(ReadOnlySpan<byte> dataKey, ReadOnlySpan<byte> associatedData, out int kekVersion)
    {
        lock (_lock)
        {
            RefreshIfStale();
            kekVersion = _keks.Keys.Max();
            return KekWrap.Wrap(_keks[kekVersion], dataKey, associatedData);
        }
    }

    public byte[] Unwrap(int kekVersion, ReadOnlySpan<byte> wrapped, ReadOnlySpan<byte> associatedData)
    {
        lock (_lock)
        {
            if (!_keks.ContainsKey(kekVersion))
            {
                ReadKekVersions(); // another instance may have added it since
            }

            if (!_keks.TryGetValue(kekVersion, out var kek))
            {
                throw new CryptographicException($"Key-encryption key version {kekVersion} is retired or missing.");
            }

            return KekWrap.Unwrap(kek, wrapped, associatedData);
        }
    }

    public int AddKekVersion()
    {
        lock (_lock)
        {
            for (var attempt = 0; ; attempt++)
            {
                ReadKekVersions();
                var version = _keks.Keys.Max() + 1;
                var key = RandomNumberGenerator.GetBytes(32);
                try
                {
                    using var scope = _scopes.CreateScope();
                    var db = scope.ServiceProvider.GetRequiredService<PrivacyDb>();
                    db.SharedKeys.Add(Seal(KekPurpose, version, key));
                    db.SaveChanges();
                }
                catch (DbUpdateException) when (attempt < 3)
                {
                    continue; // another instance added this version at the same moment: take the next one
                }

                _keks[version] = new AesGcm(key, 16);
                CryptographicOperations.ZeroMemory(key);
                return version;
            }
        }
    }

    public void RetireKekVersionsBefore(int version)
    {
        lock (_lock)
        {
            using var scope = _scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<PrivacyDb>();
            if (!db.SharedKeys.Any(k => k.Purpose == KekPurpose && k.Version >= version))
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"No key-encryption key v{version} or later exists; retiring every older one would leave none."));
            }

            db.SharedKeys.Where(k => k.Purpose == KekPurpose && k.Version < version).ExecuteDelete();
            ReadKekVersions();
        }
    }

    /// <summary>
    /// Seals every shared key under <paramref name="newMaster"/> in one transaction. Other instances keep working
    /// with the keys they hold; they need the new master key at their next start.
    /// </summary>
    public int ResealUnder(MasterKey newMaster)
    {
        ArgumentNullException.ThrowIfNull(newMaster);
        lock (_lock)
        {
            using var scope = _scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<PrivacyDb>();
            using var transaction = db.Database.BeginTransaction();
            var rows = db.SharedKeys.ToList();
            foreach (var row in rows)
            {
                var key = OpenRow(row);
                row.Sealed = SharedKeyFormat.Seal(newMaster.Key, row.Purpose, row.Version, key);
                CryptographicOperations.ZeroMemory(key);
            }

            db.SaveChanges();
            transaction.Commit();
            return rows.Count;
        }
    }

    public void Dispose()
    {
        foreach (var kek in _keks.Values)
        {
            kek.Dispose();
        }

        _auditSigningKey?.Dispose();
        CryptographicOperations.ZeroMemory(_blindIndexKey);
    }

    private void LoadOrCreate(string? localFolder)
    {
        var rows = ReadAll();
        if (rows.Count == 0)
        {
            var local = localFolder is null ? null : LocalKeyFiles.ReadExisting(localFolder);
            RefuseToLoseStoredData(local, localFolder);
            var created = Create(local);
            try
            {
                using var scope = _scopes.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<PrivacyDb>();
                db.SharedKeys.AddRange(created);
                db.SaveChanges(); // one transaction: all keys or none
            }
            catch (DbUpdateException)
            {
                // Another instance created them at the same moment: theirs are the shared keys.
            }

            rows = ReadAll();
        }

        foreach (var row in rows)
        {
            var key = OpenRow(row);
            switch (row.Purpose)
            {
                case KekPurpose:
                    _keks[row.Version] = new AesGcm(key, 16);
                    CryptographicOperations.ZeroMemory(key);
                    break;
                case BlindIndexPurpose:
                    _blindIndexKey = key;
                    break;
                case AuditSigningPurpose:
                    _auditSigningKey = ECDsa.Create();
                    _auditSigningKey.ImportPkcs8PrivateKey(key, out _);
                    CryptographicOperations.ZeroMemory(key);
                    break;
                default:
                    throw Unusable($"they hold an entry for '{row.Purpose}', which this version does not know (a newer version wrote it?)");
            }
        }

        if (_keks.Count == 0 || _blindIndexKey.Length == 0 || _auditSigningKey is null)
        {
            throw Unusable("a key-encryption key, the blind-index key or the audit-signing key is missing");
        }

        _kekVersionsReadAt = _clock.GetTimestamp();
    }

    /// <summary>
    /// Shared keys made fresh next to data keys wrapped by some key folder's KEK would leave that data unreadable for
    /// good (the fresh keys would be stored first): this start must come from the folder that made them.
    /// </summary>
    private void RefuseToLoseStoredData(LocalKeyMaterial? local, string? localFolder)
    {
        DataKeyRecord? stored;
        using (var scope = _scopes.CreateScope())
        {
            stored = StoredDataKeys.Newest(scope.ServiceProvider.GetRequiredService<PrivacyDb>());
        }

        if (stored is not null && (local is null || !StoredDataKeys.Opens(local.Keks, stored)))
        {
            var here = local is null ? $"the key folder '{localFolder}' holds no keys" : $"the keys in '{localFolder}' do not open them";
            throw new SettingProblemException(_master.Setting,
                $"no shared keys exist yet, but the records database holds data keys and {here}. Start the first instance with the master key on the data folder whose key folder ({LocalKeyFiles.Setting}) made those data keys: its keys become the shared keys.");
        }
    }

    private List<SharedKeyRecord> Create(LocalKeyMaterial? local)
    {
        var rows = new List<SharedKeyRecord>();
        foreach (var (version, key) in local?.Keks ?? new Dictionary<int, byte[]> { [1] = RandomNumberGenerator.GetBytes(32) })
        {
            rows.Add(Seal(KekPurpose, version, key));
        }

        rows.Add(Seal(BlindIndexPurpose, 1, local?.BlindIndexKey ?? RandomNumberGenerator.GetBytes(32)));
        using var audit = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        rows.Add(Seal(AuditSigningPurpose, 1, local?.AuditSigningKey ?? audit.ExportPkcs8PrivateKey()));
        return rows;
    }

    private void RefreshIfStale()
    {
        if (_clock.GetElapsedTime(_kekVersionsReadAt) >= KekPropagation)
        {
            ReadKekVersions();
        }
    }

    /// <summary>Adds KEK versions another instance created and drops the ones it retired.</summary>
    private void ReadKekVersions()
    {
        using var scope = _scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PrivacyDb>();
        var versions = db.SharedKeys.AsNoTracking().Where(k => k.Purpose == KekPurpose).Select(k => k.Version).ToHashSet();
        foreach (var missing in versions.Where(v => !_keks.ContainsKey(v)).ToList())
        {
            var row = db.SharedKeys.AsNoTracking().Single(k => k.Purpose == KekPurpose && k.Version == missing);
            var key = OpenRow(row);
            _keks[missing] = new AesGcm(key, 16);
            CryptographicOperations.ZeroMemory(key);
        }

        foreach (var retired in _keks.Keys.Where(v => !versions.Contains(v)).ToList())
        {
            _keks[retired].Dispose();
            _keks.Remove(retired);
        }

        _kekVersionsReadAt = _clock.GetTimestamp();
    }

    private List<SharedKeyRecord> ReadAll()
    {
        using var scope = _scopes.CreateScope();
        return scope.ServiceProvider.GetRequiredService<PrivacyDb>().SharedKeys.AsNoTracking().OrderBy(k => k.Purpose).ThenBy(k => k.Version).ToList();
    }

    private SharedKeyRecord Seal(string purpose, int version, ReadOnlySpan<byte> key) => new()
    {
        Purpose = purpose,
        Version = version,
        Sealed = SharedKeyFormat.Seal(_master.Key, purpose, version, key),
        CreatedAtUtc = _clock.GetUtcNow().UtcDateTime,
    };

    private byte[] OpenRow(SharedKeyRecord row)
    {
        try
        {
            return SharedKeyFormat.Open(_master.Key, row.Purpose, row.Version, row.Sealed);
        }
        catch (CryptographicException e)
        {
            throw Unreadable(e.Message, e);
        }
    }

    private SettingProblemException Unreadable(string problem, Exception inner) =>
        new(_master.Setting, $"the master key does not open the shared keys stored in the records database (privacy_shared_keys): {problem}. Give every instance the master key the first one started with.", inner);

    private SettingProblemException Unusable(string problem) =>
        new(_master.Setting, $"the shared keys stored in the records database (privacy_shared_keys) cannot be used: {problem}.");
}
