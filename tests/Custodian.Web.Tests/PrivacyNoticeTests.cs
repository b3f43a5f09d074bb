using System.Net;

namespace Custodian.Web.Tests;

public sealed class PrivacyNoticeTests(CustodianFactory factory) : IClassFixture<CustodianFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_notice_page_follows_the_chosen_language()
    {
        using var client = factory.CreateBrowserClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/privacy/marketplace-sellers/notice");
        request.Headers.Add("Cookie", ".AspNetCore.Culture=c%3Dru%7Cuic%3Dru");

        using var response = await client.SendAsync(request, Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Политика в отношении обработки персональных данных", html, StringComparison.Ordinal);
        Assert.Contains("<section id=\"destruction\">", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/registers/training/notice?lang=fi&format=markdown", HttpStatusCode.OK, "text/markdown")]
    [InlineData("/api/registers/training/notice?lang=xx", HttpStatusCode.BadRequest, "application/problem+json")]
    [InlineData("/api/registers/nowhere/notice", HttpStatusCode.NotFound, "application/problem+json")]
    public async Task The_notice_api_answers_each_format_and_refuses_bad_input(string url, HttpStatusCode status, string mediaType)
    {
        using var client = factory.CreateBrowserClient();

        using var response = await client.GetAsync(new Uri(url, UriKind.Relative), Ct);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
    }
}
