using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Custodian.Testing.OpenId;

/// <summary>
/// The RSA keys every loopback provider of this test process uses; they never leave memory. A key of its own per
/// provider (AddEphemeralSigningKey and AddEphemeralEncryptionKey) cost about three seconds at the first request on a
/// loaded two-core machine, for every test.
/// </summary>
internal static class ProcessKeys
{
    private static readonly Lazy<RsaSecurityKey> SigningKey = new(() => Create("loopback-signing"));
    private static readonly Lazy<RsaSecurityKey> EncryptionKey = new(() => Create("loopback-encryption"));
    private static readonly Lazy<RsaSecurityKey> ForeignKey = new(() => Create("loopback-foreign"));

    public static RsaSecurityKey Signing => SigningKey.Value;

    public static RsaSecurityKey Encryption => EncryptionKey.Value;

    /// <summary>A key no provider publishes, for <see cref="TokenTamper.ForeignSignature"/>.</summary>
    public static RSA Foreign => ForeignKey.Value.Rsa;

    private static RsaSecurityKey Create(string keyId)
    {
        var rsa = RSA.Create(2048);
        rsa.ExportParameters(includePrivateParameters: false); // generate now, inside the Lazy, not at the first signature
        return new RsaSecurityKey(rsa) { KeyId = keyId };
    }
}
