using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Protection;

namespace Custodian.Privacy.Protection;

/// <summary>AES-256-GCM field encryption under envelope-wrapped data keys, and HMAC-SHA256 blind indexes.</summary>
public sealed class PersonalDataVault(KeyRing ring, IKeyProvider keys, IAuditLog audit, ICurrentActor actor) : IPersonalDataVault
{
    private readonly ConcurrentBag<HMACSHA256> _hmacs = [];

    // With the data key cached (the steady state) both calls complete synchronously, without a state machine.
    public ValueTask<Encrypted<T>> SealAsync<T>(KeyScope scope, FieldAddress field, T value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return ring.CachedCurrent(scope) is { } key
            ? new ValueTask<Encrypted<T>>(SealValue(key, field, value))
            : SealSlowAsync(scope, field, value, cancellationToken);
    }

    public ValueTask<Revealed<T>> OpenAsync<T>(Encrypted<T> value, FieldAddress field, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!CiphertextFormat.TryReadKeyId(value.Ciphertext, out var keyId))
        {
            throw new CryptographicException($"The value at {field} is not a Custodian ciphertext (format 1).");
        }

        return ring.TryCached(keyId, out var key)
            ? new ValueTask<Revealed<T>>(Reveal(key, field, value))
            : OpenSlowAsync(keyId, field, value, cancellationToken);
    }

    public byte[] BlindIndex(string kind, string normalisedValue)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(normalisedValue);
        var hmac = _hmacs.TryTake(out var pooled) ? pooled : new HMACSHA256(keys.BlindIndexKey.ToArray());
        try
        {
            return hmac.ComputeHash(Encoding.UTF8.GetBytes(kind + ":" + normalisedValue));
        }
        finally
        {
            _hmacs.Add(hmac);
        }
    }

    public async ValueTask<Encrypted<T>?> ReencryptAsync<T>(Encrypted<T> value, FieldAddress field, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!CiphertextFormat.TryReadKeyId(value.Ciphertext, out var keyId))
        {
            throw new CryptographicException($"The value at {field} is not a Custodian ciphertext (format 1).");
        }

        var key = await ring.FindAsync(keyId, cancellationToken);
        if (key is null)
        {
            return null;
        }

        var current = await ring.CurrentAsync(KeyScope.Parse(key.Scope), cancellationToken);
        return current.Id == key.Id ? null : Seal<T>(current, field, Open(key, field, value.Ciphertext));
    }

    public async Task<int> ShredAsync(KeyScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var destroyed = await ring.ShredAsync(scope, cancellationToken);
        if (destroyed > 0) // destroying what is already gone is no event
        {
            SubjectId? subject = scope.Value.StartsWith("subject:", StringComparison.Ordinal) ? new SubjectId(Guid.ParseExact(scope.Value["subject:".Length..], "N")) : null;
            await audit.AppendAsync(new AuditEvent(actor.Actor, "key.shred", subject, RequestId: actor.RequestId), cancellationToken);
        }

        return destroyed;
    }

    private async ValueTask<Encrypted<T>> SealSlowAsync<T>(KeyScope scope, FieldAddress field, T value, CancellationToken cancellationToken) =>
        SealValue(await ring.CurrentAsync(scope, cancellationToken), field, value);

    // Short strings (most personal fields) are encoded on the stack instead of into a temporary array.
    private static Encrypted<T> SealValue<T>(DataKey key, FieldAddress field, T value)
    {
        if (value is string text && text.Length <= 256)
        {
            Span<byte> utf8 = stackalloc byte[text.Length * 3];
            return Seal<T>(key, field, utf8[..System.Text.Encoding.UTF8.GetBytes(text, utf8)]);
        }

        return Seal<T>(key, field, ValueCodec.Encode(value));
    }

    private async ValueTask<Revealed<T>> OpenSlowAsync<T>(Guid keyId, FieldAddress field, Encrypted<T> value, CancellationToken cancellationToken) =>
        Reveal(await ring.FindAsync(keyId, cancellationToken), field, value);

    private static Revealed<T> Reveal<T>(DataKey? key, FieldAddress field, Encrypted<T> value)
    {
        if (key is null)
        {
            return new Revealed<T>(true, default);
        }

        var length = value.Ciphertext.Length - CiphertextFormat.Overhead;
        if (length > 1024 || typeof(T) == typeof(byte[]))
        {
            return new Revealed<T>(false, ValueCodec.Decode<T>(Open(key, field, value.Ciphertext)));
        }

        Span<byte> plaintext = stackalloc byte[length];
        Open(key, field, value.Ciphertext, plaintext);
        return new Revealed<T>(false, ValueCodec.Decode<T>(plaintext));
    }

    internal static Encrypted<T> Seal<T>(DataKey key, FieldAddress field, ReadOnlySpan<byte> plaintext)
    {
        var stored = new byte[CiphertextFormat.Overhead + plaintext.Length];
        stored[0] = CiphertextFormat.Version1;
        key.Id.TryWriteBytes(stored.AsSpan(1, 16));
        var nonce = stored.AsSpan(CiphertextFormat.HeaderSize, CiphertextFormat.NonceSize);
        NonceSource.Fill(nonce);
        using var associated = new CiphertextFormat.AssociatedData(stackalloc byte[512], stored.AsSpan(0, CiphertextFormat.HeaderSize), field);
        var aes = key.Rent();
        try
        {
            aes.Encrypt(nonce, plaintext, stored.AsSpan(CiphertextFormat.Overhead), stored.AsSpan(CiphertextFormat.HeaderSize + CiphertextFormat.NonceSize, CiphertextFormat.TagSize), associated.Span);
        }
        finally
        {
            key.Return(aes);
        }

        return Encrypted.FromCiphertext<T>(stored);
    }

    internal static byte[] Open(DataKey key, FieldAddress field, byte[] stored)
    {
        var plaintext = new byte[stored.Length - CiphertextFormat.Overhead];
        Open(key, field, stored, plaintext);
        return plaintext;
    }

    internal static void Open(DataKey key, FieldAddress field, byte[] stored, Span<byte> plaintext)
    {
        using var associated = new CiphertextFormat.AssociatedData(stackalloc byte[512], stored.AsSpan(0, CiphertextFormat.HeaderSize), field);
        var aes = key.Rent();
        try
        {
            aes.Decrypt(
                stored.AsSpan(CiphertextFormat.HeaderSize, CiphertextFormat.NonceSize),
                stored.AsSpan(CiphertextFormat.Overhead),
                stored.AsSpan(CiphertextFormat.HeaderSize + CiphertextFormat.NonceSize, CiphertextFormat.TagSize),
                plaintext,
                associated.Span);
        }
        catch (AuthenticationTagMismatchException e)
        {
            throw new CryptographicException($"The value at {field} was altered or belongs to another field or row.", e);
        }
        finally
        {
            key.Return(aes);
        }
    }
}
