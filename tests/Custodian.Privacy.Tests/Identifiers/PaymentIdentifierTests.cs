using System.Globalization;
using Custodian.Privacy.Abstractions.Identifiers;
using Custodian.Testing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Custodian.Privacy.Tests.Identifiers;

/// <summary>Russian bank accounts, Finnish and RF references, IBANs: the vectors in tests/testdata/payment-identifiers.json and properties.</summary>
public sealed class PaymentIdentifierTests
{
    [Theory]
    [InlineData("ru-account")]
    [InlineData("ru-correspondent")]
    [InlineData("viite")]
    [InlineData("rf-reference")]
    [InlineData("iban")]
    public void Every_reference_vector_is_judged_as_listed(string key) =>
        ReferenceData.AssertJudgedAsListed("payment-identifiers.json", key, code => Check(key, code));

    [Theory]
    [InlineData("044525225:40702810300000012345", "account does not match the BIC: control key (9th digit) should be 2, not 3")]
    [InlineData("044525225:4070281020000001234", "account must be 20 digits, got 19 digits")]
    [InlineData("4452522:40702810200000012345", "BIC must be 9 digits, got 7 digits")]
    [InlineData("144525225:40702810200000012345", "a Russian BIC starts with 0")]
    [InlineData("40702810200000012345", "must be the BIC and the account separated by a colon (BIC:ACCOUNT)")]
    public void A_wrong_russian_account_says_exactly_what_is_wrong(string value, string reason) =>
        Assert.Equal(reason, RuBankAccount.Check(value).Reason);

    [Theory]
    [InlineData(IdentifierType.Viite, "1233", "check digit should be 2, not 3")]
    [InlineData(IdentifierType.Viite, "12", "must be 4 to 20 digits (spaces allowed), got 2 digits")]
    [InlineData(IdentifierType.RfReference, "RF19539007547034", "check digits should be 18, not 19")]
    [InlineData(IdentifierType.RfReference, "FI18539007547034", "must start with RF")]
    [InlineData(IdentifierType.Iban, "FI2112345600000786", "check digits should be 91, not 21")]
    [InlineData(IdentifierType.Iban, "FI211234560000078", "an IBAN of FI has 18 characters, got 17")]
    [InlineData(IdentifierType.Iban, "ZZ2112345600000785", "ZZ is not a country with IBANs")]
    public void A_wrong_reference_or_iban_says_exactly_what_is_wrong(IdentifierType type, string value, string reason) =>
        Assert.Equal(reason, Identifier.Check(type, value).Reason);

    [Fact]
    public void Valid_values_are_normalised_for_storage()
    {
        Assert.Equal("868516259619897", Viite.Check("86851 62596 19897").Normalised);
        Assert.Equal("RF18539007547034", RfReference.Check("rf18 5390 0754 7034").Normalised);
        Assert.Equal("FI2112345600000785", Iban.Check("fi21 1234 5600 0007 85").Normalised);
        Assert.Equal("FI21 1234 5600 0007 85", Iban.Grouped("FI2112345600000785"));
        Assert.Equal("86851 62596 19897", Viite.Grouped("868516259619897"));
    }

    [Fact]
    public void The_command_line_names_of_the_types_read_back_as_the_types()
    {
        Assert.All(Enum.GetValues<IdentifierType>(), t => Assert.Equal(t, Identifier.Named(Identifier.NameOf(t))));
        Assert.Equal(IdentifierType.RuAccount, Identifier.Named("RU-ACCOUNT"));
        Assert.Null(Identifier.Named("ruaccount"));
    }

    private static Arbitrary<string> Digits(int min, int max) =>
        (from length in Gen.Choose(min, max)
         from digits in Gen.ArrayOf(Gen.Choose(0, 9), length)
         select string.Concat(digits)).ToArbitrary();

    [Property(MaxTest = 300)]
    public Property An_account_given_its_control_key_is_valid_and_any_single_changed_digit_makes_it_invalid() =>
        Prop.ForAll(Digits(27, 27), Gen.Choose(0, 28).ToArbitrary(), Gen.Choose(1, 9).ToArbitrary(), (digits, position, delta) =>
        {
            var bic = "0" + digits[..8];
            var accountDigits = digits[8..];
            var account = accountDigits[..8] + "0" + accountDigits[8..];
            account = account[..8] + RuBankAccount.SettlementKey(bic, account).ToString(CultureInfo.InvariantCulture) + account[9..];
            Assert.True(RuBankAccount.CheckSettlement(bic, account).IsValid, $"{bic}:{account}");
            if (position >= 9)
            {
                var index = position - 9; // a digit of the account
                var changed = account[..index] + (char)('0' + ((account[index] - '0' + delta) % 10)) + account[(index + 1)..];
                Assert.False(RuBankAccount.CheckSettlement(bic, changed).IsValid, $"{bic}:{changed}");
            }
            else if (position >= 6)
            {
                var changedBic = bic[..position] + (char)('0' + ((bic[position] - '0' + delta) % 10)) + bic[(position + 1)..];
                Assert.False(RuBankAccount.CheckSettlement(changedBic, account).IsValid, $"{changedBic}:{account}");
            }
        });

    [Property(MaxTest = 300)]
    public Property A_created_reference_is_valid_and_any_single_changed_digit_makes_it_invalid() =>
        Prop.ForAll(Digits(3, 19), Gen.Choose(0, 19).ToArbitrary(), Gen.Choose(1, 9).ToArbitrary(), (digits, position, delta) =>
        {
            var baseDigits = "1" + digits[1..]; // no leading zero
            var reference = Viite.Create(baseDigits);
            Assert.True(Viite.Check(reference).IsValid, reference);
            Assert.True(Viite.Check(Viite.Grouped(reference)).IsValid, Viite.Grouped(reference));
            var index = position % reference.Length;
            var changed = reference[..index] + (char)('0' + ((reference[index] - '0' + delta) % 10)) + reference[(index + 1)..];
            if (changed[0] != '0')
            {
                Assert.False(Viite.Check(changed).IsValid, $"{reference} -> {changed}");
            }
        });

    [Property(MaxTest = 300)]
    public Property An_rf_reference_made_from_a_national_one_is_valid_and_any_single_changed_character_makes_it_invalid() =>
        Prop.ForAll(Digits(3, 19), Gen.Choose(2, 24).ToArbitrary(), Gen.Choose(1, 9).ToArbitrary(), (digits, position, delta) =>
        {
            var rf = RfReference.Create(Viite.Create("1" + digits[1..]));
            Assert.True(RfReference.Check(rf).IsValid, rf);
            var index = 2 + (position % (rf.Length - 2));
            var changed = rf[..index] + (char)('0' + ((rf[index] - '0' + delta) % 10)) + rf[(index + 1)..];
            Assert.False(RfReference.Check(changed).IsValid, $"{rf} -> {changed}");
        });

    [Property(MaxTest = 300)]
    public Property A_finnish_iban_with_its_check_digits_is_valid_and_any_swap_of_two_different_neighbours_makes_it_invalid() =>
        Prop.ForAll(Digits(14, 14), Gen.Choose(4, 16).ToArbitrary(), (account, position) =>
        {
            var iban = $"FI{98 - Remainder("FI00" + account):00}{account}";
            Assert.True(Iban.Check(iban).IsValid, iban);
            if (iban[position] != iban[position + 1])
            {
                var swapped = iban[..position] + iban[position + 1] + iban[position] + iban[(position + 2)..];
                Assert.False(Iban.Check(swapped).IsValid, $"{iban} -> {swapped}");
            }
        });

    private static int Remainder(string code) =>
        (int)(System.Numerics.BigInteger.Parse(string.Concat((code[4..] + code[..4]).Select(c => char.IsAsciiDigit(c) ? (c - '0').ToString(CultureInfo.InvariantCulture) : (c - 'A' + 10).ToString(CultureInfo.InvariantCulture))), CultureInfo.InvariantCulture) % 97);

    private static IdentifierCheck Check(string key, string code) => key switch
    {
        "ru-account" => RuBankAccount.Check(code),
        "ru-correspondent" => RuBankAccount.CheckCorrespondent(code.Split(':')[0], code.Split(':')[1]),
        "viite" => Viite.Check(code),
        "rf-reference" => RfReference.Check(code),
        _ => Iban.Check(code),
    };
}
