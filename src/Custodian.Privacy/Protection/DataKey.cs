using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Custodian.Privacy.Protection;

/// <summary>
/// An unwrapped data key in memory with a small pool of <see cref="AesGcm"/> instances (an instance is not safe
/// for concurrent use, and creating one per value would cost the key schedule every time).
/// </summary>
internal sealed class DataKey(Guid id, string scope, int version, byte[] key) : IDisposable
{
    private readonly ConcurrentBag<AesGcm> _pool = [];

    public Guid Id { get; } = id;

    public string Scope { get; } = scope;

    public int Version { get; } = version;

    public AesGcm Rent() => _pool.TryTake(out var aes) ? aes : new AesGcm(key, CiphertextFormat.TagSize);

    public void Return(AesGcm aes)
    {
        if (_pool.Count < Environment.ProcessorCount * 2)
        {
            _pool.Add(aes);
        }
        else
        {
            aes.Dispose();
        }
    }

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(key);
        while (_pool.TryTake(out var aes))
        {
            aes.Dispose();
        }
    }
}
