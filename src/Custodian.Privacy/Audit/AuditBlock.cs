using System.Buffers;
using System.Buffers.Binary;

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

    /// <summary>Appends one entry (its canonical bytes, previous hash and hash) to a block being written.</summary>
    public static void Append(IBufferWriter<byte> block, ReadOnlySpan<byte> canonical, ReadOnlySpan<byte> previousHash, ReadOnlySpan<byte> hash)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (canonical.Length > ushort.MaxValue)
        {
            throw new ArgumentException("An audit entry is larger than 64 KiB.", nameof(canonical));
        }

        var span = block.GetSpan(2 + canonical.Length + (2 * HashSize));
        BinaryPrimitives.WriteUInt16BigEndian(span, (ushort)canonical.Length);
        canonical.CopyTo(span[2..]);
        previousHash.CopyTo(span[(2 + canonical.Length)..]);
        hash.CopyTo(span[(2 + canonical.Length + HashSize)..]);
        block.Advance(2 + canonical.Length + (2 * HashSize));
    }

    /// <summary>A block holding the given entries exactly as their fields and stored hashes say (tools and tests).</summary>
    public static byte[] Encode(IEnumerable<AuditEntryRecord> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var block = new ArrayBufferWriter<byte>();
        block.Write([Format1]);
        foreach (var e in entries)
        {
            var canonical = new byte[AuditChain.MaxCanonicalSize(e.Actor, e.Action, e.Subject, e.Register, e.Purpose, e.RequestId)];
            var length = AuditChain.WriteCanonical(canonical, e.Sequence, e.AtUnixMicroseconds, e.Actor, e.Action, e.Subject, e.Register, e.Purpose, e.RequestId);
            Append(block, canonical.AsSpan(0, length), e.PreviousHash, e.Hash);
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
