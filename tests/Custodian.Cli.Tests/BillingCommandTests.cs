namespace Custodian.Cli.Tests;

/// <summary><c>custodian billing words</c> and <c>custodian billing barcode</c> as an operator runs them.</summary>
public sealed class BillingCommandTests
{
    [Fact]
    public async Task Words_prints_the_amount_as_an_invoice_writes_it()
    {
        var result = await Custodian.RunAsync("billing", "words", "1234.56");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Одна тысяча двести тридцать четыре рубля 56 копеек\n", result.Output.ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("12a", "Not an amount: write rubles and kopecks as digits, e.g. 1234.56.")]
    [InlineData("1.234", "The amount has more than two decimals: kopecks are whole.")]
    [InlineData("1 000", "Not an amount")]
    public async Task Words_refuses_what_is_not_an_amount_with_exit_code_2(string amount, string message)
    {
        var result = await Custodian.RunAsync("billing", "words", amount);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Output);
    }

    [Fact]
    public async Task Barcode_prints_the_54_digits()
    {
        var result = await Custodian.RunAsync("billing", "barcode", "--iban", "FI37 1590 3000 0007 76", "--amount", "12.25", "--reference", "11112", "--due", "2016-12-21");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("437159030000007760000122500000000000000000011112161221\n", result.Output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Barcode_refuses_a_bad_due_date_with_exit_code_2()
    {
        var result = await Custodian.RunAsync("billing", "barcode", "--iban", "FI3715903000000776", "--amount", "12.25", "--reference", "RF9811112", "--due", "21.12.2016");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--due: not a date: write yyyy-MM-dd", result.Error, StringComparison.Ordinal);
    }
}
