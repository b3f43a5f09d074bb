using System.Collections.Frozen;

namespace Custodian.Privacy.Abstractions.Identifiers;

/// <summary>
/// International bank account number (ISO 13616): country code, two check digits (MOD 97-10) and the national account,
/// of the length the IBAN registry gives the country. Written in groups of four.
/// </summary>
public static class Iban
{
    // Lengths from the SWIFT IBAN registry.
    private static readonly FrozenDictionary<string, int> Lengths = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["AD"] = 24, ["AE"] = 23, ["AL"] = 28, ["AT"] = 20, ["AZ"] = 28, ["BA"] = 20, ["BE"] = 16, ["BG"] = 22, ["BH"] = 22,
        ["BR"] = 29, ["BY"] = 28, ["CH"] = 21, ["CR"] = 22, ["CY"] = 28, ["CZ"] = 24, ["DE"] = 22, ["DK"] = 18, ["DO"] = 28,
        ["EE"] = 20, ["EG"] = 29, ["ES"] = 24, ["FI"] = 18, ["FO"] = 18, ["FR"] = 27, ["GB"] = 22, ["GE"] = 22, ["GI"] = 23,
        ["GL"] = 18, ["GR"] = 27, ["GT"] = 28, ["HR"] = 21, ["HU"] = 28, ["IE"] = 22, ["IL"] = 23, ["IQ"] = 23, ["IS"] = 26,
        ["IT"] = 27, ["JO"] = 30, ["KW"] = 30, ["KZ"] = 20, ["LB"] = 28, ["LC"] = 32, ["LI"] = 21, ["LT"] = 20, ["LU"] = 20,
        ["LV"] = 21, ["MC"] = 27, ["MD"] = 24, ["ME"] = 22, ["MK"] = 19, ["MR"] = 27, ["MT"] = 31, ["MU"] = 30, ["NL"] = 18,
        ["NO"] = 15, ["PK"] = 24, ["PL"] = 28, ["PS"] = 29, ["PT"] = 25, ["QA"] = 29, ["RO"] = 24, ["RS"] = 22, ["SA"] = 24,
        ["SC"] = 31, ["SE"] = 24, ["SI"] = 19, ["SK"] = 24, ["SM"] = 27, ["ST"] = 25, ["SV"] = 28, ["TL"] = 23, ["TN"] = 24,
        ["TR"] = 26, ["UA"] = 29, ["VA"] = 22, ["VG"] = 24, ["XK"] = 20,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static IdentifierCheck Check(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var code = value.Replace(" ", string.Empty, StringComparison.Ordinal).Trim().ToUpperInvariant();
        if (code.Length < 5 || !char.IsAsciiLetterUpper(code[0]) || !char.IsAsciiLetterUpper(code[1]) || !char.IsAsciiDigit(code[2]) || !char.IsAsciiDigit(code[3]) || !Mod97.AllAlphanumeric(code))
        {
            return IdentifierCheck.Invalid("must be a country code, two check digits and the account in letters and digits");
        }

        if (!Lengths.TryGetValue(code[..2], out var length))
        {
            return IdentifierCheck.Invalid($"{code[..2]} is not a country with IBANs");
        }

        if (code.Length != length)
        {
            return IdentifierCheck.Invalid($"an IBAN of {code[..2]} has {length} characters, got {code.Length}");
        }

        return Mod97.Remainder(code) == 1
            ? IdentifierCheck.Valid(code)
            : IdentifierCheck.Invalid($"check digits should be {Mod97.CheckDigits(code[..2], code[4..]):00}, not {code[2..4]}");
    }

    /// <summary>Groups of four, as printed: <c>FI21 1234 5600 0007 85</c>.</summary>
    public static string Grouped(string iban)
    {
        ArgumentNullException.ThrowIfNull(iban);
        return string.Join(' ', iban.Chunk(4).Select(c => new string(c)));
    }
}
