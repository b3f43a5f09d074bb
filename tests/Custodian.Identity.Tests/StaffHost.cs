using System.Net;
using Custodian.Privacy.Audit;
using Custodian.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Identity.Tests;

/// <summary>What the identity tests share: a started host on a settable clock, on either records engine, and a few looks at it.</summary>
internal static class StaffHost
{
    public static readonly DateTimeOffset Start = new(2026, 11, 16, 9, 0, 10, TimeSpan.Zero);

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static Task<CustodianHost> StartAsync(RecordsProvider records) =>
        CustodianHost.Builder().WithClock(Start).WithRecords(records).Started().BuildAsync(Ct);

    /// <summary>The status of a GET with only this cookie header (a cookie saved from a browser, replayed).</summary>
    public static async Task<HttpStatusCode> OpenWithCookieAsync(CustodianHost host, string cookieHeader, string path)
    {
        using var raw = host.CreateRawClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookieHeader);
        using var response = await raw.SendAsync(request, Ct);
        return response.StatusCode;
    }

    /// <summary>The audit log's actions, in order (what was recorded, never personal data).</summary>
    public static async Task<IReadOnlyList<string>> AuditActionsAsync(CustodianHost host)
    {
        await using var scope = host.Scope();
        var entries = await scope.ServiceProvider.GetRequiredService<AuditReader>().ReadAsync(0, null, Ct);
        return entries.Select(e => e.Actor + " " + e.Action).ToList();
    }

    public static async Task<string> BodyAsync(HttpResponseMessage response) => await response.Content.ReadAsStringAsync(Ct);
}
