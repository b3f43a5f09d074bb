using Custodian.Privacy.Protection;

namespace Custodian.Privacy.Tests.Protection;

public sealed class NonceSourceTests
{
    [Fact]
    public async Task Nonces_drawn_on_many_threads_across_several_blocks_never_repeat()
    {
        const int perThread = 5_000; // ~15 blocks of 341 nonces per thread
        var drawn = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            var nonces = new List<string>(perThread);
            Span<byte> nonce = stackalloc byte[NonceSource.NonceSize];
            for (var i = 0; i < perThread; i++)
            {
                NonceSource.Fill(nonce);
                nonces.Add(Convert.ToHexString(nonce));
            }

            return nonces;
        }, TestContext.Current.CancellationToken)));

        var all = drawn.SelectMany(n => n).ToList();
        Assert.Equal(all.Count, all.Distinct(StringComparer.Ordinal).Count());
        Assert.DoesNotContain(new string('0', NonceSource.NonceSize * 2), all);
    }

    [Fact]
    public void A_nonce_of_the_wrong_size_is_refused()
    {
        Assert.Throws<ArgumentException>(() => NonceSource.Fill(new byte[16]));
    }
}
