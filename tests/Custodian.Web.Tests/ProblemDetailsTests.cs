using System.Net;
using System.Text.Json;

namespace Custodian.Web.Tests;

public sealed class ProblemDetailsTests(CustodianFactory factory) : IClassFixture<CustodianFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_unknown_api_address_answers_404_problem_details()
    {
        using var client = factory.CreateBrowserClient();

        using var response = await client.GetAsync(new Uri("/api/no-such-thing", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(404, problem.RootElement.GetProperty("status").GetInt32());
        Assert.True(problem.RootElement.TryGetProperty("traceId", out _));
    }

    [Fact]
    public async Task An_unknown_page_shows_a_not_found_page_to_people()
    {
        using var client = factory.CreateBrowserClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/no-such-page");
        request.Headers.Accept.ParseAdd("text/html");

        using var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<h1>Page not found</h1>", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_language_change_without_a_valid_form_token_is_a_400_problem_not_an_error()
    {
        using var client = factory.CreateBrowserClient();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["culture"] = "fi", ["returnUrl"] = "/" });

        using var response = await client.PostAsync(new Uri("/culture", UriKind.Relative), form, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("The form has expired.", JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("xx", "/", "culture")]
    [InlineData("fi", "https://evil.example/phish", "returnUrl")]
    [InlineData("fi", "//evil.example", "returnUrl")]
    public async Task A_bad_language_choice_is_a_400_naming_the_field(string culture, string returnUrl, string field)
    {
        using var client = factory.CreateBrowserClient();
        var token = await FormToken.FetchAsync(client, Ct);
        using var form = token.Form(new() { ["culture"] = culture, ["returnUrl"] = returnUrl });

        using var response = await client.PostAsync(new Uri("/culture", UriKind.Relative), form, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _));
    }
}
