namespace Custodian.Privacy.Abstractions.Identifiers;

/// <summary>
/// Russian taxpayer number: 10 digits for an organisation (one check digit), 12 for a person (two). Each check
/// digit is (weighted sum mod 11) mod 10.
/// </summary>
public static class Inn
{
    private static readonly int[] Weights10 = [2, 4, 10, 3, 5, 9, 4, 6, 8];
    private static readonly int[] Weights11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
    private static readonly int[] Weights12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

    public static IdentifierCheck Check(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var code = value.Trim();
        if (!Identifier.AllDigits(code) || code.Length is not (10 or 12))
        {
            return IdentifierCheck.Invalid($"must be 10 digits (organisation) or 12 digits (person), got {Describe(code)}");
        }

        if (code.Length == 10)
        {
            return CheckDigit(code, Weights10, 9) is { } wrong10 ? IdentifierCheck.Invalid(wrong10) : IdentifierCheck.Valid(code);
        }

        return (CheckDigit(code, Weights11, 10) ?? CheckDigit(code, Weights12, 11)) is { } wrong12
            ? IdentifierCheck.Invalid(wrong12)
            : IdentifierCheck.Valid(code);
    }

    private static string? CheckDigit(string code, int[] weights, int position)
    {
        var expected = Identifier.WeightedSum(code, weights) % 11 % 10;
        return Identifier.Digit(code, position) == expected ? null : $"check digit {position + 1} should be {expected}, not {code[position]}";
    }

    internal static string Describe(string code) => Identifier.AllDigits(code) ? $"{code.Length} digits" : "characters other than digits";
}
