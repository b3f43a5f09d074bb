using System.Security.Cryptography;

namespace Custodian.Modules.Training.Cards;

/// <summary>
/// The code printed on a card for the public verification page: 60 random bits as 12 Crockford base32 characters in
/// three groups (<c>7K2M-9QXA-C4TF</c>), derived from nothing personal. Read back forgivingly, as people type what
/// they see: any case, with or without dashes or spaces, O for 0 and I or L for 1.
/// </summary>
internal static class VerificationCodes
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public const int Length = 12;

    public static string New()
    {
        Span<byte> random = stackalloc byte[Length];
        RandomNumberGenerator.Fill(random);
        Span<char> text = stackalloc char[Length];
        for (var i = 0; i < Length; i++)
        {
            text[i] = Alphabet[random[i] & 31];
        }

        return Grouped(text);
    }

    /// <summary>The canonical code (upper case, grouped) for what a person typed, or null when it cannot be one.</summary>
    public static string? Parse(string? typed)
    {
        if (typed is null || typed.Length > 40)
        {
            return null;
        }

        Span<char> text = stackalloc char[Length];
        var n = 0;
        foreach (var c in typed)
        {
            if (c is '-' or ' ')
            {
                continue;
            }

            var symbol = char.ToUpperInvariant(c) switch
            {
                'O' => '0',
                'I' or 'L' => '1',
                var u => u,
            };
            if (n == Length || !Alphabet.Contains(symbol, StringComparison.Ordinal))
            {
                return null;
            }

            text[n++] = symbol;
        }

        return n == Length ? Grouped(text) : null;
    }

    private static string Grouped(ReadOnlySpan<char> text) => $"{text[..4]}-{text[4..8]}-{text[8..]}";
}
