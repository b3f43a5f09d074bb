using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Custodian.Privacy.Audit;

/// <summary>
/// The canonical encoding of an entry — sequence, time, then each text field length-prefixed (absent = length
/// 0xFFFFFFFF) — and its hash: SHA-256 over canonical bytes followed by the previous entry's hash. Any change of
/// content, order or position changes it.
/// </summary>
public static class AuditChain
{
    public const int HashSize = 32;

    // "subj_" + 32 hex digits: SubjectId.ToString().
    private const int SubjectLength = 37;

    public static byte[] Hash(long sequence, long atUnixMicroseconds, string actor, string action, string? subject, string? register, string? purpose, string? requestId, ReadOnlySpan<byte> previousHash)
    {
        var size = MaxCanonicalSize(actor, action, subject, register, purpose, requestId);
        var rented = size > 1024 ? ArrayPool<byte>.Shared.Rent(size) : null;
        try
        {
            var canonical = rented is null ? stackalloc byte[1024] : rented.AsSpan();
            var length = WriteCanonical(canonical, sequence, atUnixMicroseconds, actor, action, subject, register, purpose, requestId);
            var hash = new byte[HashSize];
            HashOf(canonical[..length], previousHash, hash);
            return hash;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The hash of an entry as its fields say (with <paramref name="asSequence"/> to test another position).</summary>
    public static byte[] Hash(AuditEntryRecord e, long? asSequence = null)
    {
        ArgumentNullException.ThrowIfNull(e);
        return Hash(asSequence ?? e.Sequence, e.AtUnixMicroseconds, e.Actor, e.Action, e.Subject, e.Register, e.Purpose, e.RequestId, e.PreviousHash);
    }

    public static void HashOf(ReadOnlySpan<byte> canonical, ReadOnlySpan<byte> previousHash, Span<byte> destination)
    {
        var size = canonical.Length + previousHash.Length;
        var rented = size > 1024 ? ArrayPool<byte>.Shared.Rent(size) : null;
        try
        {
            var buffer = rented is null ? stackalloc byte[1024] : rented.AsSpan();
            canonical.CopyTo(buffer);
            previousHash.CopyTo(buffer[canonical.Length..]);
            SHA256.HashData(buffer[..size], destination);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    public static int MaxCanonicalSize(string actor, string action, string? subject, string? register, string? purpose, string? requestId) =>
        16 + (6 * 4) + Max(actor) + Max(action) + Max(subject) + Max(register) + Max(purpose) + Max(requestId);

    public static int WriteCanonical(Span<byte> span, long sequence, long atUnixMicroseconds, string actor, string action, string? subject, string? register, string? purpose, string? requestId)
    {
        BinaryPrimitives.WriteInt64BigEndian(span, sequence);
        BinaryPrimitives.WriteInt64BigEndian(span[8..], atUnixMicroseconds);
        var written = 16;
        written += Field(span[written..], actor);
        written += Field(span[written..], action);
        written += Field(span[written..], subject);
        written += Field(span[written..], register);
        written += Field(span[written..], purpose);
        written += Field(span[written..], requestId);
        return written;
    }

    /// <summary>
    /// The canonical bytes of an entry whose subject is a pseudonymous id, written without building its string
    /// (same bytes as <see cref="WriteCanonical(Span{byte}, long, long, string, string, string?, string?, string?, string?)"/> with <c>subject.ToString()</c>).
    /// </summary>
    public static int WriteCanonical(Span<byte> span, long sequence, long atUnixMicroseconds, string actor, string action, Guid? subject, string? register, string? purpose, string? requestId)
    {
        BinaryPrimitives.WriteInt64BigEndian(span, sequence);
        BinaryPrimitives.WriteInt64BigEndian(span[8..], atUnixMicroseconds);
        var written = 16;
        written += Field(span[written..], actor);
        written += Field(span[written..], action);
        if (subject is { } id)
        {
            BinaryPrimitives.WriteInt32BigEndian(span[written..], SubjectLength);
            "subj_"u8.CopyTo(span[(written + 4)..]);
            id.TryFormat(span[(written + 9)..], out _, "N");
            written += 4 + SubjectLength;
        }
        else
        {
            written += Field(span[written..], null);
        }

        written += Field(span[written..], register);
        written += Field(span[written..], purpose);
        written += Field(span[written..], requestId);
        return written;
    }

    /// <summary>Room for an entry with a pseudonymous subject id.</summary>
    public static int MaxCanonicalSize(string actor, string action, string? register, string? purpose, string? requestId) =>
        16 + (6 * 4) + Max(actor) + Max(action) + SubjectLength + Max(register) + Max(purpose) + Max(requestId);

    public static long SequenceOf(ReadOnlySpan<byte> canonical) => BinaryPrimitives.ReadInt64BigEndian(canonical);

    /// <summary>Reads canonical bytes back into an entry; false when they are not a well-formed encoding.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> canonical, out AuditEntryRecord entry)
    {
        entry = new AuditEntryRecord();
        if (canonical.Length < 16 + (6 * 4))
        {
            return false;
        }

        entry.Sequence = BinaryPrimitives.ReadInt64BigEndian(canonical);
        entry.AtUnixMicroseconds = BinaryPrimitives.ReadInt64BigEndian(canonical[8..]);
        var rest = canonical[16..];
        if (!TryField(ref rest, out var actor) || !TryField(ref rest, out var action) || actor is null || action is null
            || !TryField(ref rest, out var subject) || !TryField(ref rest, out var register)
            || !TryField(ref rest, out var purpose) || !TryField(ref rest, out var requestId) || !rest.IsEmpty)
        {
            return false;
        }

        (entry.Actor, entry.Action, entry.Subject, entry.Register, entry.Purpose, entry.RequestId) = (actor, action, subject, register, purpose, requestId);
        return true;
    }

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

    private static bool TryField(ref ReadOnlySpan<byte> rest, out string? text)
    {
        text = null;
        if (rest.Length < 4)
        {
            return false;
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(rest);
        rest = rest[4..];
        if (length == uint.MaxValue)
        {
            return true;
        }

        if (length > (uint)rest.Length)
        {
            return false;
        }

        text = Encoding.UTF8.GetString(rest[..(int)length]);
        rest = rest[(int)length..];
        return true;
    }
}
