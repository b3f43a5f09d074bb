using System.Reflection;

namespace Custodian.Identity.Staff;

/// <summary>
/// What a staff password must be (NIST SP 800-63B): long enough, not a commonly used one, not the handle or the
/// service's name. No composition rules (they make passwords weaker and harder to remember); any characters, spaces too.
/// </summary>
internal static class PasswordRules
{
    public const int MinLength = 12;
    public const int MaxLength = 128;

    private static readonly Lazy<HashSet<string>> Common = new(ReadCommon);

    /// <summary>Why the password cannot be used, or null when it can (English; pages translate it).</summary>
    public static string? Problem(string? password, string handle)
    {
        var text = password ?? string.Empty;
        var length = new System.Globalization.StringInfo(text).LengthInTextElements;
        if (length < MinLength)
        {
            return "Use at least 12 characters; a few unrelated words make a good password.";
        }

        if (length > MaxLength)
        {
            return "Use at most 128 characters.";
        }

        var lower = text.ToLowerInvariant();
        var stripped = lower.TrimEnd('0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '!', '.', ' ');
        if (Common.Value.Contains(lower) || Common.Value.Contains(stripped) || lower.Distinct().Count() < 4)
        {
            return "This password is one of the most commonly used ones; choose another.";
        }

        if (lower.Contains(handle.ToLowerInvariant(), StringComparison.Ordinal) || lower.Contains("custodian", StringComparison.Ordinal))
        {
            return "The password must not contain your handle or the service's name.";
        }

        return null;
    }

    private static HashSet<string> ReadCommon()
    {
        using var stream = typeof(PasswordRules).Assembly.GetManifestResourceStream("common-passwords.txt")
            ?? throw new InvalidOperationException("The bundled list of common passwords is missing.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                set.Add(line);
            }
        }

        return set;
    }
}
