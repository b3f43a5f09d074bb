using System.Text;
using Custodian.Privacy.Protection;

namespace Custodian.Privacy.Tests.Protection;

/// <summary>The plaintext bytes of encrypted values: each type comes back as it went in, <c>false</c> included.</summary>
public sealed class ValueCodecTests
{
    [Theory]
    [InlineData(false, "0")]
    [InlineData(true, "1")]
    public void A_flag_is_one_byte_and_comes_back_as_it_was(bool value, string bytes)
    {
        var encoded = ValueCodec.Encode(value);

        Assert.Equal(bytes, Encoding.ASCII.GetString(encoded));
        Assert.Equal(value, ValueCodec.Decode<bool>(encoded));
    }

    [Fact]
    public void Only_the_byte_one_reads_as_true()
    {
        Assert.False(ValueCodec.Decode<bool>("0"u8));
        Assert.False(ValueCodec.Decode<bool>("11"u8));
        Assert.False(ValueCodec.Decode<bool>([]));
    }

    [Fact]
    public void Dates_and_numbers_come_back_as_they_were_whatever_the_culture()
    {
        Assert.Equal(new DateOnly(1987, 3, 9), ValueCodec.Decode<DateOnly>(ValueCodec.Encode(new DateOnly(1987, 3, 9))));
        Assert.Equal(1234.5m, ValueCodec.Decode<decimal>(ValueCodec.Encode(1234.5m)));
        Assert.Equal("1987-03-09", Encoding.ASCII.GetString(ValueCodec.Encode(new DateOnly(1987, 3, 9))));
    }
}
