namespace Custodian.Privacy.Abstractions.Identifiers;

/// <summary>
/// Phone numbers in E.164 (+, country code, up to 15 digits). Spaces, hyphens, dots and brackets are dropped;
/// "00" becomes "+"; a national number gets the default country code when one is given (Finnish 0 40 123 4567
/// with +358, Russian 8 912 345-67-89 with +7).
/// </summary>
public static class Phone
{
    public static IdentifierCheck Check(string value) => Check(value, defaultCountryCode: null);

    public static IdentifierCheck Check(string value, string? defaultCountryCode)
    {
        ArgumentNullException.ThrowIfNull(value);
        var compact = new string(value.Where(c => c is not (' ' or '-' or '.' or '(' or ')' or '\u00a0')).ToArray());
        if (compact.StartsWith("00", StringComparison.Ordinal))
        {
            compact = "+" + compact[2..];
        }
        else if (!compact.StartsWith('+') && defaultCountryCode is { Length: > 0 } country)
        {
            var national = country == "+7" && compact.Length == 11 && compact[0] == '8' ? compact[1..] : compact.TrimStart('0');
            compact = country + national;
        }

        if (!compact.StartsWith('+'))
        {
            return IdentifierCheck.Invalid("must start with + and the country code (E.164), e.g. +358 40 123 4567");
        }

        var digits = compact[1..];
        if (!Identifier.AllDigits(digits))
        {
            return IdentifierCheck.Invalid("may contain only digits after the +");
        }

        if (digits[0] == '0')
        {
            return IdentifierCheck.Invalid("a country code never starts with 0");
        }

        return digits.Length is >= 7 and <= 15
            ? IdentifierCheck.Valid(compact)
            : IdentifierCheck.Invalid($"must have 7 to 15 digits after the +, got {digits.Length}");
    }
}
