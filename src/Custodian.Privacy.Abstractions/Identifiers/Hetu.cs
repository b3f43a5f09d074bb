using System.Globalization;

namespace Custodian.Privacy.Abstractions.Identifiers;

/// <summary>
/// Finnish personal identity code (henkilötunnus) DDMMYYCNNNX: C is the century sign (+ 1800s; - Y X W V U
/// 1900s; A B C D E F 2000s), NNN the individual number (002-899; 900-999 temporary), X = DDMMYYNNN mod 31
/// in "0123456789ABCDEFHJKLMNPRSTUVWXY".
/// </summary>
public static class Hetu
{
    private const string CheckCharacters = "0123456789ABCDEFHJKLMNPRSTUVWXY";

    public static IdentifierCheck Check(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var code = value.Trim().ToUpperInvariant();
        if (code.Length != 11)
        {
            return IdentifierCheck.Invalid($"must be 11 characters DDMMYYCNNNX, got {code.Length}");
        }

        var datePart = code[..6];
        var individual = code[7..10];
        if (!Identifier.AllDigits(datePart))
        {
            return IdentifierCheck.Invalid("the first six characters must be the birth date DDMMYY in digits");
        }

        int? century = code[6] switch
        {
            '+' => 1800,
            '-' or 'Y' or 'X' or 'W' or 'V' or 'U' => 1900,
            'A' or 'B' or 'C' or 'D' or 'E' or 'F' => 2000,
            _ => null,
        };
        if (century is null)
        {
            return IdentifierCheck.Invalid($"'{code[6]}' is not a century sign (+, - Y X W V U, A B C D E F)");
        }

        var day = int.Parse(datePart[..2], CultureInfo.InvariantCulture);
        var month = int.Parse(datePart[2..4], CultureInfo.InvariantCulture);
        var year = century.Value + int.Parse(datePart[4..6], CultureInfo.InvariantCulture);
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return IdentifierCheck.Invalid($"birth date {datePart[..2]}.{datePart[2..4]}.{year} does not exist");
        }

        if (!Identifier.AllDigits(individual))
        {
            return IdentifierCheck.Invalid("the individual number (characters 8-10) must be digits");
        }

        var number = int.Parse(individual, CultureInfo.InvariantCulture);
        if (number < 2)
        {
            return IdentifierCheck.Invalid($"individual number {individual} is not issued (002-899, or 900-999 for temporary codes)");
        }

        var expected = CheckCharacters[(int)(long.Parse(datePart + individual, CultureInfo.InvariantCulture) % 31)];
        if (code[10] != expected)
        {
            return IdentifierCheck.Invalid($"check character should be {expected}, not {code[10]}");
        }

        return IdentifierCheck.Valid(code, number >= 900 ? "temporary identity code (individual number 900-999)" : null);
    }

    /// <summary>The birth date a valid code encodes.</summary>
    public static DateOnly BirthDate(string validCode)
    {
        ArgumentNullException.ThrowIfNull(validCode);
        var code = Check(validCode).Normalised ?? throw new ArgumentException("Not a valid henkilötunnus.", nameof(validCode));
        var century = code[6] switch { '+' => 1800, 'A' or 'B' or 'C' or 'D' or 'E' or 'F' => 2000, _ => 1900 };
        return new DateOnly(
            century + int.Parse(code[4..6], CultureInfo.InvariantCulture),
            int.Parse(code[2..4], CultureInfo.InvariantCulture),
            int.Parse(code[..2], CultureInfo.InvariantCulture));
    }
}
