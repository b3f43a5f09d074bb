namespace Custodian.Privacy.Abstractions.Identifiers;

/// <summary>
/// Finnish creditor reference (viitenumero): 3 to 19 digits and a check digit; weights 7 3 1 from the right of the base
/// digits, check = (10 − sum mod 10) mod 10 (Finanssiala, kotimainen viite). Written in groups of five from the right.
/// </summary>
public static class Viite
{
    public static IdentifierCheck Check(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var code = value.Replace(" ", string.Empty, StringComparison.Ordinal).Trim();
        if (!Identifier.AllDigits(code) || code.Length is < 4 or > 20)
        {
            return IdentifierCheck.Invalid($"must be 4 to 20 digits (spaces allowed), got {(Identifier.AllDigits(code) ? $"{code.Length} digits" : "characters other than digits")}");
        }

        var trimmed = code.TrimStart('0');
        if (trimmed.Length < 4)
        {
            return IdentifierCheck.Invalid("must have at least 4 digits without leading zeros");
        }

        var expected = CheckDigit(trimmed[..^1]);
        return Identifier.Digit(trimmed, trimmed.Length - 1) == expected
            ? IdentifierCheck.Valid(trimmed)
            : IdentifierCheck.Invalid($"check digit should be {expected}, not {trimmed[^1]}");
    }

    /// <summary>The reference number for <paramref name="baseDigits"/> (3 to 19 digits): the digits and their check digit.</summary>
    public static string Create(string baseDigits)
    {
        ArgumentNullException.ThrowIfNull(baseDigits);
        if (!Identifier.AllDigits(baseDigits) || baseDigits.TrimStart('0').Length is < 3 or > 19)
        {
            throw new ArgumentException("A reference number's base is 3 to 19 digits, not starting with 0.", nameof(baseDigits));
        }

        return baseDigits + CheckDigit(baseDigits);
    }

    /// <summary>Groups of five from the right, as printed on invoices: <c>12345 67891</c>.</summary>
    public static string Grouped(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var groups = new List<string>();
        for (var end = reference.Length; end > 0; end -= 5)
        {
            groups.Insert(0, reference[Math.Max(0, end - 5)..end]);
        }

        return string.Join(' ', groups);
    }

    private static int CheckDigit(string baseDigits)
    {
        var sum = 0;
        for (var i = 0; i < baseDigits.Length; i++)
        {
            sum += (baseDigits[baseDigits.Length - 1 - i] - '0') * (i % 3) switch { 0 => 7, 1 => 3, _ => 1 };
        }

        return (10 - (sum % 10)) % 10;
    }
}
