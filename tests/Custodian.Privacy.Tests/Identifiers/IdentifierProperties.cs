using System.Globalization;
using Custodian.Privacy.Abstractions.Identifiers;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Custodian.Privacy.Tests.Identifiers;

public sealed class IdentifierProperties
{
    private const string HetuCheckCharacters = "0123456789ABCDEFHJKLMNPRSTUVWXY";

    /// <summary>Valid henkilötunnus built from a random date, century sign and individual number.</summary>
    private static Arbitrary<string> ValidHetu() =>
        (from day in Gen.Choose(0, 365 * 200)
         from number in Gen.Choose(2, 999)
         from sign in Gen.Elements("+-YXWVUABCDEF".ToCharArray())
         select BuildHetu(day, number, sign)).ToArbitrary();

    private static string BuildHetu(int dayOffset, int number, char sign)
    {
        var century = sign == '+' ? 1800 : "ABCDEF".Contains(sign, StringComparison.Ordinal) ? 2000 : 1900;
        var date = new DateOnly(century, 1, 1).AddDays(dayOffset % 36500);
        var body = date.ToString("ddMMyy", CultureInfo.InvariantCulture) + number.ToString("D3", CultureInfo.InvariantCulture);
        return body[..6] + sign + body[6..] + HetuCheckCharacters[(int)(long.Parse(body, CultureInfo.InvariantCulture) % 31)];
    }

    private static Arbitrary<string> Digits(int length) =>
        Gen.ArrayOf(Gen.Choose(0, 9), length).Select(d => string.Concat(d)).ToArbitrary();

    [Property(MaxTest = 300)]
    public Property A_generated_hetu_is_valid_and_any_changed_digit_or_check_character_makes_it_invalid() =>
        Prop.ForAll(ValidHetu(), Gen.Choose(0, 10).ToArbitrary(), Gen.Elements(HetuCheckCharacters.ToCharArray()).ToArbitrary(), (code, position, replacement) =>
        {
            Assert.True(Hetu.Check(code).IsValid, code);
            if (position == 6 || code[position] == replacement || (position < 10 && !char.IsAsciiDigit(replacement)))
            {
                return; // the century sign is not covered by the check character; non-digits are caught by format
            }

            var changed = code[..position] + replacement + code[(position + 1)..];
            Assert.False(Hetu.Check(changed).IsValid, $"{code} -> {changed}");
        });

    [Property(MaxTest = 300)]
    public Property Any_single_changed_digit_of_a_ytunnus_makes_it_invalid() =>
        Prop.ForAll(Digits(7), Gen.Choose(0, 8).ToArbitrary(), Gen.Choose(1, 9).ToArbitrary(), (body, position, delta) =>
        {
            var remainder = (7 * D(body, 0) + 9 * D(body, 1) + 10 * D(body, 2) + 5 * D(body, 3) + 8 * D(body, 4) + 4 * D(body, 5) + 2 * D(body, 6)) % 11;
            if (remainder == 1)
            {
                Assert.False(YTunnus.Check(body + "-0").IsValid);
                return;
            }

            var code = $"{body}-{(remainder == 0 ? 0 : 11 - remainder)}";
            Assert.True(YTunnus.Check(code).IsValid, code);
            var index = position < 7 ? position : 8;
            var changed = code[..index] + (char)('0' + ((D(code, index) + delta) % 10)) + code[(index + 1)..];
            Assert.False(YTunnus.Check(changed).IsValid, $"{code} -> {changed}");
        });

    [Property(MaxTest = 300)]
    public Property An_inn_with_computed_check_digits_is_valid_and_a_changed_check_digit_is_not() =>
        Prop.ForAll(Digits(11), Gen.Choose(1, 9).ToArbitrary(), (digits, delta) =>
        {
            var inn10 = digits[..9] + Check(digits[..9], [2, 4, 10, 3, 5, 9, 4, 6, 8]);
            var inn11 = digits[..10] + Check(digits[..10], [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]);
            var inn12 = inn11 + Check(inn11, [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]);
            Assert.True(Inn.Check(inn10).IsValid, inn10);
            Assert.True(Inn.Check(inn12).IsValid, inn12);
            Assert.False(Inn.Check(inn10[..9] + (char)('0' + ((D(inn10, 9) + delta) % 10))).IsValid);
            Assert.False(Inn.Check(inn12[..11] + (char)('0' + ((D(inn12, 11) + delta) % 10))).IsValid);
        });

    [Property(MaxTest = 300)]
    public Property An_ogrn_with_a_computed_check_digit_is_valid_and_a_changed_one_is_not() =>
        Prop.ForAll(Digits(11), Gen.Choose(1, 9).ToArbitrary(), (digits, delta) =>
        {
            var body = "1" + digits;
            var code = body + (long.Parse(body, CultureInfo.InvariantCulture) % 11 % 10);
            Assert.True(Ogrn.Check(code).IsValid, code);
            Assert.False(Ogrn.Check(code[..12] + (char)('0' + ((D(code, 12) + delta) % 10))).IsValid);
        });

    [Property(MaxTest = 1000)]
    public bool Garbage_never_crashes_a_validator(string? garbage) =>
        Enum.GetValues<IdentifierType>().All(type => Identifier.Check(type, garbage) is { } check && check.IsValid != (check.Reason is not null));

    [Property(MaxTest = 300)]
    public bool Normalising_a_valid_value_again_changes_nothing(NonNull<string> local)
    {
        var email = Email.Check(new string(local.Get.Where(char.IsAsciiLetterOrDigit).Take(20).ToArray()) + "x@Example.COM");
        var phone = Phone.Check("+358 40 123" + string.Concat(local.Get.Where(char.IsAsciiDigit).Take(6)) + "1");
        return email.IsValid && Email.Check(email.Normalised!).Normalised == email.Normalised
            && phone.IsValid && Phone.Check(phone.Normalised!).Normalised == phone.Normalised;
    }

    private static int D(string s, int i) => s[i] - '0';

    private static int Check(string digits, int[] weights) => digits.Select((c, i) => (c - '0') * weights[i]).Sum() % 11 % 10;
}
