using System.Globalization;
using Custodian.Modules.Billing.Documents;
using Custodian.Privacy.Abstractions.Identifiers;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Custodian.Modules.Billing.Tests;

/// <summary>The Finnish virtual barcode against published examples, and its layout as a property.</summary>
public sealed class VirtualBarcodeTests
{
    // The examples of Finanssiala's Pankkiviivakoodi-opas as published with the guide's rules (the first two also in the
    // README of the npm package virtuaaliviivakoodi, which reproduces the guide).
    [Theory]
    [InlineData("FI37 1590 3000 0007 76", "12.25", "11112", "2016-12-21", "437159030000007760000122500000000000000000011112161221")]
    [InlineData("FI37 1590 3000 0007 76", "1.10", "RF9811112", "2017-01-01", "537159030000007760000011098000000000000000011112170101")]
    [InlineData("FI79 4405 2020 0360 82", "4883.15", "86851 62596 19897", "2010-06-12", "479440520200360820048831500000000868516259619897100612")]
    [InlineData("FI58 1017 1000 0001 22", "482.99", "55958 22432 94671", "2012-01-31", "458101710000001220004829900000000559582243294671120131")]
    [InlineData("FI02 5000 4640 0013 02", "693.80", "69 87567 20834 35364", "2011-07-24", "402500046400013020006938000000069875672083435364110724")]
    [InlineData("FI79 4405 2020 0360 82", "4883.15", "RF09 8685 1625 9619 897", "2010-06-12", "579440520200360820048831509000000868516259619897100612")]
    public void The_published_examples_come_out_digit_for_digit(string iban, string amount, string reference, string due, string expected)
    {
        var (digits, problem) = VirtualBarcode.TryCreate(iban, decimal.Parse(amount, CultureInfo.InvariantCulture), reference, DateOnly.ParseExact(due, "yyyy-MM-dd", CultureInfo.InvariantCulture));

        Assert.Null(problem);
        Assert.Equal(expected, digits);
    }

    [Fact]
    public void Without_a_due_date_the_barcode_carries_zeros()
    {
        Assert.EndsWith("000000", VirtualBarcode.TryCreate("FI37 1590 3000 0007 76", 12.25m, "11112", null).Digits, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DE89370400440532013000", "10", "11112", "The virtual barcode is for Finnish accounts: the IBAN must start with FI.")]
    [InlineData("FI37 1590 3000 0007 77", "10", "11112", "IBAN: check digits should be 10, not 37.")]
    [InlineData("FI37 1590 3000 0007 76", "0", "11112", "The amount must be above zero, at most 999 999.99 euros, with at most two decimals.")]
    [InlineData("FI37 1590 3000 0007 76", "1000000", "11112", "The amount must be above zero, at most 999 999.99 euros, with at most two decimals.")]
    [InlineData("FI37 1590 3000 0007 76", "10", "11113", "Reference: check digit should be 2, not 3.")]
    [InlineData("FI37 1590 3000 0007 76", "10", "RF19539007547034", "RF reference: check digits should be 18, not 19.")]
    [InlineData("FI37 1590 3000 0007 76", "10", "RF45ABC", "The barcode carries an RF reference made of digits only (at most 21 after RF and the check digits).")]
    public void A_barcode_that_cannot_be_made_says_why(string iban, string amount, string reference, string problem) =>
        Assert.Equal((null, problem), VirtualBarcode.TryCreate(iban, decimal.Parse(amount, CultureInfo.InvariantCulture), reference, null));

    [Property(MaxTest = 300)]
    public Property Every_barcode_is_54_digits_that_carry_the_account_amount_reference_and_due_date() =>
        Prop.ForAll(Gen.Choose(1, 99_999_999).ToArbitrary(), Gen.Choose(100, 999_999_999).ToArbitrary(), Gen.Choose(0, 36_000).ToArbitrary(), (cents, referenceBase, days) =>
        {
            var amount = cents / 100m;
            var national = Viite.Create(referenceBase.ToString(CultureInfo.InvariantCulture));
            var rf = RfReference.Create(national);
            var due = new DateOnly(2000, 1, 1).AddDays(days);
            foreach (var (reference, version) in new[] { (national, '4'), (rf, '5') })
            {
                var digits = VirtualBarcode.TryCreate("FI2112345600000785", amount, reference, due).Digits!;
                Assert.Equal(54, digits.Length);
                Assert.True(digits.All(char.IsAsciiDigit), digits);
                Assert.Equal(version, digits[0]);
                Assert.Equal("2112345600000785", digits[1..17]);
                Assert.Equal(amount, decimal.Parse(digits[17..23], CultureInfo.InvariantCulture) + (decimal.Parse(digits[23..25], CultureInfo.InvariantCulture) / 100));
                Assert.Equal(due.ToString("yyMMdd", CultureInfo.InvariantCulture), digits[48..]);
                if (version == '4')
                {
                    Assert.Equal(national, digits[28..48].TrimStart('0'));
                }
                else
                {
                    Assert.Equal(rf, "RF" + digits[25..27] + digits[27..48].TrimStart('0'));
                }
            }
        });
}
