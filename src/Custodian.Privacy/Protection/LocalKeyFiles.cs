using System.Globalization;
using System.Security.Cryptography;
using Custodian.Storage;

namespace Custodian.Privacy.Protection;

/// <summary>
/// Keys as files in one folder (<c>Privacy:KeysPath</c>, default <c>data/keys</c>), each created with mode 0600 in a
/// 0700 folder: <c>kek-vNNNN.key</c> (AES-256 key-encryption keys), <c>blind-index.key</c> (HMAC-SHA256) and
/// <c>audit-signing.key</c> (ECDSA P-256, PKCS#8 PEM). A key file other users can read stops the service: keys
/// readable by anyone else protect nothing.
/// </summary>
public sealed class LocalKeyFiles : IKeyProvider, IDisposable
{
    public const string Setting = "Privacy:KeysPath";
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OthersAny = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private readonly string _folder;
    private readonly Lock _lock = new();
    private readonly Dictionary<int, AesGcm> _keks = [];
    private readonly byte[] _blindIndexKey;

    public LocalKeyFiles(string folder)
    {
        _folder = folder;
        try
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            foreach (var file in Directory.EnumerateFiles(folder, "kek-v*.key"))
            {
                _keks[VersionOf(file)] = new AesGcm(ReadKey(file), 16);
            }

            if (_keks.Count == 0)
            {
                AddKekVersion();
            }

            _blindIndexKey = LoadOrCreate("blind-index.key", () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), text => Convert.FromBase64String(text));
            AuditSigningKey = LoadOrCreate("audit-signing.key", () => ECDsa.Create(ECCurve.NamedCurves.nistP256).ExportPkcs8PrivateKeyPem(), text =>
            {
                var key = ECDsa.Create();
                key.ImportFromPem(text);
                return key;
            });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or CryptographicException)
        {
            throw new SettingProblemException(Setting, $"the key folder '{folder}' cannot be used ({e.Message}).", e);
        }
    }

    public int CurrentKekVersion
    {
        get
        {
            lock (_lock)
            {
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
                return _keks.Keys.Order().ToList();
            }
        }
    }

    public ReadOnlySpan<byte> BlindIndexKey => _blindIndexKey;

    public ECDsa AuditSigningKey { get; }

    public byte[] Wrap(ReadOnlySpan<byte> dataKey, ReadOnlySpan<byte> associatedData, out int kekVersion)
    {
        lock (_lock)
        {
            kekVersion = _keks.Keys.Max();
            return KekWrap.Wrap(_keks[kekVersion], dataKey, associatedData);
        }
    }

    public byte[] Unwrap(int kekVersion, ReadOnlySpan<byte> wrapped, ReadOnlySpan<byte> associatedData)
    {
        lock (_lock)
        {
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
            var version = _keks.Count == 0 ? 1 : _keks.Keys.Max() + 1;
            var key = RandomNumberGenerator.GetBytes(32);
            WriteOwnerOnly(Path.Combine(_folder, string.Create(CultureInfo.InvariantCulture, $"kek-v{version:D4}.key")), Convert.ToBase64String(key));
            _keks[version] = new AesGcm(key, 16);
            return version;
        }
    }

    public void RetireKekVersionsBefore(int version)
    {
        lock (_lock)
        {
            foreach (var old in _keks.Keys.Where(v => v < version).ToList())
            {
                File.Delete(Path.Combine(_folder, string.Create(CultureInfo.InvariantCulture, $"kek-v{old:D4}.key")));
                _keks[old].Dispose();
                _keks.Remove(old);
            }
        }
    }

    /// <summary>Only the local key-encryption keys exist: no other instance wraps with an older version.</summary>
    public TimeSpan KekPropagation => TimeSpan.Zero;

    /// <summary>
    /// The keys already in <paramref name="folder"/>, without creating any; null when it holds no KEK. The first
    /// instance started with a master key brings these into the shared keys, so data they protect stays readable.
    /// </summary>
    internal static LocalKeyMaterial? ReadExisting(string folder)
    {
        if (!Directory.Exists(folder) || !Directory.EnumerateFiles(folder, "kek-v*.key").Any())
        {
            return null;
        }

        try
        {
            var keks = Directory.EnumerateFiles(folder, "kek-v*.key").ToDictionary(VersionOf, ReadKey);
            var blindIndex = Path.Combine(folder, "blind-index.key");
            var audit = Path.Combine(folder, "audit-signing.key");
            byte[]? auditKey = null;
            if (File.Exists(audit))
            {
                using var key = ECDsa.Create();
                key.ImportFromPem(ReadChecked(audit));
                auditKey = key.ExportPkcs8PrivateKey();
            }

            return new LocalKeyMaterial(keks, File.Exists(blindIndex) ? ReadKey(blindIndex) : null, auditKey);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or CryptographicException)
        {
            throw new SettingProblemException(Setting, $"the key folder '{folder}' cannot be read to bring its keys into the shared keys ({e.Message}).", e);
        }
    }

    public void Dispose()
    {
        foreach (var kek in _keks.Values)
        {
            kek.Dispose();
        }

        AuditSigningKey.Dispose();
    }

    private T LoadOrCreate<T>(string name, Func<string> create, Func<string, T> read)
    {
        var path = Path.Combine(_folder, name);
        if (!File.Exists(path))
        {
            WriteOwnerOnly(path, create());
        }

        return read(ReadChecked(path));
    }

    private static byte[] ReadKey(string path) => Convert.FromBase64String(ReadChecked(path).Trim());

    private static string ReadChecked(string path)
    {
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & OthersAny) != 0)
        {
            throw new SettingProblemException(Setting, string.Create(CultureInfo.InvariantCulture,
                $"the key file '{path}' can be read or changed by other users (mode {Convert.ToString((int)File.GetUnixFileMode(path), 8)}); run: chmod 600 '{path}'."));
        }

        return File.ReadAllText(path);
    }

    private static void WriteOwnerOnly(string path, string content)
    {
        using var stream = new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerOnly });
        using var writer = new StreamWriter(stream);
        writer.Write(content);
    }

    private static int VersionOf(string file) =>
        int.Parse(Path.GetFileNameWithoutExtension(file)["kek-v".Length..], CultureInfo.InvariantCulture);
}

/// <summary>Raw key material of a key folder (KEKs by version, blind-index key, audit-signing key as PKCS#8).</summary>
internal sealed record LocalKeyMaterial(IReadOnlyDictionary<int, byte[]> Keks, byte[]? BlindIndexKey, byte[]? AuditSigningKey);
