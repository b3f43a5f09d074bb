using Custodian.Testing;

namespace Custodian.Cli.Tests;

public sealed class RegisterCommandTests
{
    [Fact]
    public async Task Validate_accepts_the_shipped_declarations()
    {
        var result = await Custodian.RunAsync("registers", "validate", Path.Combine(Repository.Root, "registers"), "--Storage:DataDirectory=/nonexistent/never-created");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("7 registers valid:", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_lists_each_problem_with_file_and_line_and_exits_1()
    {
        using var folder = new TemporaryFolder();
        var registers = Directory.CreateDirectory(folder.File("registers")).FullName;
        var yaml = await File.ReadAllTextAsync(Path.Combine(Repository.Root, "registers", "training.yaml"), TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(registers, "training.yaml"), yaml.Replace("law: gdpr", "law: hipaa", StringComparison.Ordinal).Replace("rights: [", "rights: [forgiveness, ", StringComparison.Ordinal), TestContext.Current.CancellationToken);

        var result = await Custodian.RunAsync("registers", "validate", registers, "--Storage:DataDirectory=" + folder.File("data"));

        Assert.Equal(1, result.ExitCode);
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.StartsWith("registers/training.yaml:", StringComparison.Ordinal) && l.Contains("law: 'hipaa' is not a law", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("rights: 'forgiveness' is not a subject right", StringComparison.Ordinal));
        Assert.Equal("2 problem(s) in " + registers, lines[^1]);
    }

    [Fact]
    public async Task Validate_refuses_a_recipient_without_its_russian_text_with_file_and_line()
    {
        using var folder = new TemporaryFolder();
        var registers = Directory.CreateDirectory(folder.File("registers")).FullName;
        var lines = await File.ReadAllLinesAsync(Path.Combine(Repository.Root, "registers", "marketplace-sellers.yaml"), TestContext.Current.CancellationToken);
        var line = Array.FindIndex(lines, l => l.Contains("name: { en: \"Telegram Messenger\"", StringComparison.Ordinal));
        lines[line] = "  - name: Telegram Messenger";
        await File.WriteAllLinesAsync(Path.Combine(registers, "marketplace-sellers.yaml"), lines, TestContext.Current.CancellationToken);

        var result = await Custodian.RunAsync("registers", "validate", registers, "--Storage:DataDirectory=" + folder.File("data"));

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"registers/marketplace-sellers.yaml:{line + 1}: recipients[Telegram Messenger].name: has no Russian text (ru)", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_prints_purposes_bases_and_retention_of_a_register()
    {
        using var data = new TemporaryFolder();
        var result = await Custodian.RunAsync("registers", "show", "billing", "--Storage:DataDirectory=" + data.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("152fz-6-1-2", result.Output, StringComparison.Ordinal);
        Assert.Contains("end-of-accounting-year", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_of_an_unknown_register_names_the_known_ones()
    {
        using var data = new TemporaryFolder();
        var result = await Custodian.RunAsync("registers", "show", "shoe-sizes", "--Storage:DataDirectory=" + data.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("No register 'shoe-sizes'. Known: billing-fi, billing,", result.Error, StringComparison.Ordinal);
    }
}
