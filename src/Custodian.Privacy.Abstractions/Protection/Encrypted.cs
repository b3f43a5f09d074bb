namespace Custodian.Privacy.Abstractions.Protection;

/// <summary>
/// A personal value as it is stored: ciphertext only. Entities declare personal fields with this type, so
/// plaintext cannot be assigned to them by mistake; only <see cref="IPersonalDataVault"/> makes and opens one.
/// Map to a binary column with <c>.HasConversion(v => v.Ciphertext, c => Encrypted.FromCiphertext&lt;T&gt;(c))</c>.
/// </summary>
/// <typeparam name="T">What the value decrypts to (string, DateOnly, decimal, int, long, bool, byte[]).</typeparam>
public sealed class Encrypted<T> : IEquatable<Encrypted<T>>
{
    private readonly byte[] _ciphertext;

    internal Encrypted(byte[] ciphertext) => _ciphertext = ciphertext;

    /// <summary>The stored bytes (format version, key id, nonce, tag, ciphertext).</summary>
    public byte[] Ciphertext => _ciphertext;

    public bool Equals(Encrypted<T>? other) => other is not null && _ciphertext.AsSpan().SequenceEqual(other._ciphertext);

    public override bool Equals(object? obj) => Equals(obj as Encrypted<T>);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(_ciphertext);
        return hash.ToHashCode();
    }

    /// <summary>Never the value: safe in logs and exception messages.</summary>
    public override string ToString() => $"Encrypted<{typeof(T).Name}>({_ciphertext.Length} bytes)";
}

public static class Encrypted
{
    /// <summary>Wraps stored ciphertext (for the EF Core value conversion of a column).</summary>
    public static Encrypted<T> FromCiphertext<T>(byte[] ciphertext)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        return new Encrypted<T>(ciphertext);
    }
}

/// <summary>The result of opening a value: the plaintext, or the marker that its key was destroyed (erased).</summary>
public readonly record struct Revealed<T>(bool IsErased, T? Value)
{
    public T ValueOr(T whenErased) => IsErased ? whenErased : Value!;

    public override string ToString() => IsErased ? "[erased]" : "[personal data]";
}
