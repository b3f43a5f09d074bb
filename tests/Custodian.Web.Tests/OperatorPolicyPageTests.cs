using System.Diagnostics;
using System.Net;
using Custodian.Testing;

namespace Custodian.Web.Tests;

/// <summary>The Russian operator's processing policy at its stable address, in Russian and English, and as PDF.</summary>
public sealed class OperatorPolicyPageTests(CustodianFactory factory) : IClassFixture<CustodianFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/privacy/policy", "ru", "Политика в отношении обработки персональных данных: ООО «Кастодиан Аналитика»", "ИНН: 7709123453")]
    [InlineData("/privacy/policy?lang=en", "en", "Personal data processing policy: OOO Custodian Analitika", "INN: 7709123453")]
    public async Task The_policy_page_answers_in_russian_and_english_with_the_operators_requisites(string url, string language, string title, string inn)
    {
        using var client = factory.CreateBrowserClient();

        using var response = await client.GetAsync(new Uri(url, UriKind.Relative), Ct);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"<article class=\"privacy-notice operator-policy\" lang=\"{language}\">", html, StringComparison.Ordinal);
        Assert.Contains(title, html, StringComparison.Ordinal);
        Assert.Contains(inn, html, StringComparison.Ordinal);
        Assert.Contains("770901001", html, StringComparison.Ordinal);
        Assert.Contains("1177746123455", html, StringComparison.Ordinal);
        Assert.Contains("<section id=\"retention\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_policy_page_refuses_a_language_it_is_not_published_in()
    {
        using var client = factory.CreateBrowserClient();

        using var response = await client.GetAsync(new Uri("/privacy/policy?lang=fi", UriKind.Relative), Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("id=\"policy-problem\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_operator_no_register_names_is_not_found()
    {
        using var client = factory.CreateBrowserClient();

        using var response = await client.GetAsync(new Uri("/privacy/policy?operator=7707083893", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("/api/privacy/policy", HttpStatusCode.OK, "application/json")]
    [InlineData("/api/privacy/policy?lang=en&format=markdown&operator=7709123453", HttpStatusCode.OK, "text/markdown")]
    [InlineData("/api/privacy/policy?lang=fi", HttpStatusCode.BadRequest, "application/problem+json")]
    [InlineData("/api/privacy/policy?format=docx", HttpStatusCode.BadRequest, "application/problem+json")]
    [InlineData("/api/privacy/policy?operator=7707083893", HttpStatusCode.NotFound, "application/problem+json")]
    public async Task The_policy_api_answers_each_format_and_refuses_bad_input(string url, HttpStatusCode status, string mediaType)
    {
        using var client = factory.CreateBrowserClient();

        using var response = await client.GetAsync(new Uri(url, UriKind.Relative), Ct);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_policy_pdf_holds_the_russian_text_with_the_requisites()
    {
        using var client = factory.CreateBrowserClient();
        using var folder = new TemporaryFolder();
        var pdf = Path.Combine(folder.Path, "policy.pdf");

        using var response = await client.GetAsync(new Uri("/api/privacy/policy?lang=ru&format=pdf", UriKind.Relative), Ct);
        await File.WriteAllBytesAsync(pdf, await response.Content.ReadAsByteArrayAsync(Ct), Ct);
        var text = await PdfToTextAsync(pdf);

        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("personal-data-policy-7709123453-ru.pdf", response.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Contains("Политика в отношении обработки персональных данных", text, StringComparison.Ordinal);
        Assert.Contains("ИНН: 7709123453", text, StringComparison.Ordinal);
        Assert.Contains("КПП: 770901001", text, StringComparison.Ordinal);
        Assert.Contains("402-ФЗ", text, StringComparison.Ordinal);
    }

    /// <summary>The text poppler's pdftotext reads (.ci/run installs poppler-utils), lines joined with spaces.</summary>
    private static async Task<string> PdfToTextAsync(string pdf)
    {
        var start = new ProcessStartInfo("pdftotext") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-enc", "UTF-8", pdf, "-" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("pdftotext did not start (apt-get install poppler-utils).");
        var text = await process.StandardOutput.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        Assert.Equal(0, process.ExitCode);
        return string.Join(" ", text.Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries));
    }
}
