namespace Custodian.Privacy.Abstractions.Identifiers;

public enum IdentifierType
{
    Hetu,
    YTunnus,
    Inn,
    Kpp,
    Ogrn,
    Ogrnip,
    Email,
    Phone,
    RuAccount,
    Viite,
    RfReference,
    Iban,
}

/// <summary>
/// The outcome of checking one identifier: valid or not, the precise reason when not, a note when valid but
/// notable (a temporary HETU), and the normalised form used for storage and blind indexes.
/// </summary>
public sealed record IdentifierCheck(bool IsValid, string? Reason, string? Note, string? Normalised)
{
    public static IdentifierCheck Valid(string normalised, string? note = null) => new(true, null, note, normalised);

    public static IdentifierCheck Invalid(string reason) => new(false, reason, null, null);
}

/// <summary>One entry point for every identifier type (CLI, forms, API validation).</summary>
public static class Identifier
{
    /// <summary>The type's name on the command line: <c>hetu</c>, <c>ytunnus</c>, …, <c>ru-account</c>, <c>rf-reference</c>.</summary>
    public static string NameOf(IdentifierType type) => type switch
    {
        IdentifierType.RuAccount => "ru-account",
        IdentifierType.RfReference => "rf-reference",
        _ => type.ToString().ToLowerInvariant(),
    };

    /// <summary>The type named <paramref name="name"/> (as <see cref="NameOf"/> writes it, any case), or null.</summary>
    public static IdentifierType? Named(string? name) =>
        Enum.GetValues<IdentifierType>().Cast<IdentifierType?>().FirstOrDefault(t => string.Equals(NameOf(t!.Value), name?.Trim(), StringComparison.OrdinalIgnoreCase));

    public static IdentifierCheck Check(IdentifierType type, string? value) => value is null
        ? IdentifierCheck.Invalid("no value")
        : type switch
        {
            IdentifierType.Hetu => Hetu.Check(value),
            IdentifierType.YTunnus => YTunnus.Check(value),
            IdentifierType.Inn => Inn.Check(value),
            IdentifierType.Kpp => Kpp.Check(value),
            IdentifierType.Ogrn => Ogrn.Check(value),
            IdentifierType.Ogrnip => Ogrn.CheckOgrnip(value),
            IdentifierType.Email => Email.Check(value),
            IdentifierType.Phone => Phone.Check(value),
            IdentifierType.RuAccount => RuBankAccount.Check(value),
            IdentifierType.Viite => Viite.Check(value),
            IdentifierType.RfReference => RfReference.Check(value),
            IdentifierType.Iban => Iban.Check(value),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown identifier type."),
        };

    internal static bool AllDigits(string value) => value.Length > 0 && value.All(char.IsAsciiDigit);

    internal static int Digit(string value, int index) => value[index] - '0';

    /// <summary>Σ weight·digit over the first <c>weights.Length</c> digits.</summary>
    internal static int WeightedSum(string digits, ReadOnlySpan<int> weights)
    {
        var sum = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            sum += weights[i] * Digit(digits, i);
        }

        return sum;
    }
}
