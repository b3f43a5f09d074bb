using System.Security.Cryptography;
using Custodian.Privacy.Protection;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Custodian.Privacy.Tests.Protection;

public sealed class SharedKeyFormatProperties
{
    private static readonly byte[] Master = RandomNumberGenerator.GetBytes(32);

    private static Arbitrary<string> Purposes() => Gen.Elements("kek", "blind-index", "audit-signing").ToArbitrary();

    [Property(MaxTest = 300)]
    public Property A_sealed_key_opens_with_its_master_key_purpose_and_version() =>
        Prop.ForAll(Purposes(), Gen.Choose(1, 10_000).ToArbitrary(), ArbMap.Default.ArbFor<byte[]>(), (purpose, version, key) =>
            Assert.Equal(key, SharedKeyFormat.Open(Master, purpose, version, SharedKeyFormat.Seal(Master, purpose, version, key))));

    [Property(MaxTest = 500)]
    public Property Garbage_never_opens_and_fails_only_with_a_cryptographic_error() =>
        Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), garbage =>
        {
            var error = Assert.IsAssignableFrom<CryptographicException>(Record.Exception(() => SharedKeyFormat.Open(Master, "kek", 1, garbage)));
            Assert.DoesNotContain("\n", error.Message, StringComparison.Ordinal);
        });

    [Property(MaxTest = 300)]
    public Property Any_changed_byte_is_detected() =>
        Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), Gen.Choose(0, int.MaxValue).ToArbitrary(), Gen.Choose(1, 255).ToArbitrary(), (key, position, flip) =>
        {
            var sealedKey = SharedKeyFormat.Seal(Master, "blind-index", 1, key);
            sealedKey[position % sealedKey.Length] ^= (byte)flip;
            Assert.Throws<CryptographicException>(() => SharedKeyFormat.Open(Master, "blind-index", 1, sealedKey));
        });

    [Property(MaxTest = 200)]
    public Property An_entry_moved_to_another_purpose_or_version_or_opened_with_another_master_key_does_not_open() =>
        Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), Gen.Choose(1, 1000).ToArbitrary(), (key, version) =>
        {
            var sealedKey = SharedKeyFormat.Seal(Master, "kek", version, key);
            Assert.Throws<CryptographicException>(() => SharedKeyFormat.Open(Master, "kek", version + 1, sealedKey));
            Assert.Throws<CryptographicException>(() => SharedKeyFormat.Open(Master, "blind-index", version, sealedKey));
            Assert.Throws<CryptographicException>(() => SharedKeyFormat.Open(RandomNumberGenerator.GetBytes(32), "kek", version, sealedKey));
        });

    [Fact]
    public void A_format_this_version_does_not_know_is_named()
    {
        var sealedKey = SharedKeyFormat.Seal(Master, "kek", 1, new byte[32]);
        sealedKey[0] = 2;

        var error = Assert.Throws<CryptographicException>(() => SharedKeyFormat.Open(Master, "kek", 1, sealedKey));

        Assert.Equal("the kek v1 entry has format 2, this version reads format 1", error.Message);
    }
}
