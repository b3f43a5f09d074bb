using System.Text.Json;
using Custodian.Testing;

namespace Custodian.Cli.Tests;

public sealed class OperatorPolicyCommandTests
{
    private const string NoData = "--Storage:DataDirectory=/nonexistent/never-created";

    [Fact]
    public async Task Policy_prints_the_russian_operators_policy_in_russian_by_default()
    {
        var result = await Custodian.RunAsync("registers", "policy", "--format", "markdown", NoData);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("# Политика в отношении обработки персональных данных: ООО «Кастодиан Аналитика»", result.Output, StringComparison.Ordinal);
        Assert.Contains("ИНН: 7709123453", result.Output, StringComparison.Ordinal);
        Assert.Contains("## Правовые основания обработки персональных данных", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Policy_in_english_as_json_names_every_section()
    {
        var result = await Custodian.RunAsync("registers", "policy", "--operator", "7709123453", "--lang", "en", "--format", "json", NoData);

        Assert.Equal(0, result.ExitCode);
        using var policy = JsonDocument.Parse(result.Output);
        Assert.Equal("en", policy.RootElement.GetProperty("language").GetString());
        Assert.Contains("operator", policy.RootElement.GetProperty("sections").EnumerateArray().Select(s => s.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Policy_with_pdf_writes_the_file()
    {
        using var folder = new TemporaryFolder();
        var file = Path.Combine(folder.Path, "policy.pdf");

        var result = await Custodian.RunAsync("registers", "policy", "--pdf", file, NoData);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.StartsWith("%PDF-1.", File.ReadAllText(file), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_operator_no_register_names_exits_2_with_the_known_ones()
    {
        var result = await Custodian.RunAsync("registers", "policy", "--operator", "7707083893", NoData);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("No register of this service names an operator with INN 7707083893; known: 7709123453.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_language_the_policy_is_not_published_in_exits_2()
    {
        var result = await Custodian.RunAsync("registers", "policy", "--lang", "fi", NoData);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("--lang: 'fi' is not one of ru, en.", result.Error, StringComparison.Ordinal);
    }
}
