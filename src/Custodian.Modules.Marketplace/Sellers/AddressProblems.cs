using System.Text.RegularExpressions;

namespace Custodian.Modules.Marketplace.Sellers;

/// <summary>
/// Why a text is not an e-mail address, in the person's language. The kernel's validator (<c>Email.Check</c>) states its
/// reasons in English, and its API stays so; its reasons are matched here, word for word.
/// </summary>
internal static partial class AddressProblems
{
    /// <summary>The reason in <paramref name="t"/>; a reason the kernel added since is told as a plain "not valid".</summary>
    public static string Explain(string? reason, SellerLanguage t) =>
        Known(reason, t) ?? t["the address is not valid"];

    /// <summary>The reason in <paramref name="t"/>, or null for a reason not matched here.</summary>
    public static string? Known(string? reason, SellerLanguage t)
    {
        ArgumentNullException.ThrowIfNull(t);
        if (reason is not null && DomainPart().Match(reason) is { Success: true } label)
        {
            return t.Format("the domain part '{0}' is not a valid name", label.Groups[1].Value);
        }

        return reason switch
        {
            "must be 1 to 254 characters" => t["the address must be 1 to 254 characters long"],
            "must contain exactly one @" => t["the address must contain exactly one @"],
            "the part before @ must be 1 to 64 characters" => t["the part before @ must be 1 to 64 characters"],
            "the part before @ has a character or dot that is not allowed" => t["the part before @ has a character or dot that is not allowed"],
            "the domain must have a dot (example.com)" => t["the domain must have a dot (example.com)"],
            "the top-level domain must be letters" => t["the top-level domain must be letters"],
            _ => null,
        };
    }

    [GeneratedRegex("^the domain part '(.*)' is not a valid name$", RegexOptions.Singleline)]
    private static partial Regex DomainPart();
}
