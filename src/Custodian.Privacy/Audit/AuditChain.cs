using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Custodian.Privacy.Audit;

/// <summary>
/// The canonical encoding and hash of an entry: SHA-256 over sequence, time, each text field length-prefixed
/// (absent = length 0xFFFFFFFF) and the previous entry's hash. Any change of content, order or position changes it.
/// </summary>
internal static class AuditChain
{
    public const int HashSize = 32;

    public static byte[] Hash(long sequence, long atUnixMicroseconds, string actor, string action, string? subject, string? register, string? purpose, string? requestId, ReadOnlySpan<byte> previousHash)
    {
        var hash = new byte[HashSize];
        Hash(sequence, atUnixMicroseconds, actor, action, subject, register, purpose, requestId, previousHash, hash);
        return hash;
    }

    public static void Hash(long sequence, long atUnixMicroseconds, string actor, string action, string? subject, string? register, string? purpose, string? requestId, ReadOnlySpan<byte> previousHash, Span<byte> destination)
    {
        var size = 16 + HashSize + 6 * 4 + Max(actor) + Max(action) + Max(subject) + Max(register) + Max(purpose) + Max(requestId);
        var rented = size > 1024 ? ArrayPool<byte>.Shared.Rent(size) : null;
        try
        {
            var span = rented is null ? stackalloc byte[1024] : rented.AsSpan();
            BinaryPrimitives.WriteInt64BigEndian(span, sequence);
            BinaryPrimitives.WriteInt64BigEndian(span[8..], atUnixMicroseconds);
            var written = 16;
            written += Field(span[written..], actor);
            written += Field(span[written..], action);
            written += Field(span[written..], subject);
            written += Field(span[written..], register);
            written += Field(span[written..], purpose);
            written += Field(span[written..], requestId);
            previousHash.CopyTo(span[written..]);
            written += HashSize;
            SHA256.HashData(span[..written], destination);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    public static byte[] Hash(AuditEntryRecord e, long? asSequence = null) =>
        Hash(asSequence ?? e.Sequence, e.AtUnixMicroseconds, e.Actor, e.Action, e.Subject, e.Register, e.Purpose, e.RequestId, e.PreviousHash);

    /// <summary>The bytes a checkpoint signature covers.</summary>
    public static byte[] CheckpointMessage(long sequence, ReadOnlySpan<byte> hash, long signedAtUnixMicroseconds) =>
        Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"custodian-audit-checkpoint|{sequence}|{Convert.ToHexStringLower(hash)}|{signedAtUnixMicroseconds}"));

    private static int Max(string? text) => text is null ? 0 : Encoding.UTF8.GetMaxByteCount(text.Length);

    private static int Field(Span<byte> span, string? text)
    {
        if (text is null)
        {
            BinaryPrimitives.WriteUInt32BigEndian(span, uint.MaxValue);
            return 4;
        }

        var length = Encoding.UTF8.GetBytes(text, span[4..]);
        BinaryPrimitives.WriteInt32BigEndian(span, length);
        return 4 + length;
    }
}
