using Custodian.Privacy.Abstractions.Identifiers;

namespace Custodian.Privacy.Abstractions.Protection;

public static class BlindIndexing
{
    /// <summary>
    /// The blind index of an identifier in its normalised form (e-mail trimmed and lower-cased, phone in E.164,
    /// HETU upper-cased, ...), so " Anna@Example.FI" and "anna@example.fi" find the same record.
    /// </summary>
    /// <exception cref="ArgumentException">The value is not a valid identifier of that type (with the reason).</exception>
    public static byte[] BlindIndexOf(this IPersonalDataVault vault, IdentifierType type, string value)
    {
        ArgumentNullException.ThrowIfNull(vault);
        var check = Identifier.Check(type, value);
        return check.IsValid
            ? vault.BlindIndex(type.ToString().ToLowerInvariant(), check.Normalised!)
            : throw new ArgumentException($"Not a valid {type}: {check.Reason}.", nameof(value));
    }
}
