using System.Net;

namespace Custodian.Web.Tests;

public sealed class LanguageTests(CustodianFactory factory) : IClassFixture<CustodianFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Choosing_finnish_remembers_it_and_returns_to_the_same_page()
    {
        using var client = factory.CreateBrowserClient();
        var token = await FormToken.FetchAsync(client, Ct, "/marketplace");
        using var form = token.Form(new() { ["culture"] = "fi", ["returnUrl"] = "/marketplace" });

        using var response = await client.PostAsync(new Uri("/culture", UriKind.Relative), form, Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/marketplace", response.Headers.Location?.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal));
        Assert.Contains("c%3Dfi", cookie, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fi", "Markkinapaikka-analytiikka", "lang=\"fi\"")]
    [InlineData("ru", "Аналитика маркетплейсов", "lang=\"ru\"")]
    [InlineData("en", "Marketplace analytics", "lang=\"en\"")]
    public async Task Pages_render_in_the_chosen_language(string culture, string navigationText, string htmlLang)
    {
        using var client = factory.CreateBrowserClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", $".AspNetCore.Culture=c%3D{culture}%7Cuic%3D{culture}");

        using var response = await client.SendAsync(request, Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Contains(navigationText, html, StringComparison.Ordinal);
        Assert.Contains(htmlLang, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_browser_language_is_used_until_a_choice_is_made()
    {
        using var client = factory.CreateBrowserClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/privacy");
        request.Headers.AcceptLanguage.ParseAdd("fi-FI,fi;q=0.9,en;q=0.5");

        using var response = await client.SendAsync(request, Ct);

        Assert.Contains("Tietosuojakeskus", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}
