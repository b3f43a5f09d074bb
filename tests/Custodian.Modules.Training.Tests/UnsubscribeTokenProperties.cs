using Custodian.Modules.Training.Marketing;
using FsCheck;
using FsCheck.Xunit;

namespace Custodian.Modules.Training.Tests;

/// <summary>The unsubscribe link's token: every id and MAC round-trip through one 43-character spelling, and nothing else parses.</summary>
public sealed class UnsubscribeTokenProperties
{
    [Property(MaxTest = 500)]
    public void Any_id_and_mac_round_trip_through_the_url_safe_token(Guid id, byte[] seed)
    {
        var mac = new byte[16];
        (seed ?? Array.Empty<byte>()).AsSpan(0, Math.Min(16, seed?.Length ?? 0)).CopyTo(mac);

        var token = UnsubscribeToken.Format(id, mac);

        Assert.Equal(UnsubscribeToken.Length, token.Length);
        Assert.All(token, c => Assert.True(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'));
        Assert.True(UnsubscribeToken.TryParse(token, out var parsed, out var parsedMac));
        Assert.Equal(id, parsed);
        Assert.Equal(mac, parsedMac);
    }

    [Property(MaxTest = 500)]
    public void Any_other_string_either_is_refused_or_is_the_canonical_spelling_of_what_it_parses_to(string? input)
    {
        if (UnsubscribeToken.TryParse(input, out var id, out var mac))
        {
            Assert.Equal(input, UnsubscribeToken.Format(id, mac));
        }
        else
        {
            Assert.Equal((Guid.Empty, 0), (id, mac.Length));
        }
    }

    [Property(MaxTest = 300)]
    public void Changing_the_last_characters_spare_bits_or_adding_padding_or_whitespace_is_refused(Guid id, PositiveInt salt)
    {
        var mac = BitConverter.GetBytes((long)salt.Get).Concat(BitConverter.GetBytes((long)~salt.Get)).ToArray();
        var token = UnsubscribeToken.Format(id, mac);
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        var last = Alphabet.IndexOf(token[^1], StringComparison.Ordinal);
        var spare = token[..^1] + Alphabet[last | 1 + (salt.Get % 3)];

        Assert.False(UnsubscribeToken.TryParse(spare, out _, out _));
        Assert.False(UnsubscribeToken.TryParse(token + "=", out _, out _));
        Assert.False(UnsubscribeToken.TryParse(" " + token[1..], out _, out _));
        Assert.False(UnsubscribeToken.TryParse(token[..^1], out _, out _));
    }
}
