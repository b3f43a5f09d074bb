namespace Custodian.Privacy.Abstractions.Identifiers;

/// <summary>
/// An e-mail address people actually use: local@domain with a dotted domain, no display name, no comments, no
/// quoted local parts. Normalised (blind index, duplicates) as trimmed and lower-cased.
/// </summary>
public static class Email
{
    private const string LocalSpecials = "!#$%&'*+-/=?^_`{|}~.";

    public static IdentifierCheck Check(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var address = value.Trim();
        if (address.Length is 0 or > 254)
        {
            return IdentifierCheck.Invalid("must be 1 to 254 characters");
        }

        var at = address.LastIndexOf('@');
        if (at < 0 || address.IndexOf('@', StringComparison.Ordinal) != at)
        {
            return IdentifierCheck.Invalid("must contain exactly one @");
        }

        var local = address[..at];
        var domain = address[(at + 1)..];
        if (local.Length is 0 or > 64)
        {
            return IdentifierCheck.Invalid("the part before @ must be 1 to 64 characters");
        }

        if (local.StartsWith('.') || local.EndsWith('.') || local.Contains("..", StringComparison.Ordinal)
            || local.Any(c => !(char.IsLetterOrDigit(c) || LocalSpecials.Contains(c, StringComparison.Ordinal))))
        {
            return IdentifierCheck.Invalid("the part before @ has a character or dot that is not allowed");
        }

        var labels = domain.Split('.');
        if (labels.Length < 2)
        {
            return IdentifierCheck.Invalid("the domain must have a dot (example.com)");
        }

        foreach (var label in labels)
        {
            if (label.Length is 0 or > 63 || label.StartsWith('-') || label.EndsWith('-') || label.Any(c => !(char.IsLetterOrDigit(c) || c == '-')))
            {
                return IdentifierCheck.Invalid($"the domain part '{label}' is not a valid name");
            }
        }

        return labels[^1].All(char.IsLetter) || labels[^1].StartsWith("xn--", StringComparison.OrdinalIgnoreCase)
            ? IdentifierCheck.Valid(address.ToLowerInvariant())
            : IdentifierCheck.Invalid("the top-level domain must be letters");
    }
}
