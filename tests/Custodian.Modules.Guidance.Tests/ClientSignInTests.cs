using System.Net;
using System.Text.RegularExpressions;
using Custodian.Modules.Guidance.Clients;
using Custodian.Privacy.Audit;
using Custodian.Simulators.OpenIdBroker;
using Custodian.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Guidance.Tests;

/// <summary>
/// A client signs in at <c>/guidance/me</c> through the identification broker's stand-in (OpenID Connect code flow with
/// PKCE over real HTTP) and sees their own records' shareable parts and the access list, matched by the blind index of
/// the identity code. The app runs on a settable clock started at the real time: the handler checks the broker's token
/// lifetime and the nonce against the real clock.
/// </summary>
public sealed partial class ClientSignInTests
{
    private const string ClientId = "guidance-test";
    private const string ClientSecret = "broker secret for tests";
    private const string OtherHetu = "150285-912M";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task A_client_signs_in_through_the_broker_and_sees_their_record_and_who_viewed_it(RecordsProvider records)
    {
        await using var broker = await OpenIdBrokerSimulator.StartAsync(ClientId, ClientSecret, cancellationToken: Ct);
        await using var world = await StartAsync(broker, records);
        var id = await world.CreateClientAsync();
        await world.ConsentAsync(id, ["employment", "guidance"], ["employment"]);
        await world.OpenAsync(id, GuidanceWorld.Coach);
        await world.OpenAsync(id, GuidanceWorld.Sender);
        using var client = world.Host.CreateClient();

        var flow = await SignInAsync(world, broker, client, GuidanceWorld.Hetu);
        var page = await client.GetStringAsync(new Uri("/guidance/me", UriKind.Relative), Ct);

        Assert.Contains("code_challenge_method=S256", flow.Authorize, StringComparison.Ordinal);
        Assert.Contains("nonce=", flow.Authorize, StringComparison.Ordinal);
        Assert.Equal("/guidance/me", flow.Landing);
        Assert.Contains("Virtanen", page, StringComparison.Ordinal);
        Assert.Contains($"id=\"record-{id}\"", page, StringComparison.Ordinal);
        Assert.Contains("TE-palvelut Helsinki", page, StringComparison.Ordinal);
        Assert.Contains("Custodian Valmennus Oy", page, StringComparison.Ordinal);
        Assert.Contains("data-areas=\"employment,guidance\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain(GuidanceWorld.Hetu, page, StringComparison.Ordinal); // shown masked
        Assert.DoesNotContain(GuidanceWorld.Hetu, flow.Authorize + flow.Callback + flow.Landing, StringComparison.Ordinal);
        var audit = await world.AuditAsync(id);
        Assert.Contains(audit, e => e.Action == "guidance client viewed own record" && e.Actor.StartsWith("account:guidance-client-", StringComparison.Ordinal));
        Assert.Contains(audit, e => e.Action == "guidance client signed in");
        Assert.DoesNotContain(audit, e => (e.Actor + e.Action).Contains(GuidanceWorld.Hetu, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task A_person_with_another_identity_code_sees_no_record(RecordsProvider records)
    {
        await using var broker = await OpenIdBrokerSimulator.StartAsync(ClientId, ClientSecret, cancellationToken: Ct);
        await using var world = await StartAsync(broker, records);
        var id = await world.CreateClientAsync();
        await world.OpenAsync(id, GuidanceWorld.Coach);
        using var client = world.Host.CreateClient();

        await SignInAsync(world, broker, client, OtherHetu);
        var page = await client.GetStringAsync(new Uri("/guidance/me", UriKind.Relative), Ct);

        Assert.Contains("No client record is kept of you", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Virtanen", page, StringComparison.Ordinal);
        Assert.DoesNotContain(id.ToString(), page, StringComparison.Ordinal);
        using var withdrawal = await client.PostFormAsync($"/guidance/me?handler=Withdraw&client={id}", [new("areas", "employment")], tokenFrom: "/guidance/me", cancellationToken: Ct);
        Assert.Equal(HttpStatusCode.NotFound, withdrawal.StatusCode);
    }

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task The_client_session_ends_after_its_lifetime_and_shows_nothing_more(RecordsProvider records)
    {
        await using var broker = await OpenIdBrokerSimulator.StartAsync(ClientId, ClientSecret, cancellationToken: Ct);
        await using var world = await StartAsync(broker, records);
        await world.CreateClientAsync();
        using var client = world.Host.CreateClient();
        await SignInAsync(world, broker, client, GuidanceWorld.Hetu);

        world.Host.SettableClock.Advance(TimeSpan.FromMinutes(16));
        var page = await client.GetStringAsync(new Uri("/guidance/me", UriKind.Relative), Ct);

        Assert.DoesNotContain("Virtanen", page, StringComparison.Ordinal);
        Assert.Contains("id=\"me-sign-in\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_out_ends_the_session_on_the_server_so_a_saved_cookie_shows_nothing()
    {
        await using var broker = await OpenIdBrokerSimulator.StartAsync(ClientId, ClientSecret, cancellationToken: Ct);
        await using var world = await StartAsync(broker);
        await world.CreateClientAsync();
        using var client = world.Host.CreateClient();
        await SignInAsync(world, broker, client, GuidanceWorld.Hetu);
        var saved = client.CookieHeader;

        using var signedOut = await client.PostFormAsync("/guidance/me?handler=SignOut", [], tokenFrom: "/guidance/me", cancellationToken: Ct);
        using var replay = world.Host.CreateRawClient();
        replay.DefaultRequestHeaders.Add("Cookie", saved);
        var replayed = await replay.GetStringAsync(new Uri("/guidance/me", UriKind.Relative), Ct);

        Assert.Equal("/guidance/me?signedOut=true", signedOut.Headers.Location?.OriginalString);
        Assert.DoesNotContain("Virtanen", replayed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_session_carries_no_staff_rights()
    {
        await using var broker = await OpenIdBrokerSimulator.StartAsync(ClientId, ClientSecret, cancellationToken: Ct);
        await using var world = await StartAsync(broker);
        var id = await world.CreateClientAsync();
        using var client = world.Host.CreateClient();
        await SignInAsync(world, broker, client, GuidanceWorld.Hetu);

        using var staffPage = await client.GetAsync(new Uri("/guidance", UriKind.Relative), Ct);
        using var record = await client.GetAsync(new Uri("/guidance/clients/" + id, UriKind.Relative), Ct);

        Assert.NotEqual(HttpStatusCode.OK, staffPage.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, record.StatusCode);
    }

    [Fact]
    public async Task A_client_withdraws_consent_for_an_area_and_no_new_entry_is_written_there()
    {
        await using var broker = await OpenIdBrokerSimulator.StartAsync(ClientId, ClientSecret, cancellationToken: Ct);
        await using var world = await StartAsync(broker);
        var id = await world.CreateClientAsync();
        await world.ConsentAsync(id, ["employment", "guidance"], ["employment"]);
        using var client = world.Host.CreateClient();
        await SignInAsync(world, broker, client, GuidanceWorld.Hetu);

        using var withdrawn = await client.PostFormAsync($"/guidance/me?handler=Withdraw&client={id}", [new("areas", "employment")], tokenFrom: "/guidance/me", cancellationToken: Ct);

        Assert.Equal("/guidance/me?withdrawn=true", withdrawn.Headers.Location?.OriginalString);
        var consent = await world.InScopeAsync(sp => sp.GetRequiredService<WrittenConsents>().CurrentAsync(id, Ct));
        Assert.Equal([ConsentArea.Guidance], consent!.Areas);
        Assert.Empty(consent.SharedAreas);
        await Assert.ThrowsAsync<GuidanceInputException>(() => world.WriteAsync(id, Sections.EntryKind.Coaching, "employment", "Työkokeilu"));
        Assert.Contains(await world.AuditAsync(id), e => e.Action == "guidance withdraw consent as client");
    }

    [Fact]
    public async Task A_cancelled_identification_signs_nobody_in_and_says_so()
    {
        await using var broker = await OpenIdBrokerSimulator.StartAsync(ClientId, ClientSecret, cancellationToken: Ct);
        await using var world = await StartAsync(broker);
        using var client = world.Host.CreateClient();

        var flow = await SignInAsync(world, broker, client, GuidanceWorld.Hetu, cancel: true);
        var page = await client.GetStringAsync(new Uri(flow.Landing, UriKind.Relative), Ct);

        Assert.Equal("/guidance/me?failed=true", flow.Landing);
        Assert.Contains("did not succeed", page, StringComparison.Ordinal);
        Assert.DoesNotContain("custodian.session=", client.CookieHeader, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_broker_the_page_says_client_sign_in_is_not_available()
    {
        await using var world = await GuidanceWorld.StartAsync(started: true);
        using var client = world.Host.CreateClient();

        var page = await client.GetStringAsync(new Uri("/guidance/me", UriKind.Relative), Ct);
        using var refused = await client.GetAsync(new Uri("/guidance/me?handler=SignIn", UriKind.Relative), Ct);

        Assert.Contains("id=\"me-not-configured\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    private static Task<GuidanceWorld> StartAsync(OpenIdBrokerSimulator broker, RecordsProvider records = RecordsProvider.Sqlite) =>
        GuidanceWorld.StartAsync(records, started: true, configure: b => b
            .WithClock(new SettableClock(TimeProvider.System.GetUtcNow()))
            .WithSetting("Guidance:ClientSignIn:Authority", broker.BaseAddress.ToString())
            .WithSetting("Guidance:ClientSignIn:ClientId", ClientId)
            .WithSetting("Guidance:ClientSignIn:ClientSecret", ClientSecret));

    /// <summary>Starts the sign-in on the page, identifies at the broker (or cancels) and follows the broker back to the app.</summary>
    private static async Task<(string Authorize, string Callback, string Landing)> SignInAsync(GuidanceWorld world, OpenIdBrokerSimulator broker, CustodianClient client, string hetu, bool cancel = false)
    {
        using var challenge = await client.GetAsync(new Uri("/guidance/me?handler=SignIn", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var authorize = challenge.Headers.Location!.AbsoluteUri;
        Assert.StartsWith(broker.BaseAddress.GetLeftPart(UriPartial.Authority), authorize, StringComparison.Ordinal);
        using var idp = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var form = await idp.GetStringAsync(new Uri(authorize), Ct);
        var action = FormAction().Match(form).Groups[1].Value;
        using var identified = await idp.PostAsync(new Uri(broker.BaseAddress, action), new FormUrlEncodedContent(cancel ? [new("cancel", "1")] : [new("hetu", hetu)]), Ct);
        Assert.Equal(HttpStatusCode.Redirect, identified.StatusCode);
        var back = identified.Headers.Location!;
        Assert.Equal(world.Host.BaseAddress.Authority, back.Authority);
        using var landing = await client.GetAsync(new Uri(back.PathAndQuery, UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Redirect, landing.StatusCode);
        return (authorize, back.PathAndQuery, landing.Headers.Location!.OriginalString);
    }

    [GeneratedRegex("action=\"(/authorize/[^\"]+)\"")]
    private static partial Regex FormAction();
}
