using System.Text.Json;
using Custodian.Testing;

namespace Custodian.Cli.Tests;

/// <summary>stdout carries only results wherever <c>custodian</c> runs from; logs go to stderr, at Warning unless asked.</summary>
public sealed class OutputStreamTests
{
    [Theory]
    [InlineData("a folder outside the source tree")]
    [InlineData("the command's own folder")]
    public async Task Stdout_holds_only_the_result_when_the_command_runs_outside_the_source_tree(string where)
    {
        using var data = new TemporaryFolder();
        using var elsewhere = new TemporaryFolder();
        var terminal = new Custodian.Terminal(where == "the command's own folder" ? Custodian.Folder : elsewhere.Path, Environment: "Production");
        string[] folder = ["--Storage:DataDirectory=" + data.Path, "--Simulators:Enabled=false"];

        var added = await Custodian.RunAsync(terminal, ["sellers", "add", "--email", "quiet@example.ru", .. folder]);
        var sellers = await Custodian.RunAsync(terminal, ["sellers", "list", "--json", .. folder]);
        var registers = await Custodian.RunAsync(terminal, ["registers", "list", .. folder]);

        Assert.True(added.ExitCode == 0, added.ToString());
        Assert.Matches("^[0-9a-f-]{36}\n$", added.Output);
        using var json = JsonDocument.Parse(sellers.Output); // throws on anything but the JSON
        Assert.Equal(added.Output.Trim(), Assert.Single(json.RootElement.EnumerateArray()).GetProperty("id").GetString());
        Assert.True(registers.ExitCode == 0, registers.ToString());
        var lines = registers.Output.TrimEnd('\n').Split('\n');
        Assert.Equal(["id", "law", "role", "title"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.All(lines.Skip(2), line => Assert.Matches("^[a-z0-9-]+ +(GDPR|152-FZ) +(controller|processor) ", line));
        Assert.All(new[] { added, sellers, registers }, r => Assert.DoesNotContain("info:", r.Output + r.Error, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--verbose")]
    [InlineData("--Logging:LogLevel:Default=Information")]
    public async Task Logs_go_to_stderr_when_asked_and_stdout_still_holds_only_the_result(string asking)
    {
        using var data = new TemporaryFolder();
        using var elsewhere = new TemporaryFolder();

        var result = await Custodian.RunAsync(new Custodian.Terminal(elsewhere.Path, Environment: "Production"), "sellers", "list", "--json", asking, "--Storage:DataDirectory=" + data.Path);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal(JsonValueKind.Array, json.RootElement.ValueKind);
        Assert.Contains("Executed DbCommand", result.Error, StringComparison.Ordinal); // EF Core's SQL, on stderr only
    }
}
