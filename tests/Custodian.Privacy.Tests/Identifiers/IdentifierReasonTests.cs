using Custodian.Privacy.Abstractions.Identifiers;

namespace Custodian.Privacy.Tests.Identifiers;

public sealed class IdentifierReasonTests
{
    [Theory]
    [InlineData("131052-308U", "check character should be T, not U")]
    [InlineData("310252-308Y", "birth date 31.02.1952 does not exist")]
    [InlineData("131052-000V", "individual number 000 is not issued (002-899, or 900-999 for temporary codes)")]
    [InlineData("131052G308T", "'G' is not a century sign (+, - Y X W V U, A B C D E F)")]
    [InlineData("131052-308", "must be 11 characters DDMMYYCNNNX, got 10")]
    [InlineData("290201A002U", "birth date 29.02.2001 does not exist")]
    public void Hetu_reasons_say_exactly_what_is_wrong(string code, string reason) =>
        Assert.Equal(reason, Hetu.Check(code).Reason);

    [Fact]
    public void Hetu_temporary_numbers_are_valid_and_flagged()
    {
        var check = Hetu.Check("010594Y9021");

        Assert.True(check.IsValid);
        Assert.Equal("temporary identity code (individual number 900-999)", check.Note);
    }

    [Theory]
    [InlineData("131052-308T", 1952, 10, 13)]
    [InlineData("131052A308T", 2052, 10, 13)]
    [InlineData("131052+308T", 1852, 10, 13)]
    public void Hetu_gives_the_birth_date_of_its_century(string code, int year, int month, int day) =>
        Assert.Equal(new DateOnly(year, month, day), Hetu.BirthDate(code));

    [Fact]
    public void Hetu_is_normalised_to_upper_case() =>
        Assert.Equal("131052A308T", Hetu.Check(" 131052a308t ").Normalised);

    [Theory]
    [InlineData("2077474-1", "check digit should be 0, not 1")]
    [InlineData("20774740", "must be seven digits, a hyphen and a check digit (NNNNNNN-C)")]
    public void Ytunnus_reasons(string code, string reason) => Assert.Equal(reason, YTunnus.Check(code).Reason);

    [Theory]
    [InlineData("1234567895", "check digit 10 should be 4, not 5")]
    [InlineData("123456789037", "check digit 11 should be 4, not 3")]
    [InlineData("77070838", "must be 10 digits (organisation) or 12 digits (person), got 8 digits")]
    [InlineData("77070838AB", "must be 10 digits (organisation) or 12 digits (person), got characters other than digits")]
    public void Inn_reasons(string code, string reason) => Assert.Equal(reason, Inn.Check(code).Reason);

    [Theory]
    [InlineData("7736ab001")]
    [InlineData("77360100A")]
    public void Kpp_reason_explains_the_pattern(string code) =>
        Assert.Equal("must be 4 digits, 2 digits or capital Latin letters, then 3 digits (NNNNPPNNN)", Kpp.Check(code).Reason);

    [Fact]
    public void An_ogrnip_given_as_ogrn_is_named() =>
        Assert.Equal("has 15 digits: that is an OGRNIP (individual entrepreneur), not an OGRN", Ogrn.Check("385768585948949").Reason);

    [Theory]
    [InlineData(" Anna.Virtanen@Example.FI ", "anna.virtanen@example.fi")]
    [InlineData("seller+wb@mail.ru", "seller+wb@mail.ru")]
    [InlineData("user@xn--e1afmkfd.xn--p1ai", "user@xn--e1afmkfd.xn--p1ai")]
    public void Email_addresses_are_trimmed_and_lower_cased(string input, string normalised) =>
        Assert.Equal(normalised, Email.Check(input).Normalised);

    [Theory]
    [InlineData("anna@", "the domain must have a dot (example.com)")]
    [InlineData("anna@@example.fi", "must contain exactly one @")]
    [InlineData("anna..v@example.fi", "the part before @ has a character or dot that is not allowed")]
    [InlineData("anna@-example.fi", "the domain part '-example' is not a valid name")]
    [InlineData("Anna <anna@example.fi>", "the part before @ has a character or dot that is not allowed")]
    public void Email_reasons(string input, string reason) => Assert.Equal(reason, Email.Check(input).Reason);

    [Theory]
    [InlineData("+358 40 123 4567", null, "+358401234567")]
    [InlineData("00358401234567", null, "+358401234567")]
    [InlineData("040 123 4567", "+358", "+358401234567")]
    [InlineData("8 (912) 345-67-89", "+7", "+79123456789")]
    public void Phones_are_normalised_to_e164(string input, string? country, string e164) =>
        Assert.Equal(e164, Phone.Check(input, country).Normalised);

    [Theory]
    [InlineData("040 123 4567", "must start with + and the country code (E.164), e.g. +358 40 123 4567")]
    [InlineData("+358 40 123 456x", "may contain only digits after the +")]
    [InlineData("+12345", "must have 7 to 15 digits after the +, got 5")]
    public void Phone_reasons(string input, string reason) => Assert.Equal(reason, Phone.Check(input).Reason);
}
