using System.Text.RegularExpressions;

namespace Custodian.Privacy.Abstractions.Identifiers;

/// <summary>Russian tax registration reason code: 4 digits (tax office), 2 digits or capital letters (reason), 3 digits.</summary>
public static partial class Kpp
{
    public static IdentifierCheck Check(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var code = value.Trim();
        if (code.Length != 9)
        {
            return IdentifierCheck.Invalid($"must be 9 characters, got {code.Length}");
        }

        return Pattern().IsMatch(code)
            ? IdentifierCheck.Valid(code)
            : IdentifierCheck.Invalid("must be 4 digits, 2 digits or capital Latin letters, then 3 digits (NNNNPPNNN)");
    }

    [GeneratedRegex("^[0-9]{4}[0-9A-Z]{2}[0-9]{3}$")]
    private static partial Regex Pattern();
}
