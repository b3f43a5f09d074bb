namespace Custodian.Privacy.Abstractions.Identifiers;

/// <summary>Finnish business ID NNNNNNN-C: weights 7 9 10 5 8 4 2; r = sum mod 11; r = 1 never issued; C = 0 or 11 - r.</summary>
public static class YTunnus
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2];

    public static IdentifierCheck Check(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var code = value.Trim();
        if (code.Length != 9 || code[7] != '-' || !Identifier.AllDigits(code[..7]) || !char.IsAsciiDigit(code[8]))
        {
            return IdentifierCheck.Invalid("must be seven digits, a hyphen and a check digit (NNNNNNN-C)");
        }

        var remainder = Identifier.WeightedSum(code, Weights) % 11;
        if (remainder == 1)
        {
            return IdentifierCheck.Invalid("no business ID has these seven digits (remainder 1)");
        }

        var expected = remainder == 0 ? 0 : 11 - remainder;
        return Identifier.Digit(code, 8) == expected
            ? IdentifierCheck.Valid(code)
            : IdentifierCheck.Invalid($"check digit should be {expected}, not {code[8]}");
    }
}
