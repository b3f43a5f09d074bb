namespace Custodian.Testing;

public static class TextEdits
{
    /// <summary>Replaces only the first occurrence (a test that breaks one value of a declaration breaks just that one).</summary>
    public static string ReplaceFirst(this string text, string original, string replacement)
    {
        ArgumentNullException.ThrowIfNull(text);
        var at = text.IndexOf(original, StringComparison.Ordinal);
        return at < 0 ? throw new ArgumentException($"'{original}' does not occur in the text.", nameof(original)) : text[..at] + replacement + text[(at + original.Length)..];
    }
}
