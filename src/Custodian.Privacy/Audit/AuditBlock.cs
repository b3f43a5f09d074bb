using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Custodian.Privacy.Audit;

/// <summary>
/// One group-committed batch of entries stored as one row: <c>[1 byte format=1]</c> then per entry
/// <c>[u16 length][canonical bytes][32 previous hash][32 hash]</c>. One insert per batch keeps appends cheap, and
/// verification reads canonical bytes straight into the hash without re-encoding.
/// </summary>
public static class AuditBlock
{
    public const byte Format1 = 1;
    private const int HashSize = AuditChain.HashSize;

    /// <summary>One entry as stored in a block.</summary>
    public readonly ref struct StoredEntry(ReadOnlySpan<byte> canonicalAndPrevious, int canonicalLength, ReadOnlySpan<byte> hash)
    {
        public ReadOnlySpan<byte> Canonical => CanonicalAndPrevious[..canonicalLength];

        public ReadOnlySpan<byte> PreviousHash => CanonicalAndPrevious[canonicalLength..];

        /// <summary>Exactly the bytes the entry's hash is computed over (they are stored next to each other).</summary>
        public ReadOnlySpan<byte> CanonicalAndPrevious { get; } = canonicalAndPrevious;

        public ReadOnlySpan<byte> Hash { get; } = hash;
    }

    /// <summary>Walks the entries of a block; false (and stops) when the bytes are not a well-formed block.</summary>
    public ref struct Reader
    {
        private ReadOnlySpan<byte> _rest;

        public Reader(ReadOnlySpan<byte> block)
        {
            _rest = block.Length > 0 && block[0] == Format1 ? block[1..] : default;
            Malformed = block.Length == 0 || block[0] != Format1;
        }

        public bool Malformed { get; private set; }

        public bool TryRead(out StoredEntry entry)
        {
            entry = default;
            if (Malformed || _rest.IsEmpty)
            {
                return false;
            }

            if (_rest.Length < 2 || BinaryPrimitives.ReadUInt16BigEndian(_rest) is var length && _rest.Length < 2 + length + (2 * HashSize) || length < 16)
            {
                Malformed = true;
                return false;
            }

            entry = new StoredEntry(_rest.Slice(2, length + HashSize), length, _rest.Slice(2 + length + HashSize, HashSize));
            _rest = _rest[(2 + length + (2 * HashSize))..];
            return true;
        }
    }

    /// <summary>Where the canonical bytes go in the span <see cref="BeginEntry"/> returns.</summary>
    public const int CanonicalOffset = 2;

    /// <summary>Space for one entry; write its canonical bytes at <see cref="CanonicalOffset"/>, then call <see cref="EndEntry"/>.</summary>
    public static Span<byte> BeginEntry(IBufferWriter<byte> block, int maxCanonicalSize)
    {
        ArgumentNullException.ThrowIfNull(block);
        return block.GetSpan(CanonicalOffset + maxCanonicalSize + (2 * HashSize));
    }

    /// <summary>
    /// Completes the entry begun with <see cref="BeginEntry"/>: length prefix, previous hash, and the hash — computed
    /// over canonical || previous in place, or <paramref name="storedHash"/> as given (tools rewriting a block).
    /// Returns the entry's hash as written.
    /// </summary>
    public static ReadOnlySpan<byte> EndEntry(IBufferWriter<byte> block, Span<byte> entry, int canonicalLength, ReadOnlySpan<byte> previousHash, ReadOnlySpan<byte> storedHash = default)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (canonicalLength > ushort.MaxValue)
        {
            throw new ArgumentException("An audit entry is larger than 64 KiB.", nameof(canonicalLength));
        }

        BinaryPrimitives.WriteUInt16BigEndian(entry, (ushort)canonicalLength);
        previousHash.CopyTo(entry[(CanonicalOffset + canonicalLength)..]);
        var hash = entry.Slice(CanonicalOffset + canonicalLength + HashSize, HashSize);
        if (storedHash.IsEmpty)
        {
            SHA256.HashData(entry.Slice(CanonicalOffset, canonicalLength + HashSize), hash);
        }
        else
        {
            storedHash.CopyTo(hash);
        }

        block.Advance(CanonicalOffset + canonicalLength + (2 * HashSize));
        return hash;
    }

    /// <summary>A block holding the given entries exactly as their fields and stored hashes say (tools and tests).</summary>
    public static byte[] Encode(IEnumerable<AuditEntryRecord> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var block = new ArrayBufferWriter<byte>();
        block.Write([Format1]);
        foreach (var e in entries)
        {
            var entry = BeginEntry(block, AuditChain.MaxCanonicalSize(e.Actor, e.Action, e.Subject, e.Register, e.Purpose, e.RequestId));
            var length = AuditChain.WriteCanonical(entry[CanonicalOffset..], e.Sequence, e.AtUnixMicroseconds, e.Actor, e.Action, e.Subject, e.Register, e.Purpose, e.RequestId);
            EndEntry(block, entry, length, e.PreviousHash, e.Hash);
        }

        return block.WrittenSpan.ToArray();
    }

    /// <summary>The entries of a block with their stored hashes; throws on a malformed block.</summary>
    public static List<AuditEntryRecord> Decode(byte[] block)
    {
        ArgumentNullException.ThrowIfNull(block);
        var entries = new List<AuditEntryRecord>();
        var reader = new Reader(block);
        while (reader.TryRead(out var stored))
        {
            if (!AuditChain.TryDecode(stored.Canonical, out var entry))
            {
                throw new FormatException("An audit entry in the block is not well-formed.");
            }

            entry.PreviousHash = stored.PreviousHash.ToArray();
            entry.Hash = stored.Hash.ToArray();
            entries.Add(entry);
        }

        return reader.Malformed ? throw new FormatException("The audit block is not well-formed.") : entries;
    }
}
