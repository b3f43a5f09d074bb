namespace Custodian.Privacy.Abstractions.Identifiers;

/// <summary>
/// ISO 11649 structured creditor reference: <c>RF</c>, two check digits (MOD 97-10) and 1 to 21 letters or digits;
/// written in groups of four (<c>RF18 5390 0754 7034</c>).
/// </summary>
public static class RfReference
{
    public static IdentifierCheck Check(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var code = value.Replace(" ", string.Empty, StringComparison.Ordinal).Trim().ToUpperInvariant();
        if (!code.StartsWith("RF", StringComparison.Ordinal))
        {
            return IdentifierCheck.Invalid("must start with RF");
        }

        if (code.Length is < 5 or > 25 || !Mod97.AllAlphanumeric(code) || !char.IsAsciiDigit(code[2]) || !char.IsAsciiDigit(code[3]))
        {
            return IdentifierCheck.Invalid("must be RF, two check digits and 1 to 21 letters or digits");
        }

        var expected = Mod97.CheckDigits("RF", code[4..]);
        return Mod97.Remainder(code) == 1
            ? IdentifierCheck.Valid(code)
            : IdentifierCheck.Invalid($"check digits should be {expected:00}, not {code[2..4]}");
    }

    /// <summary>The RF reference for <paramref name="body"/> (1 to 21 letters or digits), e.g. from a national reference.</summary>
    public static string Create(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var code = body.ToUpperInvariant();
        if (code.Length is < 1 or > 21 || !Mod97.AllAlphanumeric(code))
        {
            throw new ArgumentException("An RF reference's body is 1 to 21 letters or digits.", nameof(body));
        }

        return $"RF{Mod97.CheckDigits("RF", code):00}{code}";
    }
}
