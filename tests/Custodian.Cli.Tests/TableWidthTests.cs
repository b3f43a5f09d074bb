using System.Text.Json;
using Custodian.Testing;

namespace Custodian.Cli.Tests;

/// <summary>Every verb that prints a table fits an 80-column terminal (or prints one block per record) and has <c>--json</c>.</summary>
public sealed class TableWidthTests(TableWidthTests.DemoData demo) : IClassFixture<TableWidthTests.DemoData>
{
    private static readonly Custodian.Terminal Narrow = new(Columns: 80);

    [Theory]
    [InlineData("sellers list")]
    [InlineData("marketplace accounts list")]
    [InlineData("marketplace accounts list --seller {seller}")]
    [InlineData("marketplace stats --account {account}")]
    [InlineData("registers list")]
    [InlineData("registers show marketplace-sellers")]
    [InlineData("retention plan")]
    [InlineData("retention acts")]
    [InlineData("db migrate")]
    public async Task A_table_fits_80_columns_and_the_same_verb_prints_json_with_json(string verb)
    {
        string[] args = [.. verb.Replace("{seller}", demo.SellerId, StringComparison.Ordinal).Replace("{account}", demo.AccountId, StringComparison.Ordinal).Split(' '), .. demo.Args];

        var table = await Custodian.RunAsync(Narrow, args);
        var json = await Custodian.RunAsync(Narrow, [.. args, "--json"]);

        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.NotEmpty(table.Output.Trim());
        Assert.All(table.Output.Split('\n'), line => Assert.True(line.Length <= 80, $"{line.Length} columns: {line}"));
        Assert.True(json.ExitCode == 0, json.ToString());
        using var parsed = JsonDocument.Parse(json.Output);
    }

    [Fact]
    public async Task Records_too_wide_for_the_terminal_print_as_blocks_and_as_columns_where_they_fit()
    {
        var narrow = await Custodian.RunAsync(Narrow, ["marketplace", "accounts", "list", .. demo.Args]);
        var wide = await Custodian.RunAsync(new Custodian.Terminal(Columns: 160), ["marketplace", "accounts", "list", .. demo.Args]);

        Assert.Equal(4, narrow.Output.Split('\n').Count(l => l.StartsWith("id ", StringComparison.Ordinal)));
        Assert.Contains("\n\n", narrow.Output, StringComparison.Ordinal);
        Assert.Matches($"(?m)^seller +{demo.SellerId}$", narrow.Output);
        var rows = wide.Output.TrimEnd('\n').Split('\n');
        Assert.Equal(["id", "seller", "marketplace", "key", "state", "last", "sync", "(UTC)", "failing", "datasets"], rows[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(6, rows.Length); // header, rule, four accounts
        Assert.All(rows.Skip(2), row => Assert.Matches("^[0-9a-f-]{36}  [0-9a-f-]{36}  (wildberries|ozon) +…", row));
    }

    [Fact]
    public async Task Bad_input_to_a_listing_verb_is_one_line_on_stderr_and_exit_code_2()
    {
        var notAnId = await Custodian.RunAsync(Narrow, ["marketplace", "accounts", "list", "--seller", "anna", .. demo.Args]);
        var unknown = await Custodian.RunAsync(Narrow, ["marketplace", "accounts", "list", "--seller", Guid.NewGuid().ToString(), .. demo.Args]);
        var badEmail = await Custodian.RunAsync(Narrow, ["sellers", "list", "--email", "anna-at-example", .. demo.Args]);

        Assert.All(new[] { notAnId, unknown, badEmail }, r =>
        {
            Assert.True(r.ExitCode == 2, r.ToString());
            Assert.Equal("", r.Output);
            Assert.Single(r.Error.TrimEnd('\n').Split('\n'));
        });
        Assert.StartsWith("--seller: 'anna' is not an id", notAnId.Error, StringComparison.Ordinal);
        Assert.StartsWith("No seller with this id.", unknown.Error, StringComparison.Ordinal);
        Assert.StartsWith("--email: not a valid e-mail address", badEmail.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_seller_is_found_by_e_mail_without_listing_anyones_address()
    {
        var found = await Custodian.RunAsync(Narrow, ["sellers", "list", "--email", "Demo.Seller1@example.ru", "--json", .. demo.Args]);
        var all = await Custodian.RunAsync(Narrow, ["sellers", "list", "--json", .. demo.Args]);

        using var json = JsonDocument.Parse(found.Output);
        Assert.Equal(demo.SellerId, Assert.Single(json.RootElement.EnumerateArray()).GetProperty("id").GetString());
        Assert.DoesNotContain("@", all.Output, StringComparison.Ordinal);
    }

    /// <summary>The demo sellers and their four accounts, created once for the class.</summary>
    public sealed class DemoData : IAsyncLifetime
    {
        private readonly TemporaryFolder _data = new();

        public string[] Args => ["--Storage:DataDirectory=" + _data.Path, "--Demo:SeedOnStart=false"];

        public string SellerId { get; private set; } = string.Empty;

        public string AccountId { get; private set; } = string.Empty;

        public async ValueTask InitializeAsync()
        {
            var seed = await Custodian.RunAsync(["demo", "seed", .. Args]);
            Assert.True(seed.ExitCode == 0, seed.ToString());
            var accounts = await Custodian.RunAsync(["marketplace", "accounts", "list", "--json", .. Args]);
            using var json = JsonDocument.Parse(accounts.Output);
            var first = json.RootElement.EnumerateArray().First();
            (SellerId, AccountId) = (first.GetProperty("sellerId").GetString()!, first.GetProperty("id").GetString()!);
        }

        public ValueTask DisposeAsync()
        {
            _data.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
