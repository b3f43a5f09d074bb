using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace Custodian.Web.Tests;

/// <summary>
/// <c>/openapi/v1.json</c> keeps in step with the endpoints the app really maps: every JSON endpoint (everything that
/// is not a Razor page, the health check or the document itself) is described with its problem-details errors, and
/// nothing is described that the app does not serve.
/// </summary>
public sealed partial class ApiDocumentTests(CustodianFactory factory) : IClassFixture<CustodianFactory>
{
    private const string DocumentPath = "/openapi/v1.json";

    // Endpoints in which nothing a client sends can be wrong, so they have no 4xx of their own to declare.
    private static readonly HashSet<string> WithoutClientErrors = ["GET /api/registers"];

    // Endpoints that are not part of the public API on purpose: the CLI's loopback operator channel (ADR 0014) answers
    // only loopback callers holding this run's secret, so the public document does not advertise it.
    private static readonly HashSet<string> NotPublic = ["POST /local/verbs"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_json_endpoint_is_described_with_at_least_one_problem_response()
    {
        using var document = await FetchAsync();
        var all = JsonEndpoints();
        var served = all.Where(e => !NotPublic.Contains($"{e.Method} {e.Path}")).ToList();

        Assert.NotEmpty(served);
        Assert.All(NotPublic, hidden => Assert.Contains(hidden, all.Select(e => $"{e.Method} {e.Path}")));
        var missing = new List<string>();
        foreach (var (method, path) in served)
        {
            if (!document.RootElement.GetProperty("paths").TryGetProperty(path, out var item)
                || !item.TryGetProperty(method.ToLowerInvariant(), out var operation))
            {
                missing.Add($"{method} {path}: not in {DocumentPath}");
                continue;
            }

            var problems = operation.GetProperty("responses").EnumerateObject()
                .Where(r => r.Name.StartsWith('4') && r.Value.TryGetProperty("content", out var content) && content.TryGetProperty("application/problem+json", out _))
                .Select(r => r.Name)
                .ToList();
            if (problems.Count == 0 && !WithoutClientErrors.Contains($"{method} {path}"))
            {
                missing.Add($"{method} {path}: no 4xx problem response declared (.ProducesProblem / .ProducesValidationProblem / typed Results)");
            }

            if (!operation.TryGetProperty("summary", out _) || !operation.TryGetProperty("tags", out _))
            {
                missing.Add($"{method} {path}: no summary or no tag");
            }
        }

        Assert.True(missing.Count == 0, string.Join('\n', missing));
        Assert.All(WithoutClientErrors, exempt => Assert.Contains(exempt, served.Select(e => $"{e.Method} {e.Path}")));
    }

    [Fact]
    public async Task The_document_describes_nothing_the_app_does_not_serve()
    {
        using var document = await FetchAsync();
        var routes = RouteEndpoints().ToList();

        var described = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Where(o => o.Name is "get" or "put" or "post" or "delete" or "patch" or "head" or "options" or "trace")
                .Select(operation => (Method: operation.Name.ToUpperInvariant(), Path: path.Name)))
            .ToList();

        Assert.NotEmpty(described);
        var unserved = described.Where(d => !routes.Any(r => r.Path == d.Path && (r.Methods is null || r.Methods.Contains(d.Method)))).ToList();
        Assert.True(unserved.Count == 0, "Described but not served: " + string.Join(", ", unserved));
    }

    [Fact]
    public async Task The_document_is_valid_openapi_served_as_json_under_the_security_headers()
    {
        using var client = factory.CreateBrowserClient();

        using var response = await client.GetAsync(new Uri(DocumentPath, UriKind.Relative), Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Contains("connect-src 'self'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        var read = OpenApiDocument.Parse(body, "json");
        Assert.Empty(read.Diagnostic?.Errors ?? []);
        Assert.Equal(["Billing", "Host", "Marketplace", "Privacy", "Training"], read.Document!.Tags!.Select(t => t.Name!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_document_holds_no_secret_no_address_and_no_personal_data()
    {
        const string Secret = "webhook-secret-that-must-not-leak";
        const string BotToken = "123456:AAbbccddeeffgghhiijjkkllmmnnooppqqrr";
        await using var configured = await CustodianFactory.StartAsync(settings: new Dictionary<string, string?> { ["Telegram:WebhookSecret"] = Secret, ["Telegram:BotToken"] = BotToken, ["Telegram:Mode"] = "off" });
        using var client = configured.CreateBrowserClient("http://internal-host.example:8080");

        var body = await client.GetStringAsync(new Uri(DocumentPath, UriKind.Relative), Ct);

        Assert.DoesNotContain(Secret, body, StringComparison.Ordinal);
        Assert.DoesNotContain(BotToken, body, StringComparison.Ordinal);
        Assert.DoesNotContain("internal-host", body, StringComparison.Ordinal);
        Assert.DoesNotContain("\"servers\"", body, StringComparison.Ordinal);
        Assert.DoesNotMatch(EmailAddress(), body); // the registers' contacts live at /api/registers, not in the schema
    }

    [Theory]
    [InlineData(null, "application/json", "{\"update_id\":1}", HttpStatusCode.Unauthorized)]
    [InlineData("wrong-secret-0123456789", "application/json", "{\"update_id\":1}", HttpStatusCode.Unauthorized)]
    [InlineData(WebhookSecret, "application/json", "{\"update_id\":", HttpStatusCode.BadRequest)]
    [InlineData(WebhookSecret, "application/json", "{\"update_id\":\"one\"}", HttpStatusCode.BadRequest)]
    [InlineData(WebhookSecret, "application/json", "null", HttpStatusCode.BadRequest)]
    [InlineData(WebhookSecret, "text/plain", "{\"update_id\":1}", HttpStatusCode.UnsupportedMediaType)]
    public async Task The_telegram_webhook_answers_its_declared_errors_as_problem_details(string? secret, string contentType, string body, HttpStatusCode expected)
    {
        await using var configured = await CustodianFactory.StartAsync(settings: new Dictionary<string, string?> { ["Telegram:WebhookSecret"] = WebhookSecret });
        using var client = configured.CreateBrowserClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/telegram/webhook") { Content = new StringContent(body, System.Text.Encoding.UTF8, contentType) };
        if (secret is not null)
        {
            request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", secret);
        }

        using var response = await client.SendAsync(request, Ct);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal((int)expected, problem.RootElement.GetProperty("status").GetInt32());
    }

    private const string WebhookSecret = "the-webhook-secret-0123456789";

    private async Task<JsonDocument> FetchAsync()
    {
        using var client = factory.CreateBrowserClient();
        return JsonDocument.Parse(await client.GetStringAsync(new Uri(DocumentPath, UriKind.Relative), Ct));
    }

    /// <summary>Route and method of every endpoint that answers JSON: all but Razor pages, the health checks and this document.</summary>
    private List<(string Method, string Path)> JsonEndpoints() =>
        RouteEndpoints()
            .Where(e => !e.IsPage && e.Path is not "/healthz" and not "/healthz/live" and not "/healthz/ready" and not "/openapi/{documentName}.json")
            .SelectMany(e => (e.Methods ?? throw new InvalidOperationException($"{e.Path} accepts every method: map it with MapGet/MapPost/..."))
                .Select(method => (method, e.Path)))
            .Distinct()
            .ToList();

    private IEnumerable<(string Path, IReadOnlyList<string>? Methods, bool IsPage)> RouteEndpoints()
    {
        return factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (
                Path: Normalise(e.RoutePattern.RawText ?? string.Empty),
                Methods: e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } methods ? methods : null,
                IsPage: e.Metadata.GetMetadata<PageActionDescriptor>() is not null));
    }

    // "api/things/{id:guid}" and "/api/things/{id}" are the same path in the document.
    private static string Normalise(string pattern) => "/" + RouteParameter().Replace(pattern.TrimStart('/'), "{$1}");

    [GeneratedRegex(@"\{\*{0,2}([A-Za-z0-9_]+)[^}]*\}")]
    private static partial Regex RouteParameter();

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")]
    private static partial Regex EmailAddress();
}
