using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Custodian.Privacy.Protection;

namespace Custodian.Privacy.Requests;

/// <summary>
/// The receipt of a finished request: reference, register, kind, dates, outcome and the SHA-256 of the result
/// package, as canonical JSON signed with the audit signing key (ECDSA P-256), so either side can later prove
/// what was answered and when.
/// </summary>
public sealed class RequestReceipts(IKeyProvider keys)
{
    private static readonly byte[] Domain = "custodian-request-receipt-v1\n"u8.ToArray();
    private readonly Lock _signing = new();

    public void Sign(RequestRecord request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var receipt = new SortedDictionary<string, string?>(StringComparer.Ordinal)
        {
            ["request"] = request.Reference,
            ["register"] = request.Register,
            ["kind"] = request.Kind.ToString(),
            ["received_on"] = request.ReceivedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["due_on"] = request.DueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["status"] = request.Status.ToString(),
            ["completed_at"] = request.CompletedAtUtc?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["outcome"] = request.Outcome,
            ["package_sha256"] = request.PackageSha256,
        };
        request.Receipt = JsonSerializer.Serialize(receipt);
        lock (_signing)
        {
            request.ReceiptSignature = Convert.ToBase64String(keys.AuditSigningKey.SignData(Message(request.Receipt), HashAlgorithmName.SHA256));
        }
    }

    public bool Verify(string receipt, string signature)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        try
        {
            using var publicKey = ECDsa.Create(keys.AuditSigningKey.ExportParameters(includePrivateParameters: false));
            return publicKey.VerifyData(Message(receipt), Convert.FromBase64String(signature ?? string.Empty), HashAlgorithmName.SHA256);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static byte[] Message(string receipt) => [.. Domain, .. Encoding.UTF8.GetBytes(receipt)];
}
