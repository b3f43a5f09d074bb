namespace Custodian.Web.Tests;

public sealed class SecurityHeaderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/")]
    [InlineData("/privacy")]
    [InlineData("/no-such-page")]
    [InlineData("/api/no-such-thing")]
    [InlineData("/healthz")]
    [InlineData("/openapi/v1.json")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        await using var factory = await CustodianFactory.StartAsync();
        using var client = factory.CreateBrowserClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), Ct);

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
    }

    [Fact]
    public async Task Hsts_is_sent_over_https_outside_development()
    {
        await using var factory = await CustodianFactory.StartAsync("Production");
        using var client = factory.CreateBrowserClient("https://custodian.example");

        using var response = await client.GetAsync(new Uri("/", UriKind.Relative), Ct);

        Assert.StartsWith("max-age=31536000", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Behind_the_tls_proxy_the_forwarded_scheme_turns_on_hsts()
    {
        await using var factory = await CustodianFactory.StartAsync("Production");
        using var client = factory.CreateBrowserClient("http://custodian.example");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("X-Forwarded-Proto", "https");

        using var response = await client.SendAsync(request, Ct);

        Assert.True(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Hsts_is_not_sent_in_development()
    {
        await using var factory = await CustodianFactory.StartAsync("Development");
        using var client = factory.CreateBrowserClient("https://custodian.example");

        using var response = await client.GetAsync(new Uri("/", UriKind.Relative), Ct);

        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Session_and_antiforgery_cookies_are_http_only()
    {
        await using var factory = await CustodianFactory.StartAsync();
        using var client = factory.CreateBrowserClient();

        using var response = await client.GetAsync(new Uri("/", UriKind.Relative), Ct);

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("custodian.af=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
    }
}
