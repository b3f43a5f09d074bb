using System.Net;
using System.Text.Json;

namespace Custodian.Web.Tests;

public sealed class HealthTests(CustodianFactory factory) : IClassFixture<CustodianFactory>
{
    [Fact]
    public async Task Healthz_reports_the_records_database_the_keys_and_the_analytics_engine()
    {
        using var client = factory.CreateBrowserClient();

        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
        var checks = body.RootElement.GetProperty("checks").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString());
        Assert.Equal(new Dictionary<string, string?> { ["records"] = "Healthy", ["keys"] = "Healthy", ["analytics"] = "Healthy" }, checks);
    }
}
