using System.Security.Cryptography;
using System.Text;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Protection;

namespace Custodian.Privacy.Tests.Protection;

/// <summary>
/// The stored layout of an encrypted field, version 1, pinned against bytes made outside this code: a fault in the
/// associated data made the same way when sealing and opening would still round-trip, so round trips prove nothing
/// about the format. <c>[1 format][16 key id][12 nonce][16 tag][ciphertext]</c>, associated data = the 17-byte
/// header then <c>table|column|row</c> in UTF-8.
/// </summary>
public sealed class CiphertextFormatTests
{
    private static readonly FieldAddress Email = new("training_enrolments", "email", "row-1");
    private static readonly byte[] KeyBytes = [.. Enumerable.Range(0, 32).Select(i => (byte)i)];
    private static readonly Guid KeyId = new([.. Enumerable.Range(0x10, 16).Select(i => (byte)i)]);

    // AES-256-GCM by Python's `cryptography` 48.0: key 00..1f, nonce a0..ab, associated data
    // 01 10..1f "training_enrolments|email|row-1", plaintext "anna@example.fi"; stored as header, nonce, tag, ciphertext.
    private const string StoredVector =
        "01" + "101112131415161718191a1b1c1d1e1f" + "a0a1a2a3a4a5a6a7a8a9aaab" + "953054e88fd9e54b51849912a15a9fb7" + "8776124c05ae7ade0f15ebb6291ca9";

    [Fact]
    public void A_value_sealed_elsewhere_in_the_documented_format_opens()
    {
        using var key = Key();

        var plaintext = PersonalDataVault.Open(key, Email, Convert.FromHexString(StoredVector));

        Assert.Equal("anna@example.fi", Encoding.UTF8.GetString(plaintext));
    }

    [Fact]
    public void The_stored_vector_does_not_open_at_another_address()
    {
        using var key = Key();

        Assert.Throws<CryptographicException>(() => PersonalDataVault.Open(key, Email with { Table = "training_enrolment" }, Convert.FromHexString(StoredVector)));
        Assert.Throws<CryptographicException>(() => PersonalDataVault.Open(key, Email with { RowId = "row-2" }, Convert.FromHexString(StoredVector)));
    }

    [Fact]
    public void A_sealed_value_has_the_documented_header_and_opens_with_plain_AES_GCM()
    {
        using var key = Key();

        var stored = PersonalDataVault.Seal<string>(key, Email, "anna@example.fi"u8).Ciphertext;

        Assert.Equal(CiphertextFormat.Overhead + 15, stored.Length);
        Assert.Equal(Convert.FromHexString(StoredVector)[..17], stored[..17]);
        Assert.Equal("anna@example.fi", Encoding.UTF8.GetString(IndependentOpen(stored, Email)));
    }

    [Fact]
    public void Two_seals_of_one_value_draw_different_nonces()
    {
        using var key = Key();

        var first = PersonalDataVault.Seal<string>(key, Email, "anna@example.fi"u8).Ciphertext;
        var second = PersonalDataVault.Seal<string>(key, Email, "anna@example.fi"u8).Ciphertext;

        var nonces = new[] { first, second }.Select(s => s.AsSpan(CiphertextFormat.HeaderSize, CiphertextFormat.NonceSize).ToArray()).ToList();
        Assert.NotEqual(nonces[0], nonces[1]);
        Assert.All(nonces, n => Assert.NotEqual(new byte[CiphertextFormat.NonceSize], n));
        Assert.NotEqual(first, second);
    }

    // With 3-byte characters the associated data crosses the 512-byte stack buffer of Seal and Open around 165
    // characters; every length on both sides of it must be written whole, where a plain AES-GCM call expects it.
    [Fact]
    public void Addresses_around_the_stack_buffer_size_are_bound_whole()
    {
        using var key = Key();
        for (var length = 150; length <= 180; length++)
        {
            foreach (var letter in new[] { '€', 'a' })
            {
                var field = new FieldAddress("t", "c", new string(letter, letter == 'a' ? length * 3 : length));

                var stored = PersonalDataVault.Seal<string>(key, field, "v"u8).Ciphertext;

                Assert.Equal("v", Encoding.UTF8.GetString(IndependentOpen(stored, field)));
                Assert.Equal("v", Encoding.UTF8.GetString(PersonalDataVault.Open(key, field, stored)));
            }
        }
    }

    [Fact]
    public void The_associated_data_estimate_covers_what_is_written()
    {
        foreach (var field in new[] { Email, new FieldAddress("", "", ""), new FieldAddress("€€", "ü", new string('€', 300)) })
        {
            var buffer = new byte[CiphertextFormat.MaxAssociatedDataSize(field)];

            var header = Convert.FromHexString(StoredVector)[..17];

            var written = CiphertextFormat.WriteAssociatedData(buffer, header, field);

            Assert.Equal(AssociatedData(header, field), buffer[..written]);
        }
    }

    [Fact]
    public void An_empty_value_is_a_ciphertext_of_exactly_the_overhead()
    {
        using var key = Key();
        var stored = PersonalDataVault.Seal<string>(key, Email, []).Ciphertext;

        Assert.Equal(CiphertextFormat.Overhead, stored.Length);
        Assert.True(CiphertextFormat.TryReadKeyId(stored, out var id));
        Assert.Equal(KeyId, id);
        Assert.Empty(PersonalDataVault.Open(key, Email, stored));
        Assert.False(CiphertextFormat.TryReadKeyId(stored.AsSpan(0, CiphertextFormat.Overhead - 1), out _));
        stored[0] = 2;
        Assert.False(CiphertextFormat.TryReadKeyId(stored, out _));
    }

    private static DataKey Key() => new(KeyId, "subject:test", 1, [.. KeyBytes]);

    private static byte[] IndependentOpen(byte[] stored, FieldAddress field)
    {
        using var aes = new AesGcm(KeyBytes, 16);
        var plaintext = new byte[stored.Length - 45];
        aes.Decrypt(stored.AsSpan(17, 12), stored.AsSpan(45), stored.AsSpan(29, 16), plaintext, AssociatedData(stored[..17], field));
        return plaintext;
    }

    private static byte[] AssociatedData(byte[] header, FieldAddress field) =>
        [.. header, .. Encoding.UTF8.GetBytes($"{field.Table}|{field.Column}|{field.RowId}")];
}
