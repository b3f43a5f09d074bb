using System.Security.Cryptography;

namespace Custodian.Privacy.Protection;

/// <summary>
/// An unwrapped data key in memory with a small pool of <see cref="AesGcm"/> instances (an instance is not safe
/// for concurrent use, and creating one per value would cost the key schedule every time).
/// </summary>
internal sealed class DataKey(Guid id, string scope, int version, byte[] key) : IDisposable
{
    // Lock-free slots: cheaper than a ConcurrentBag on the per-value hot path.
    private readonly AesGcm?[] _pool = new AesGcm?[Math.Max(4, Environment.ProcessorCount * 2)];

    public Guid Id { get; } = id;

    public string Scope { get; } = scope;

    public int Version { get; } = version;

    public AesGcm Rent()
    {
        for (var i = 0; i < _pool.Length; i++)
        {
            if (Interlocked.Exchange(ref _pool[i], null) is { } aes)
            {
                return aes;
            }
        }

        return new AesGcm(key, CiphertextFormat.TagSize);
    }

    public void Return(AesGcm aes)
    {
        for (var i = 0; i < _pool.Length; i++)
        {
            if (Interlocked.CompareExchange(ref _pool[i], aes, null) is null)
            {
                return;
            }
        }

        aes.Dispose();
    }

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(key);
        for (var i = 0; i < _pool.Length; i++)
        {
            Interlocked.Exchange(ref _pool[i], null)?.Dispose();
        }
    }
}
