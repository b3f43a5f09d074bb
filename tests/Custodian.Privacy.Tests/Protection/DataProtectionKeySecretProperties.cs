using System.Security.Cryptography;
using System.Xml.Linq;
using Custodian.Privacy.Protection;
using Custodian.Testing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Custodian.Privacy.Tests.Protection;

/// <summary>A data-protection key's secret wrapped by a KEK opens only as it was sealed.</summary>
public sealed class DataProtectionKeySecretProperties : IDisposable
{
    private readonly TemporaryFolder _folder = new();
    private readonly LocalKeyFiles _keys;

    public DataProtectionKeySecretProperties() => _keys = new LocalKeyFiles(_folder.File("keys"));

    private static Arbitrary<XElement> Secrets() =>
        Gen.Choose(16, 128).Select(length => new XElement("masterKey", new XElement("value", Convert.ToBase64String(RandomNumberGenerator.GetBytes(length))))).ToArbitrary();

    [Property(MaxTest = 200)]
    public Property A_wrapped_secret_opens_to_the_same_element_and_never_shows_it() =>
        Prop.ForAll(Secrets(), secret =>
        {
            var wrapped = DataProtectionKeySecret.Seal(_keys, secret);

            Assert.Equal(secret.ToString(), DataProtectionKeySecret.Open(_keys, wrapped).ToString());
            Assert.DoesNotContain(secret.Element("value")!.Value, wrapped.ToString(), StringComparison.Ordinal);
            Assert.Equal(_keys.CurrentKekVersion, DataProtectionKeySecret.KekVersionOf(wrapped));
        });

    [Property(MaxTest = 300)]
    public Property Any_changed_byte_is_detected() =>
        Prop.ForAll(Secrets(), Gen.Choose(0, int.MaxValue).ToArbitrary(), Gen.Choose(1, 255).ToArbitrary(), (secret, position, flip) =>
        {
            var wrapped = DataProtectionKeySecret.Seal(_keys, secret);
            var bytes = Convert.FromBase64String(wrapped.Value);
            bytes[position % bytes.Length] ^= (byte)flip;
            wrapped.Value = Convert.ToBase64String(bytes);

            Assert.ThrowsAny<CryptographicException>(() => DataProtectionKeySecret.Open(_keys, wrapped));
        });

    [Property(MaxTest = 100)]
    public Property A_data_key_wrap_does_not_open_as_a_secret_nor_a_secret_as_a_data_key() =>
        Prop.ForAll(ArbMap.Default.ArbFor<Guid>(), id =>
        {
            var dataKey = _keys.Wrap(new byte[32], DataKeyRecord.AssociatedData(id, "subject:" + id, 1), out var kek);
            var moved = new XElement(DataProtectionKeySecret.Name, new XAttribute("format", "1"), new XAttribute("kek", kek), Convert.ToBase64String(dataKey));
            Assert.ThrowsAny<CryptographicException>(() => DataProtectionKeySecret.Open(_keys, moved));

            var secret = DataProtectionKeySecret.Seal(_keys, new XElement("masterKey", new XElement("value", "AAAA")));
            Assert.ThrowsAny<CryptographicException>(() => _keys.Unwrap(kek, Convert.FromBase64String(secret.Value), DataKeyRecord.AssociatedData(id, "subject:" + id, 1)));
        });

    [Fact]
    public void A_secret_naming_another_kek_version_or_format_does_not_open()
    {
        var wrapped = DataProtectionKeySecret.Seal(_keys, new XElement("masterKey", new XElement("value", "AAAA")));
        _keys.AddKekVersion();
        var otherKek = new XElement(wrapped);
        otherKek.SetAttributeValue("kek", 2);
        var otherFormat = new XElement(wrapped);
        otherFormat.SetAttributeValue("format", "2");

        Assert.ThrowsAny<CryptographicException>(() => DataProtectionKeySecret.Open(_keys, otherKek));
        Assert.Equal("The data-protection key's secret is not in a format this version reads.", Assert.Throws<CryptographicException>(() => DataProtectionKeySecret.Open(_keys, otherFormat)).Message);
        Assert.Equal("AAAA", DataProtectionKeySecret.Open(_keys, wrapped).Element("value")!.Value);
    }

    public void Dispose()
    {
        _keys.Dispose();
        _folder.Dispose();
    }
}
