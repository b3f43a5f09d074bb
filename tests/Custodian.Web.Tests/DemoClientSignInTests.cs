using System.Text.Json.Nodes;
using Custodian.Testing;

namespace Custodian.Web.Tests;

/// <summary>The demo points the guidance clients' sign-in at the identification broker's stand-in on loopback.</summary>
public sealed class DemoClientSignInTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_demo_starts_the_broker_stand_in_and_the_client_page_offers_to_identify_with_it()
    {
        using var data = new TemporaryFolder();
        await using var app = Program.Build(["--Storage:DataDirectory=" + data.Path, "--Simulators:Enabled=true", "--Demo:SeedOnStart=false", "--urls=http://127.0.0.1:0"]);
        await app.StartAsync(Ct);
        var authority = app.Configuration["Guidance:ClientSignIn:Authority"]!;
        using var http = new HttpClient();

        var discovery = JsonNode.Parse(await http.GetStringAsync(new Uri(new Uri(authority), ".well-known/openid-configuration"), Ct))!;
        var page = await http.GetStringAsync(new Uri(new Uri(app.Urls.First()), "/guidance/me"), Ct);

        Assert.StartsWith("http://127.0.0.1:", authority, StringComparison.Ordinal);
        Assert.Equal(authority.TrimEnd('/'), (string?)discovery["issuer"]);
        Assert.Contains("id=\"me-sign-in\"", page, StringComparison.Ordinal);
        await app.StopAsync(Ct);
    }
}
