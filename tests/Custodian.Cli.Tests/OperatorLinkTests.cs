using Custodian.Testing;

namespace Custodian.Cli.Tests;

public sealed class OperatorLinkTests
{
    [Fact]
    public async Task Prints_a_single_use_sign_in_link_for_an_operator_handle()
    {
        using var data = new TemporaryFolder();

        var result = await Custodian.RunAsync("operators", "link", "ops.anna", "--Storage:DataDirectory=" + data.Path, "--Web:PublicBaseUrl=https://custodian.example.fi/");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^https://custodian\.example\.fi/account/operator-link/[A-Za-z0-9_-]{43}\n$", result.Output);
    }

    [Theory]
    [InlineData("Anna Virtanen")]
    [InlineData("anna@example.fi")]
    public async Task A_name_or_email_is_not_a_handle_and_exits_2(string handle)
    {
        using var data = new TemporaryFolder();

        var result = await Custodian.RunAsync("operators", "link", handle, "--Storage:DataDirectory=" + data.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"'{handle}' is not an operator handle", result.Error, StringComparison.Ordinal);
    }
}
