using Custodian.Cli.Identifiers;
using Custodian.Privacy.Abstractions.Identifiers;

namespace Custodian.Cli.Tests;

public sealed class IdValidateTests
{
    [Fact]
    public async Task Each_value_gets_a_line_and_one_invalid_value_makes_the_exit_code_1()
    {
        var result = await Custodian.RunAsync("id", "validate", "--type", "hetu", "131052-308T", "131052-308U", "010594Y9021");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            [
                "131052-308T\tvalid",
                "131052-308U\tinvalid\tcheck character should be T, not U",
                "010594Y9021\tvalid\ttemporary identity code (individual number 900-999)",
            ],
            result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Values_can_come_one_per_line_from_standard_input()
    {
        using var input = new StringReader("1234567894\n\n  7707083893  \n");
        using var output = new StringWriter();

        var exit = await ValidateIdentifiers.RunAsync(IdentifierType.Inn, [], input, output, TestContext.Current.CancellationToken);

        Assert.Equal(0, exit);
        Assert.Equal("1234567894\tvalid\n7707083893\tvalid\n", output.ToString().ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("--type", "passport", "Unknown identifier type 'passport'; use one of: hetu, ytunnus, inn, kpp, ogrn, ogrnip, email, phone, ru-account, viite, rf-reference, iban.")]
    [InlineData("--type", "7", "Unknown identifier type '7'")]
    public async Task An_unknown_type_is_a_usage_error_with_exit_code_2(string option, string value, string message)
    {
        var result = await Custodian.RunAsync("id", "validate", option, value, "123");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Output);
    }

    [Fact]
    public async Task A_russian_account_is_checked_against_its_bic_with_the_same_output_and_exit_codes()
    {
        var result = await Custodian.RunAsync("id", "validate", "--type", "ru-account", "044525225:40702810200000012345", "044525225:40702810300000012345");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            [
                "044525225:40702810200000012345\tvalid",
                "044525225:40702810300000012345\tinvalid\taccount does not match the BIC: control key (9th digit) should be 2, not 3",
            ],
            result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("viite", "12345672")]
    [InlineData("rf-reference", "RF18 5390 0754 7034")]
    [InlineData("iban", "FI21 1234 5600 0007 85")]
    public async Task References_and_ibans_that_are_valid_exit_0(string type, string value)
    {
        var result = await Custodian.RunAsync("id", "validate", "--type", type, value);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"{value}\tvalid\n", result.Output.ReplaceLineEndings("\n"));
    }
}
