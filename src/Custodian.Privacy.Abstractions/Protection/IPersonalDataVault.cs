namespace Custodian.Privacy.Abstractions.Protection;

/// <summary>Field-level encryption and blind indexes. The only way personal values are stored or read.</summary>
public interface IPersonalDataVault
{
    /// <summary>Encrypts a value under the scope's current data key, bound to where it will be stored.</summary>
    ValueTask<Encrypted<T>> SealAsync<T>(KeyScope scope, FieldAddress field, T value, CancellationToken cancellationToken);

    /// <summary>Decrypts; a value whose key was destroyed comes back as an erased marker (<see cref="Revealed{T}.IsErased"/>).</summary>
    ValueTask<Revealed<T>> OpenAsync<T>(Encrypted<T> value, FieldAddress field, CancellationToken cancellationToken);

    /// <summary>
    /// The same value under the current key of its scope, or null when it already is (or its key was destroyed).
    /// Used by re-encryption after a data-key rotation.
    /// </summary>
    ValueTask<Encrypted<T>?> ReencryptAsync<T>(Encrypted<T> value, FieldAddress field, CancellationToken cancellationToken);

    /// <summary>
    /// Keyed HMAC-SHA256 of a normalised identifier for equality lookups ("is this e-mail enrolled already?").
    /// <paramref name="kind"/> separates domains (an e-mail and a phone never share an index value).
    /// </summary>
    byte[] BlindIndex(string kind, string normalisedValue);

    /// <summary>
    /// Destroys every key of the scope: all ciphertext under it, in any copy or backup, is unreadable. Returns how many
    /// key versions were destroyed (0 when the scope had no key, or it was destroyed before).
    /// </summary>
    Task<int> ShredAsync(KeyScope scope, CancellationToken cancellationToken);
}
