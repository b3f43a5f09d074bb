using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Custodian.Privacy.Abstractions.Consent;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.AspNetCore.DataProtection;

namespace Custodian.Privacy.Consent;

/// <summary>
/// One-click withdrawal links for e-mails and bot messages. The token is encrypted and authenticated by data
/// protection and carries only the pseudonymous subject id and the purpose, so the URL holds no personal data
/// and cannot be forged for someone else.
/// </summary>
public sealed class ConsentLinks(IDataProtectionProvider protection)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Custodian.Consent.Withdraw.v1");

    public string WithdrawToken(SubjectId subject, ConsentPurpose purpose)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        return _protector.Protect($"{subject.Value:N}|{purpose.Register}|{purpose.Purpose}");
    }

    public string WithdrawPath(SubjectId subject, ConsentPurpose purpose) => "/privacy/consent/withdraw/" + WithdrawToken(subject, purpose);

    public bool TryRead(string? token, out SubjectId subject, [NotNullWhen(true)] out ConsentPurpose? purpose)
    {
        subject = default;
        purpose = null;
        if (string.IsNullOrWhiteSpace(token) || token.Length > 1000)
        {
            return false;
        }

        try
        {
            var parts = _protector.Unprotect(token).Split('|');
            if (parts.Length != 3 || !Guid.TryParseExact(parts[0], "N", out var id))
            {
                return false;
            }

            subject = new SubjectId(id);
            purpose = new ConsentPurpose(parts[1], parts[2]);
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
