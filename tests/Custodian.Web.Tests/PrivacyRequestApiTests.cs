using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Custodian.Web.Platform;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Web.Tests;

public sealed class PrivacyRequestApiTests(CustodianFactory factory) : IClassFixture<CustodianFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_request_is_taken_with_its_reference_and_statutory_due_date()
    {
        using var client = factory.CreateBrowserClient();

        using var response = await client.PostAsJsonAsync(new Uri("/api/privacy/requests", UriKind.Relative), new { register = "marketplace-sellers", kind = "access", email = "seller@example.ru", language = "ru" }, Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var reference = body.RootElement.GetProperty("reference").GetString()!;
        Assert.Matches("^DSR-[0-9A-Z]{8}$", reference);
        Assert.Equal($"/api/privacy/requests/{reference}", response.Headers.Location?.OriginalString);
        var received = DateOnly.Parse(body.RootElement.GetProperty("receivedOn").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var due = DateOnly.Parse(body.RootElement.GetProperty("dueOn").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        // 10 Russian working days: 12 calendar days when received on a Sunday, 13 on a Saturday, 14 on a weekday, more over holidays.
        Assert.InRange(due.DayNumber - received.DayNumber, received.DayOfWeek switch { DayOfWeek.Sunday => 12, DayOfWeek.Saturday => 13, _ => 14 }, 30);
        Assert.DoesNotContain("seller@example.ru", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submissions_from_one_address_are_limited_so_nobody_floods_a_mailbox()
    {
        await using var limited = await CustodianFactory.StartAsync(settings: new Dictionary<string, string?> { ["Privacy:Requests:PerClientPer10Minutes"] = "2" });
        using var client = limited.CreateBrowserClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.PostAsJsonAsync(new Uri("/api/privacy/requests", UriKind.Relative), new { register = "training", kind = "access", email = $"someone{i}@example.fi" }, Ct);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Equal("600", response.Headers.GetValues("Retry-After").Single());
            }
        }

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(2, limited.Services.GetRequiredService<Custodian.Simulators.Smtp.SmtpSimulator>().Received.Count);
    }

    [Fact]
    public async Task The_confirmation_link_is_never_built_from_a_forged_host_header()
    {
        using var client = factory.CreateBrowserClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/privacy/requests") { Content = JsonContent.Create(new { register = "training", kind = "erasure", email = "victim@example.fi" }) };
        request.Headers.Host = "attacker.example";

        using var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var mail = Assert.Single(factory.Services.GetRequiredService<Custodian.Simulators.Smtp.SmtpSimulator>().To("victim@example.fi"));
        var body = MimeKit.MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(mail.Data)), Ct).TextBody!;
        Assert.DoesNotContain("attacker.example", body, StringComparison.Ordinal);
        Assert.Contains("http://localhost:5000/privacy/requests/confirm/", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"register\":\"training\",\"kind\":\"access\",\"email\":\"no-at-sign\"}", "email")]
    [InlineData("{\"register\":\"billing\",\"kind\":\"portability\",\"email\":\"a@example.fi\"}", "kind")]
    [InlineData("{\"register\":\"nowhere\",\"kind\":\"access\",\"email\":\"a@example.fi\"}", "register")]
    [InlineData("{\"register\":\"training\",\"kind\":\"access\",\"email\":\"a@example.fi\",\"details\":\"" + "x" + "\"}", null)]
    public async Task Bad_input_is_a_400_problem_naming_the_field(string json, string? field)
    {
        using var client = factory.CreateBrowserClient();
        using var content = new StringContent(json.Replace("\"x\"", "\"" + new string('x', field is null ? 4001 : 1) + "\"", StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/json");

        using var response = await client.PostAsync(new Uri("/api/privacy/requests", UriKind.Relative), content, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field ?? "details", out _));
    }

    [Fact]
    public async Task A_malformed_body_is_a_400_problem()
    {
        using var client = factory.CreateBrowserClient();
        using var content = new StringContent("{\"register\": ", System.Text.Encoding.UTF8, "application/json");

        using var response = await client.PostAsync(new Uri("/api/privacy/requests", UriKind.Relative), content, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
