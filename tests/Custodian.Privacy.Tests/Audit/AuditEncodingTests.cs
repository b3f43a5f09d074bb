using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using Custodian.Privacy.Audit;

namespace Custodian.Privacy.Tests.Audit;

/// <summary>
/// The canonical entry and the block format at their edges: fields as long as the log allows in the widest UTF-8
/// (canonical bytes past the 1 KiB stack buffer), absent fields, a wrong format byte, cut and short bytes.
/// </summary>
public sealed class AuditEncodingTests
{
    private const string SubjectText = "subj_0123456789abcdef0123456789abcdef";

    /// <summary>Text of <paramref name="length"/> characters of 3 UTF-8 bytes each: the most bytes per character the bounds allow for.</summary>
    private static string Wide(int length) => new('€', length);

    private static AuditEntryRecord Entry(string actor, string action, string? subject, string? register, string? purpose, string? requestId) => new()
    {
        Sequence = 4242,
        AtUnixMicroseconds = 1_780_000_000_123_456,
        Actor = actor,
        Action = action,
        Subject = subject,
        Register = register,
        Purpose = purpose,
        RequestId = requestId,
        PreviousHash = RandomNumberGenerator.GetBytes(AuditChain.HashSize),
    };

    /// <summary>Short fields; the log's bounds (actor 100, others 64) in ASCII; the same bounds in 3-byte characters (canonical bytes over 1 KiB); far past them.</summary>
    public static TheoryData<int, int, bool> Sizes => new()
    {
        { 9, 4, false },
        { 100, 64, false },
        { 100, 64, true },
        { 1000, 640, true },
    };

    private static AuditEntryRecord SizedEntry(int actorLength, int fieldLength, bool wide)
    {
        string Text(int length) => wide ? Wide(length) : new string('a', length);
        return Entry(Text(actorLength), Text(fieldLength), SubjectText, Text(fieldLength), Text(fieldLength), Text(fieldLength));
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void An_entrys_hash_is_sha256_over_its_canonical_bytes_then_the_previous_hash(int actorLength, int fieldLength, bool wide)
    {
        var e = SizedEntry(actorLength, fieldLength, wide);
        var canonical = new byte[AuditChain.MaxCanonicalSize(e.Actor, e.Action, e.Subject, e.Register, e.Purpose, e.RequestId)];
        var length = AuditChain.WriteCanonical(canonical, e.Sequence, e.AtUnixMicroseconds, e.Actor, e.Action, e.Subject, e.Register, e.Purpose, e.RequestId);

        var hash = AuditChain.Hash(e);

        Assert.Equal(SHA256.HashData([.. canonical[..length], .. e.PreviousHash]), hash);
        var inPlace = new byte[AuditChain.HashSize];
        AuditChain.HashOf(canonical.AsSpan(0, length), e.PreviousHash, inPlace);
        Assert.Equal(hash, inPlace);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void The_room_reserved_for_an_entry_holds_its_canonical_bytes(int actorLength, int fieldLength, bool wide)
    {
        var e = SizedEntry(actorLength, fieldLength, wide);

        // Exactly the room asked for: an estimate that is too small throws here instead of passing on spare capacity.
        var named = new byte[AuditChain.MaxCanonicalSize(e.Actor, e.Action, e.Subject, e.Register, e.Purpose, e.RequestId)];
        var namedLength = AuditChain.WriteCanonical(named, e.Sequence, e.AtUnixMicroseconds, e.Actor, e.Action, e.Subject, e.Register, e.Purpose, e.RequestId);
        var pseudonymous = new byte[AuditChain.MaxCanonicalSize(e.Actor, e.Action, e.Register, e.Purpose, e.RequestId)];
        var pseudonymousLength = AuditChain.WriteCanonical(pseudonymous, e.Sequence, e.AtUnixMicroseconds, e.Actor, e.Action, Guid.Parse(SubjectText[5..]), e.Register, e.Purpose, e.RequestId);

        Assert.True(AuditChain.TryDecode(named.AsSpan(0, namedLength), out var decoded));
        Assert.Equal((e.Actor, e.Action, e.Subject, e.Register, e.Purpose, e.RequestId), (decoded.Actor, decoded.Action, decoded.Subject, decoded.Register, decoded.Purpose, decoded.RequestId));
        Assert.Equal(named[..namedLength], pseudonymous[..pseudonymousLength]);
    }

    [Theory]
    [InlineData(SubjectText)]
    [InlineData(null)]
    public void A_pseudonymous_subject_id_is_written_exactly_as_its_text(string? subject)
    {
        var e = Entry("account:7", "read", subject, "guidance", null, "req-9");
        // Different leftovers in the two buffers: every byte of the entry must be written, none left as found.
        var fromText = Enumerable.Repeat((byte)0xAA, 512).ToArray();
        var fromId = Enumerable.Repeat((byte)0x55, 512).ToArray();

        var textLength = AuditChain.WriteCanonical(fromText, e.Sequence, e.AtUnixMicroseconds, e.Actor, e.Action, e.Subject, e.Register, e.Purpose, e.RequestId);
        var idLength = AuditChain.WriteCanonical(fromId, e.Sequence, e.AtUnixMicroseconds, e.Actor, e.Action, subject is null ? null : Guid.Parse(subject[5..]), e.Register, e.Purpose, e.RequestId);

        Assert.Equal(fromText[..textLength], fromId[..idLength]);
        Assert.True(AuditChain.TryDecode(fromId.AsSpan(0, idLength), out var decoded));
        Assert.Equal((e.Sequence, e.AtUnixMicroseconds, subject), (decoded.Sequence, decoded.AtUnixMicroseconds, decoded.Subject));
    }

    [Fact]
    public void Absent_fields_come_back_absent_and_empty_ones_empty()
    {
        // The smallest canonical entry: empty actor and action, nothing else (16 + 6 length prefixes = 40 bytes).
        var smallest = Entry(string.Empty, string.Empty, null, null, null, null);
        var withEmptyRegister = Entry("system", "read", null, string.Empty, null, null);

        var decoded = AuditBlock.Decode(AuditBlock.Encode([smallest, withEmptyRegister]));

        Assert.Equal(2, decoded.Count);
        Assert.Equal((string.Empty, string.Empty, (string?)null, (string?)null, (string?)null, (string?)null), (decoded[0].Actor, decoded[0].Action, decoded[0].Subject, decoded[0].Register, decoded[0].Purpose, decoded[0].RequestId));
        Assert.Equal(("system", (string?)null, string.Empty, (string?)null, (string?)null), (decoded[1].Actor, decoded[1].Subject, decoded[1].Register, decoded[1].Purpose, decoded[1].RequestId));
        Assert.Equal(AuditChain.Hash(smallest), AuditChain.Hash(decoded[0]));
    }

    public static TheoryData<string, byte[]> NotCanonical
    {
        get
        {
            var entry = Entry("account:1234567890", "read", null, null, null, null);
            var canonical = new byte[256];
            var length = AuditChain.WriteCanonical(canonical, entry.Sequence, entry.AtUnixMicroseconds, entry.Actor, entry.Action, (string?)null, null, null, null);
            var afterAction = 16 + 4 + entry.Actor.Length + 4 + entry.Action.Length;
            var noActor = canonical[..length];
            BinaryPrimitives.WriteUInt32BigEndian(noActor.AsSpan(16), uint.MaxValue);
            noActor = [.. noActor[..20], .. noActor[(20 + entry.Actor.Length)..]];
            var claimsMore = canonical[..length];
            BinaryPrimitives.WriteInt32BigEndian(claimsMore.AsSpan(length - 4), 5); // the request id "has" 5 bytes; none follow
            return new()
            {
                { "shorter than sequence and time", canonical[..10] },
                { "shorter than the smallest entry", canonical[..39] },
                { "no actor", noActor },
                { "cut after the action", canonical[..afterAction] },
                { "the last field claims bytes that are not there", claimsMore },
                { "bytes after the last field", [.. canonical[..length], 0] },
            };
        }
    }

    [Theory]
    [MemberData(nameof(NotCanonical))]
    public void Bytes_that_are_not_a_canonical_entry_do_not_decode(string what, byte[] bytes)
    {
        Assert.False(AuditChain.TryDecode(bytes, out _), what);
    }

    [Fact]
    public void An_entrys_hash_at_another_position_is_the_hash_it_would_have_there()
    {
        var e = Entry("account:1", "read", SubjectText, "guidance", "client-work", "req-1");
        var moved = Entry(e.Actor, e.Action, e.Subject, e.Register, e.Purpose, e.RequestId);
        (moved.Sequence, moved.AtUnixMicroseconds, moved.PreviousHash) = (e.Sequence + 1, e.AtUnixMicroseconds, e.PreviousHash);

        Assert.Equal(AuditChain.Hash(moved), AuditChain.Hash(e, asSequence: e.Sequence + 1));
        Assert.NotEqual(AuditChain.Hash(e), AuditChain.Hash(e, asSequence: e.Sequence + 1));
    }

    [Fact]
    public void The_encoders_refuse_null_arguments()
    {
        Assert.Throws<ArgumentNullException>(() => AuditChain.Hash(null!));
        Assert.Throws<ArgumentNullException>(() => AuditBlock.BeginEntry(null!, 100));
        Assert.Throws<ArgumentNullException>(() => AuditBlock.EndEntry(null!, new byte[200], 100, new byte[AuditChain.HashSize]));
        Assert.Throws<ArgumentNullException>(() => AuditBlock.Encode(null!));
        Assert.Throws<ArgumentNullException>(() => AuditBlock.Decode(null!));
    }

    [Fact]
    public void An_entry_larger_than_64_KiB_is_refused_not_cut()
    {
        var huge = Entry(new string('a', 70_000), "read", null, null, null, null);

        var refused = Assert.Throws<ArgumentException>(() => AuditBlock.Encode([huge]));

        Assert.Equal("canonicalLength", refused.ParamName);
        Assert.StartsWith("An audit entry is larger than 64 KiB.", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_entry_fits_in_exactly_the_room_it_asks_the_block_for()
    {
        var e = SizedEntry(100, 64, wide: true);
        var block = new ExactBufferWriter();
        block.Write([AuditBlock.Format1]);

        var entry = AuditBlock.BeginEntry(block, AuditChain.MaxCanonicalSize(e.Actor, e.Action, e.Subject, e.Register, e.Purpose, e.RequestId));
        var length = AuditChain.WriteCanonical(entry[AuditBlock.CanonicalOffset..], e.Sequence, e.AtUnixMicroseconds, e.Actor, e.Action, e.Subject, e.Register, e.Purpose, e.RequestId);
        var hash = AuditBlock.EndEntry(block, entry, length, e.PreviousHash).ToArray();

        var decoded = Assert.Single(AuditBlock.Decode(block.Written));
        Assert.Equal(AuditChain.Hash(e), hash);
        Assert.Equal(hash, decoded.Hash);
        Assert.Equal(e.PreviousHash, decoded.PreviousHash);
        Assert.Equal(e.RequestId, decoded.RequestId);
    }

    public static TheoryData<string, byte[]> NotBlocks
    {
        get
        {
            var block = AuditBlock.Encode([Entry("system", "read", null, null, null, null)]);
            var otherFormat = block.ToArray();
            otherFormat[0] = AuditBlock.Format1 + 1;
            return new()
            {
                { "empty", [] },
                { "another format byte", otherFormat },
                { "cut inside the last hash", block[..^10] },
                { "one byte after the last entry", [.. block, 0] },
            };
        }
    }

    [Theory]
    [MemberData(nameof(NotBlocks))]
    public void Bytes_that_are_not_a_block_are_refused(string what, byte[] bytes)
    {
        var reader = new AuditBlock.Reader(bytes);
        while (reader.TryRead(out _))
        {
        }

        Assert.True(reader.Malformed, what);
        var refused = Assert.Throws<FormatException>(() => AuditBlock.Decode(bytes));
        Assert.Equal("The audit block is not well-formed.", refused.Message);
    }

    [Fact]
    public void A_block_entry_too_short_to_be_canonical_is_an_entry_problem()
    {
        // 16 bytes hold a sequence and a time, so the block can be walked, but no fields.
        byte[] block = [AuditBlock.Format1, 0, 16, .. new byte[16 + (2 * AuditChain.HashSize)]];
        byte[] shorter = [AuditBlock.Format1, 0, 15, .. new byte[15 + (2 * AuditChain.HashSize)]];

        Assert.Equal("An audit entry in the block is not well-formed.", Assert.Throws<FormatException>(() => AuditBlock.Decode(block)).Message);
        Assert.Equal("The audit block is not well-formed.", Assert.Throws<FormatException>(() => AuditBlock.Decode(shorter)).Message);
    }

    /// <summary>A buffer writer that hands out exactly the room asked for, unlike <see cref="ArrayBufferWriter{T}"/>'s spare capacity.</summary>
    private sealed class ExactBufferWriter : IBufferWriter<byte>
    {
        private byte[] _buffer = [];
        private int _written;
        private int _lent;

        public byte[] Written => _buffer[.._written];

        public void Advance(int count)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _lent);
            _written += count;
            _lent = 0;
        }

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            _lent = Math.Max(sizeHint, 1);
            Array.Resize(ref _buffer, _written + _lent);
            return _buffer.AsMemory(_written, _lent);
        }

        public Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;
    }
}
