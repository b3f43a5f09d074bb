using System.Security.Cryptography;

namespace Custodian.Privacy.Protection;

/// <summary>
/// Random 96-bit AES-GCM nonces from the operating system's CSPRNG, drawn in blocks per thread. One
/// <see cref="RandomNumberGenerator.Fill"/> is a system call (about 0.8 µs here, a third of encrypting and
/// decrypting a short field); a block of 4 KiB serves 341 nonces for one call. Nonces are public, so keeping
/// upcoming ones in memory reveals nothing; every nonce is still uniformly random and used once.
/// </summary>
internal static class NonceSource
{
    public const int NonceSize = 12;
    private const int BlockSize = NonceSize * 341;

    [ThreadStatic]
    private static byte[]? t_block;

    [ThreadStatic]
    private static int t_next;

    public static void Fill(Span<byte> nonce)
    {
        if (nonce.Length != NonceSize)
        {
            throw new ArgumentException($"An AES-GCM nonce is {NonceSize} bytes.", nameof(nonce));
        }

        var block = t_block ??= new byte[BlockSize];
        if (t_next == 0)
        {
            RandomNumberGenerator.Fill(block);
        }

        var drawn = block.AsSpan(t_next, NonceSize);
        drawn.CopyTo(nonce);
        drawn.Clear(); // a nonce leaves the block once
        t_next = (t_next + NonceSize) % BlockSize;
    }
}
