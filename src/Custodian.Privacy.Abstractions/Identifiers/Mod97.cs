namespace Custodian.Privacy.Abstractions.Identifiers;

/// <summary>ISO 7064 MOD 97-10 as IBAN (ISO 13616) and the RF creditor reference (ISO 11649) use it.</summary>
internal static class Mod97
{
    /// <summary>The remainder of the number formed by moving the first four characters to the end and letters to 10..35.</summary>
    public static int Remainder(string code)
    {
        var rearranged = code[4..] + code[..4];
        var remainder = 0;
        foreach (var c in rearranged)
        {
            var value = char.IsAsciiDigit(c) ? c - '0' : c - 'A' + 10;
            remainder = value < 10 ? ((remainder * 10) + value) % 97 : ((remainder * 100) + value) % 97;
        }

        return remainder;
    }

    /// <summary>The two check digits that make <c>prefix + "00" + body</c> pass, e.g. 18 for RF + 539007547034.</summary>
    public static int CheckDigits(string prefix, string body) => 98 - Remainder(prefix + "00" + body);

    public static bool AllAlphanumeric(string code) => code.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c));
}
