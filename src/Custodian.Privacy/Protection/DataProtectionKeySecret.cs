using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Privacy.Protection;

/// <summary>
/// The secret of an ASP.NET Core data-protection key (its <c>masterKey</c> element) as stored, format 1:
/// <c>&lt;kekWrapped format="1" kek="N"&gt;base64([12 nonce][16 tag][ciphertext])&lt;/kekWrapped&gt;</c>, AES-256-GCM
/// under KEK version N with associated data <c>custodian-data-protection-key|1</c>, so a data key's wrap does not open
/// as this, nor this as a data key. Data protection hands the encryptor and decryptor this element alone, without the
/// key's id, so the purpose is what it is bound to.
/// </summary>
internal static class DataProtectionKeySecret
{
    public static readonly XName Name = "kekWrapped";
    private const string Format1 = "1";
    private static readonly byte[] AssociatedData = "custodian-data-protection-key|1"u8.ToArray();

    public static XElement Seal(IKeyProvider keys, XElement secret)
    {
        var plain = Encoding.UTF8.GetBytes(secret.ToString(SaveOptions.DisableFormatting));
        try
        {
            var wrapped = keys.Wrap(plain, AssociatedData, out var kek);
            return new XElement(Name, new XAttribute("format", Format1), new XAttribute("kek", kek), Convert.ToBase64String(wrapped));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    /// <exception cref="CryptographicException">Not this format, or the key-encryption key it names does not open it.</exception>
    public static XElement Open(IKeyProvider keys, XElement sealedSecret)
    {
        var kek = KekVersionOf(sealedSecret);
        byte[] wrapped;
        try
        {
            wrapped = Convert.FromBase64String(sealedSecret.Value);
        }
        catch (FormatException e)
        {
            throw new CryptographicException("The data-protection key's wrapped secret is not base64.", e);
        }

        var plain = keys.Unwrap(kek, wrapped, AssociatedData);
        try
        {
            return XElement.Parse(Encoding.UTF8.GetString(plain));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    /// <exception cref="CryptographicException">The element is not a wrapped secret of a format this version reads.</exception>
    public static int KekVersionOf(XElement sealedSecret) =>
        sealedSecret.Name == Name && (string?)sealedSecret.Attribute("format") == Format1
        && int.TryParse((string?)sealedSecret.Attribute("kek"), NumberStyles.None, CultureInfo.InvariantCulture, out var kek)
            ? kek
            : throw new CryptographicException("The data-protection key's secret is not in a format this version reads.");
}

/// <summary>Wraps each new data-protection key's secret with the current key-encryption key before it is stored.</summary>
internal sealed class DataProtectionKeyEncryptor(Func<IKeyProvider> keys) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement) =>
        new(DataProtectionKeySecret.Seal(keys(), plaintextElement), typeof(DataProtectionKeyDecryptor));
}

/// <summary>
/// Data protection creates this from the type name stored in every key, through its activator, which passes the
/// application's services. Renaming or moving the type would leave every stored key unreadable.
/// </summary>
internal sealed class DataProtectionKeyDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement) =>
        DataProtectionKeySecret.Open(services.GetRequiredService<IKeyProvider>(), encryptedElement);
}
