using Custodian.Privacy.Abstractions.Hosting;

namespace Custodian.Cli.Tests;

public sealed class VerbTableTests
{
    private static VerbTable Datasets() => new VerbTable("dataset", "rows", "note").AlignRight("rows")
        .Add("wb-orders", "7,216", "ok")
        .Add("ozon-analytics", "930", "Funnel metrics are not available on this Ozon plan (Premium needed); revenue and units are collected.");

    [Fact]
    public void Records_that_fit_print_as_aligned_columns_under_a_header()
    {
        var text = new VerbTable("dataset", "rows").AlignRight("rows").Add("wb-orders", "7,216").Add("ozon-fbs", "12").Render(80);

        Assert.Equal("dataset    rows\n---------  -----\nwb-orders  7,216\nozon-fbs      12\n", text);
    }

    [Fact]
    public void Records_wider_than_the_terminal_print_one_block_each_with_long_values_wrapped()
    {
        var text = Datasets().Render(60);

        Assert.Equal(
            "dataset  wb-orders\nrows     7,216\nnote     ok\n\n" +
            "dataset  ozon-analytics\nrows     930\nnote     Funnel metrics are not available on this Ozon plan\n" +
            "         (Premium needed); revenue and units are collected.\n",
            text);
        Assert.All(text.Split('\n'), line => Assert.True(line.Length <= 60, line));
    }

    [Fact]
    public void A_word_longer_than_the_line_is_cut_and_no_line_is_wider_than_the_terminal()
    {
        var text = new VerbTable("key", "value").Add("token", new string('x', 50)).Add("other", "y").Render(20);

        Assert.All(text.Split('\n'), line => Assert.True(line.Length <= 20, line));
        Assert.Contains(new string('x', 13), text, StringComparison.Ordinal);
    }

    [Fact]
    public void Control_characters_in_stored_values_cannot_move_the_operators_cursor()
    {
        var text = new VerbTable("error").Add("bad\u001b[2J\r\nthing").Render(80);

        Assert.DoesNotContain('\u001b', text);
        Assert.DoesNotContain('\r', text);
        Assert.Equal(3, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }
}
