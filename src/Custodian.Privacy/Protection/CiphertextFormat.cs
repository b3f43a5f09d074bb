using System.Text;
using Custodian.Privacy.Abstractions.Protection;

namespace Custodian.Privacy.Protection;

/// <summary>
/// Stored layout of an encrypted field, version 1:
/// <c>[1 byte format=1][16 bytes data key id][12 bytes nonce][16 bytes tag][ciphertext]</c>.
/// The associated data is the 17-byte header plus <c>table|column|row</c>, so neither the key id nor the place can
/// be changed without the tag failing.
/// </summary>
internal static class CiphertextFormat
{
    public const byte Version1 = 1;
    public const int HeaderSize = 1 + 16;
    public const int NonceSize = NonceSource.NonceSize;
    public const int TagSize = 16;
    public const int Overhead = HeaderSize + NonceSize + TagSize;

    public static bool TryReadKeyId(ReadOnlySpan<byte> stored, out Guid keyId)
    {
        keyId = default;
        if (stored.Length < Overhead || stored[0] != Version1)
        {
            return false;
        }

        keyId = new Guid(stored.Slice(1, 16));
        return true;
    }

    /// <summary>
    /// The associated data of a value in the caller's stack buffer, or in a pooled array when the address is
    /// long. Dispose returns the pooled array.
    /// </summary>
    public ref struct AssociatedData
    {
        private readonly byte[]? _rented;

        public AssociatedData(Span<byte> stackBuffer, ReadOnlySpan<byte> header, FieldAddress field)
        {
            var size = MaxAssociatedDataSize(field);
            _rented = size > stackBuffer.Length ? System.Buffers.ArrayPool<byte>.Shared.Rent(size) : null;
            var buffer = _rented ?? stackBuffer;
            Span = buffer[..WriteAssociatedData(buffer, header, field)];
        }

        public ReadOnlySpan<byte> Span { get; }

        public readonly void Dispose()
        {
            if (_rented is not null)
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(_rented);
            }
        }
    }

    /// <summary>The most bytes <see cref="WriteAssociatedData"/> can write for this field.</summary>
    public static int MaxAssociatedDataSize(FieldAddress field) =>
        HeaderSize + Encoding.UTF8.GetMaxByteCount(field.Table.Length + field.Column.Length + field.RowId.Length + 2);

    /// <summary>Writes header || table|column|row and returns the length written.</summary>
    public static int WriteAssociatedData(Span<byte> destination, ReadOnlySpan<byte> header, FieldAddress field)
    {
        header.CopyTo(destination);
        var written = HeaderSize;
        written += Encoding.UTF8.GetBytes(field.Table, destination[written..]);
        destination[written++] = (byte)'|';
        written += Encoding.UTF8.GetBytes(field.Column, destination[written..]);
        destination[written++] = (byte)'|';
        written += Encoding.UTF8.GetBytes(field.RowId, destination[written..]);
        return written;
    }
}
