using System.Text.Json;

namespace Custodian.Cli.Tests;

public sealed class GeneratedNoticeCommandTests
{
    private const string NoData = "--Storage:DataDirectory=/nonexistent/never-created";

    [Fact]
    public async Task Notice_prints_the_152fz_policy_in_russian_as_markdown()
    {
        var result = await Custodian.RunAsync("registers", "notice", "marketplace-sellers", "--lang", "ru", "--format", "markdown", NoData);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("# Политика в отношении обработки персональных данных: Аналитика маркетплейсов", result.Output, StringComparison.Ordinal);
        Assert.Contains("## Права субъекта и порядок их реализации", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Notice_as_json_and_html_carry_the_same_sections()
    {
        var json = await Custodian.RunAsync("registers", "notice", "training", "--lang", "fi", "--format", "json", NoData);
        var html = await Custodian.RunAsync("registers", "notice", "training", "--lang", "fi", NoData);

        using var notice = JsonDocument.Parse(json.Output);
        var ids = notice.RootElement.GetProperty("sections").EnumerateArray().Select(s => s.GetProperty("id").GetString()).ToList();
        Assert.Equal(0, html.ExitCode);
        Assert.All(ids, id => Assert.Contains($"<section id=\"{id}\">", html.Output, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--lang", "de", "--lang: 'de' is not one of en, fi, ru.")]
    [InlineData("--format", "docx", "--format: 'docx' is not one of html, markdown, json, pdf.")]
    public async Task A_bad_language_or_format_exits_2(string option, string value, string message)
    {
        string[] args = option == "--lang" ? ["registers", "notice", "training", "--lang", value, NoData] : ["registers", "notice", "training", "--lang", "en", "--format", value, NoData];

        var result = await Custodian.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith(message, result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("notice", "training")]
    [InlineData("ropa", null)]
    public async Task Pdf_goes_to_standard_output(string verb, string? name)
    {
        string[] args = name is null ? ["registers", verb, "--format", "pdf", NoData] : ["registers", verb, name, "--lang", "fi", "--format", "pdf", NoData];

        var result = await Custodian.RunAsync(args);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("%PDF-1.", result.Output, StringComparison.Ordinal);
        Assert.Contains("%%EOF", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ropa_lists_every_register()
    {
        var result = await Custodian.RunAsync("registers", "ropa", "--format", "json", NoData);

        Assert.Equal(0, result.ExitCode);
        using var record = JsonDocument.Parse(result.Output);
        Assert.Equal(["billing", "billing-fi", "guidance", "guidance-city", "marketplace-buyers", "marketplace-sellers", "training"], record.RootElement.GetProperty("activities").EnumerateArray().Select(a => a.GetProperty("register").GetString()));
    }
}
