using System.Globalization;

namespace Custodian.Privacy.Abstractions.Identifiers;

/// <summary>
/// Russian state registration numbers: OGRN of an organisation (13 digits, check = first 12 mod 11 mod 10,
/// first digit 1 or 5) and OGRNIP of an individual entrepreneur (15 digits, check = first 14 mod 13 mod 10,
/// first digit 3).
/// </summary>
public static class Ogrn
{
    public static IdentifierCheck Check(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var code = value.Trim();
        if (Identifier.AllDigits(code) && code.Length == 15)
        {
            return IdentifierCheck.Invalid("has 15 digits: that is an OGRNIP (individual entrepreneur), not an OGRN");
        }

        return CheckNumber(code, 13, 11, "15", "OGRN");
    }

    public static IdentifierCheck CheckOgrnip(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var code = value.Trim();
        if (Identifier.AllDigits(code) && code.Length == 13)
        {
            return IdentifierCheck.Invalid("has 13 digits: that is an OGRN (organisation), not an OGRNIP");
        }

        return CheckNumber(code, 15, 13, "3", "OGRNIP");
    }

    private static IdentifierCheck CheckNumber(string code, int length, int modulus, string firstDigits, string name)
    {
        if (!Identifier.AllDigits(code) || code.Length != length)
        {
            return IdentifierCheck.Invalid($"an {name} has {length} digits, got {Inn.Describe(code)}");
        }

        if (!firstDigits.Contains(code[0], StringComparison.Ordinal))
        {
            return IdentifierCheck.Invalid($"an {name} starts with {string.Join(" or ", firstDigits.ToCharArray())}, not {code[0]}");
        }

        var expected = (int)(long.Parse(code[..^1], CultureInfo.InvariantCulture) % modulus % 10);
        return Identifier.Digit(code, length - 1) == expected
            ? IdentifierCheck.Valid(code)
            : IdentifierCheck.Invalid($"check digit should be {expected}, not {code[^1]}");
    }
}
