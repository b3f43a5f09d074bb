using Custodian.Modules.Billing.Payers;

namespace Custodian.Modules.Billing.Tests;

/// <summary>A Russian payer's requisites: every mistake named precisely, per field.</summary>
public sealed class RussianPayerTests
{
    [Fact]
    public void Valid_requisites_of_an_organisation_and_of_a_sole_proprietor_pass()
    {
        Assert.Empty(PayerTests.Organisation.Problems());
        Assert.Empty(PayerTests.SoleProprietor.Problems());
    }

    [Fact]
    public void Every_missing_field_is_named_at_once()
    {
        var problems = new RussianPayerForm(PayerKind.Organisation, null, null, null, null, null, null, null, null, null, null).Problems();

        Assert.Equal(["name", "inn", "kpp", "ogrn", "address", "email", "phone", "bic"], problems.Select(p => p.Field));
    }

    [Theory]
    [InlineData("inn", "7707083894", "INN: {0}", "check digit 10 should be 3, not 4")]
    [InlineData("inn", "500100732259", "An organisation's INN has 10 digits; 12 digits is the INN of a person (choose sole proprietor).", null)]
    [InlineData("kpp", "77360100", "KPP: {0}", "must be 9 characters, got 8")]
    [InlineData("ogrn", "1027700132196", "OGRN: {0}", null)]
    [InlineData("bic", "4452522", "BIC: {0}", "BIC must be 9 digits, got 7 digits")]
    [InlineData("account", "40702810300000012345", "Settlement account: {0}", "account does not match the BIC: control key (9th digit) should be 2, not 3")]
    [InlineData("correspondent", "30101810500000000225", "Correspondent account: {0}", "correspondent account does not match the BIC: control key (9th digit) should be 4, not 5")]
    [InlineData("email", "buh@romashka", "E-mail: {0}", null)]
    public void A_wrong_value_is_named_with_the_validators_reason(string field, string value, string message, string? reason)
    {
        var form = field switch
        {
            "inn" => PayerTests.Organisation with { Inn = value },
            "kpp" => PayerTests.Organisation with { Kpp = value },
            "ogrn" => PayerTests.Organisation with { Ogrn = value },
            "bic" => PayerTests.Organisation with { Bic = value },
            "account" => PayerTests.Organisation with { Account = value },
            "correspondent" => PayerTests.Organisation with { CorrespondentAccount = value },
            _ => PayerTests.Organisation with { Email = value },
        };

        var problem = Assert.Single(form.Problems());

        Assert.Equal((field, message), (problem.Field, problem.Message));
        if (reason is not null)
        {
            Assert.Equal(reason, problem.Reason);
        }
        else
        {
            Assert.False(string.IsNullOrWhiteSpace(problem.Reason ?? problem.Message));
        }
    }

    [Fact]
    public void A_sole_proprietor_has_a_12_digit_inn_an_ogrnip_and_no_kpp()
    {
        var problems = (PayerTests.SoleProprietor with { Inn = "7707083893", Kpp = "773601001", Ogrn = "1027700132195" }).Problems();

        Assert.Equal(
            [
                ("inn", "A sole proprietor's INN has 12 digits; 10 digits is the INN of an organisation."),
                ("kpp", "A sole proprietor has no KPP; leave it empty."),
                ("ogrn", "OGRNIP: {0}"),
            ],
            problems.Select(p => (p.Field, p.Message)));
    }
}
