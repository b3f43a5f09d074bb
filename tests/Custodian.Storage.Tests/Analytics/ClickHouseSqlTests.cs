using Custodian.Storage.Analytics.ClickHouse;
using FsCheck;
using FsCheck.Xunit;

namespace Custodian.Storage.Tests.Analytics;

public sealed class ClickHouseSqlTests
{
    [Property(MaxTest = 500)]
    public bool A_string_literal_reads_back_as_the_same_text_with_no_bare_quote_inside(NonNull<string> text)
    {
        var literal = ClickHouseSql.StringLiteral(text.Get);
        return literal[0] == '\'' && literal[^1] == '\'' && ReadLikeClickHouse(literal[1..^1]) == text.Get;
    }

    // ClickHouse's reading of a quoted string: backslash escapes; a bare quote would end the literal early.
    private static string? ReadLikeClickHouse(string inside)
    {
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < inside.Length; i++)
        {
            switch (inside[i])
            {
                case '\'':
                    return null;
                case '\\' when i + 1 < inside.Length:
                    var next = inside[++i];
                    text.Append(next switch { 'n' => '\n', 'r' => '\r', 't' => '\t', '0' => '\0', 'b' => '\b', 'f' => '\f', _ => next });
                    break;
                case '\\':
                    return null;
                default:
                    text.Append(inside[i]);
                    break;
            }
        }

        return text.ToString();
    }

    [Theory]
    [InlineData(12.34, "toDecimal128('12.34', 2)")]
    [InlineData(-0.5, "toDecimal128('-0.5', 1)")]
    [InlineData(7, "toDecimal128('7', 0)")]
    public void Money_literals_stay_exact_decimals(decimal value, string expected) =>
        Assert.Equal(expected, ClickHouseSql.Literal(value));

    [Fact]
    public void Local_times_are_refused_as_query_values() =>
        Assert.Throws<ArgumentException>(() => ClickHouseSql.Literal(new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Local)));

    [Theory]
    [InlineData("Nullable(Decimal(38, 2))", "12.50")]
    [InlineData("UInt64", "18446744073709551615")]
    public void Large_and_exact_numbers_are_parsed_as_decimals(string type, string text) =>
        Assert.Equal(decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture), ClickHouseSql.ParseValue(text, type));

    [Theory]
    [InlineData("UInt64", "42")]
    [InlineData("Int32", "42")]
    [InlineData("Nullable(UInt8)", "42")]
    public void Integers_are_parsed_as_long_whatever_their_width(string type, string text) =>
        Assert.Equal(42L, ClickHouseSql.ParseValue(text, type));

    [Fact]
    public void Identifiers_that_are_not_plain_are_refused() =>
        Assert.Throws<ArgumentException>(() => ClickHouseSql.Quote("orders`; DROP TABLE x"));
}
