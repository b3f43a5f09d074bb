using Custodian.Testing;
using OpenQA.Selenium;

namespace Custodian.Browser.Tests;

/// <summary>A visitor opens the Russian operator's processing policy from the marketplace page, in both languages, and as PDF.</summary>
public sealed class OperatorPolicyTests(RunningApp app) : IClassFixture<RunningApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_policy_opens_from_the_marketplace_page_in_russian_then_english_and_downloads_as_pdf()
    {
        using var downloads = new TemporaryFolder();
        using var visitor = Browser.Start(downloads.Path);

        visitor.Driver.Navigate().GoToUrl(app.Url("/marketplace"));
        visitor.Driver.FindElement(By.Id("operator-policy-link")).Click();
        var russian = visitor.WaitFor(d => d.FindElement(By.CssSelector("article.operator-policy[lang=ru]")), "the policy in Russian");
        Assert.StartsWith("Политика в отношении обработки персональных данных: ООО «Кастодиан Аналитика»", russian.FindElement(By.TagName("h1")).Text, StringComparison.Ordinal);
        var requisites = russian.FindElement(By.Id("operator")).Text;
        Assert.Contains("ИНН: 7709123453", requisites, StringComparison.Ordinal);
        Assert.Contains("КПП: 770901001", requisites, StringComparison.Ordinal);
        Assert.Contains("ОГРН: 1177746123455", requisites, StringComparison.Ordinal);
        Assert.Contains("402-ФЗ", russian.FindElement(By.Id("retention")).Text, StringComparison.Ordinal);
        visitor.Screenshot("operator-policy-ru");

        visitor.Driver.FindElement(By.Id("policy-other-language")).Click();
        var english = visitor.WaitFor(d => d.FindElement(By.CssSelector("article.operator-policy[lang=en]")), "the policy in English");
        Assert.Contains("INN: 7709123453", english.FindElement(By.Id("operator")).Text, StringComparison.Ordinal);
        Assert.EndsWith("/privacy/policy?lang=en", visitor.Driver.Url, StringComparison.Ordinal);
        visitor.Screenshot("operator-policy-en");

        visitor.Driver.FindElement(By.Id("policy-pdf")).Click();
        var pdf = visitor.WaitFor(_ => Directory.GetFiles(downloads.Path, "personal-data-policy-7709123453-en.pdf").FirstOrDefault(), "the downloaded PDF");
        var png = await PdfPng.RenderFirstPageAsync(pdf, Path.Combine(downloads.Path, "policy-page-1"), Ct);
        Assert.InRange(PdfPng.DarkPixelShare(png), 0.005, 0.5);
        Assert.Empty(visitor.ConsoleErrors());
    }
}
