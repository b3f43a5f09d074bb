using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Konscious.Security.Cryptography;

namespace Custodian.Identity.Staff;

/// <summary>
/// Argon2id password hashes in the PHC string format (<c>$argon2id$v=19$m=19456,t=2,p=1$salt$hash</c>), with
/// OWASP's minimum parameters as the default. The parameters travel in each hash, so raising them later still
/// verifies older hashes (and <see cref="NeedsRehash"/> says when to store a new one).
/// </summary>
internal static class PasswordHashing
{
    // Each derivation takes 19 MiB and a core for a while: at most one per core at a time, whatever the traffic.
    private static readonly SemaphoreSlim Derivations = new(Environment.ProcessorCount, Environment.ProcessorCount);

    public sealed record Cost(int MemoryKib, int Iterations, int Parallelism)
    {
        public static readonly Cost Default = new(19456, 2, 1);
    }

    public static string Hash(string password, Cost? cost = null)
    {
        ArgumentNullException.ThrowIfNull(password);
        cost ??= Cost.Default;
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Derive(password, salt, cost);
        return string.Create(CultureInfo.InvariantCulture,
            $"$argon2id$v=19$m={cost.MemoryKib},t={cost.Iterations},p={cost.Parallelism}${B64(salt)}${B64(hash)}");
    }

    /// <summary>Whether the password matches; false (never an exception) for a malformed stored value.</summary>
    public static bool Verify(string password, string stored)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (password.Length == 0 || !TryParse(stored, out var cost, out var salt, out var expected))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Derive(password, salt, cost), expected);
    }

    public static bool NeedsRehash(string stored, Cost? wanted = null) =>
        !TryParse(stored, out var cost, out _, out _) || cost != (wanted ?? Cost.Default);

    private static byte[] Derive(string password, byte[] salt, Cost cost)
    {
        Derivations.Wait();
        try
        {
            return DeriveNow(password, salt, cost);
        }
        finally
        {
            Derivations.Release();
        }
    }

    private static byte[] DeriveNow(string password, byte[] salt, Cost cost)
    {
        using var argon = new Argon2id(Encoding.UTF8.GetBytes(password))
        {
            Salt = salt,
            MemorySize = cost.MemoryKib,
            Iterations = cost.Iterations,
            DegreeOfParallelism = cost.Parallelism,
        };
        return argon.GetBytes(32);
    }

    private static bool TryParse(string stored, out Cost cost, out byte[] salt, out byte[] hash)
    {
        (cost, salt, hash) = (Cost.Default, [], []);
        var parts = (stored ?? string.Empty).Split('$');
        if (parts.Length != 6 || parts[0].Length != 0 || parts[1] != "argon2id" || parts[2] != "v=19")
        {
            return false;
        }

        var settings = parts[3].Split(',').Select(p => p.Split('=')).ToList();
        if (settings.Count != 3 || settings.Any(s => s.Length != 2)
            || !int.TryParse(settings[0][1], NumberStyles.None, CultureInfo.InvariantCulture, out var m) || settings[0][0] != "m"
            || !int.TryParse(settings[1][1], NumberStyles.None, CultureInfo.InvariantCulture, out var t) || settings[1][0] != "t"
            || !int.TryParse(settings[2][1], NumberStyles.None, CultureInfo.InvariantCulture, out var p) || settings[2][0] != "p"
            || m is < 8 or > 1_048_576 || t is < 1 or > 100 || p is < 1 or > 16)
        {
            return false;
        }

        try
        {
            salt = Convert.FromBase64String(Pad(parts[4]));
            hash = Convert.FromBase64String(Pad(parts[5]));
        }
        catch (FormatException)
        {
            return false;
        }

        cost = new Cost(m, t, p);
        return salt.Length >= 8 && hash.Length >= 16;
    }

    private static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    private static string Pad(string text) => text.Length % 4 == 0 ? text : text + new string('=', 4 - (text.Length % 4));
}
