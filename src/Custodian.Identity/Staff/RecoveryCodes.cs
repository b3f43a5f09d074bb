using System.Security.Cryptography;

namespace Custodian.Identity.Staff;

/// <summary>
/// Ten single-use recovery codes (<c>7KQ2-M9XA-4TBW</c>, 60 random bits each) for a lost authenticator. Shown once;
/// stored only as a keyed hash (the kernel's blind index), so a copy of the database opens nothing.
/// </summary>
internal static class RecoveryCodes
{
    public const int Count = 10;
    public const string IndexKind = "staff-recovery-code";
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"; // Crockford base32: no I, L, O, U

    public static IReadOnlyList<string> New() => Enumerable.Range(0, Count).Select(_ => NewCode()).ToList();

    /// <summary>The form that is hashed: upper case, without dashes or spaces, confusable letters read as digits.</summary>
    public static string Normalise(string? code) =>
        new string((code ?? string.Empty).ToUpperInvariant().Where(char.IsAsciiLetterOrDigit).Select(c => c switch { 'O' => '0', 'I' or 'L' => '1', _ => c }).ToArray());

    private static string NewCode()
    {
        Span<byte> random = stackalloc byte[12];
        RandomNumberGenerator.Fill(random);
        var chars = new char[14];
        for (int i = 0, j = 0; i < 12; i++, j++)
        {
            if (i is 4 or 8)
            {
                chars[j++] = '-';
            }

            chars[j] = Alphabet[random[i] & 31];
        }

        return new string(chars);
    }
}
