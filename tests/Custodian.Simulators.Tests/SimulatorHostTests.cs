using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Custodian.Simulators.Tests;

public sealed class SimulatorHostTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static void Ping(WebApplication app) => app.MapGet("/ping", () => Results.Json(new { items = new[] { 1, 2, 3, 4, 5, 6, 7, 8 } }));

    [Fact]
    public async Task A_simulator_answers_real_http_on_a_free_loopback_port()
    {
        await using var simulator = await SimulatorHost.StartAsync(Ping, cancellationToken: Ct);
        using var http = new HttpClient { BaseAddress = simulator.BaseAddress };

        var body = await http.GetStringAsync(new Uri("ping", UriKind.Relative), Ct);

        Assert.Equal("127.0.0.1", simulator.BaseAddress.Host);
        Assert.Equal("{\"items\":[1,2,3,4,5,6,7,8]}", body);
    }

    [Fact]
    public async Task Every_nth_request_fails_with_the_configured_status()
    {
        await using var simulator = await SimulatorHost.StartAsync(Ping, new SimulatedFaults { ServerErrorEvery = 3, ServerErrorStatus = 502 }, cancellationToken: Ct);
        using var http = new HttpClient { BaseAddress = simulator.BaseAddress };

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await http.GetAsync(new Uri("ping", UriKind.Relative), Ct);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.BadGateway, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.BadGateway], statuses);
    }

    [Fact]
    public async Task A_truncated_body_is_invalid_json()
    {
        await using var simulator = await SimulatorHost.StartAsync(Ping, new SimulatedFaults { TruncateEvery = 1 }, cancellationToken: Ct);
        using var http = new HttpClient { BaseAddress = simulator.BaseAddress };

        var body = await http.GetStringAsync(new Uri("ping", UriKind.Relative), Ct);

        Assert.Equal("{\"items\":[1,2", body);
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => System.Text.Json.JsonDocument.Parse(body));
    }
}
