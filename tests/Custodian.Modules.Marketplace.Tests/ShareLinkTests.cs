using System.Net;
using Custodian.Modules.Marketplace.Accounts;
using Custodian.Modules.Marketplace.Sharing;
using Custodian.Privacy.Abstractions.TechnicalAccess;
using Custodian.Simulators.Wildberries;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Marketplace.Tests;

/// <summary>
/// Share links end to end over HTTP: exactly the link's scope without sign-in, headers of a shared page, 404/410 for
/// unknown, revoked, expired, rotated-away links and links whose account was revoked, the per-link limit, and every
/// visit in the kernel's technical access store.
/// </summary>
public sealed class ShareLinkTests
{
    private static readonly WildberriesSimulatorOptions Fast = new() { RequestsPerWindow = 10_000, Products = 6, Days = 40 };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_link_shows_its_dashboard_read_only_without_sign_in_and_each_visit_is_recorded_apart_from_identity()
    {
        await using var world = await MarketplaceWorld.ServingAsync(Fast);
        var account = await world.ConnectSellerAsync(301);
        var other = await world.ConnectSellerAsync(302);
        await world.SyncAsync(account);
        var seller = await SellerOfAsync(world, account);
        var (link, token) = await CreateAsync(world, seller, new ShareLinkSpec("overview", [account], null, null, null, null, null, null, TimeSpan.FromDays(7)));

        using var client = world.CreateClient(IPAddress.Parse("203.0.113.9"));
        client.DefaultRequestHeaders.UserAgent.ParseAdd("ShareTest/1.0");
        using var response = await client.GetAsync(new Uri("/share/" + token, UriKind.Relative), Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("widget-orders-and-sales", html, StringComparison.Ordinal);
        Assert.Contains("shared-scope", html, StringComparison.Ordinal);
        Assert.DoesNotContain("export-csv", html, StringComparison.Ordinal); // read-only: no exports, no filter form
        Assert.DoesNotContain("dashboard-filters", html, StringComparison.Ordinal);
        Assert.Contains("noindex", response.Headers.GetValues("X-Robots-Tag").Single(), StringComparison.Ordinal);
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Contains("<meta name=\"robots\" content=\"noindex", html, StringComparison.Ordinal);

        // The other seller's account is not in the scope: nothing of it reaches the page.
        Assert.Equal([account], (await OpenAsync(world, token)).Accounts!.Select(a => a.Id));
        Assert.DoesNotContain(other.ToString("N"), html, StringComparison.Ordinal);

        var visit = await VisitAsync(world, link.Id, HttpStatusCode.OK);
        Assert.Equal("203.0.113.9", visit.Address);
        Assert.Equal("ShareTest/1.0", visit.Browser);
        Assert.InRange(visit.Bytes, html.Length, 3L * html.Length); // the UTF-8 body as sent

        var stored = (await world.InScopeAsync(sp => sp.GetRequiredService<ListShareLinks>().OfSellerAsync(seller, Ct))).Single(l => l.Id == link.Id);
        Assert.Equal(1, stored.Views);
        Assert.NotNull(stored.LastUsedAtUtc);
    }

    [Fact]
    public async Task Revoked_expired_rotated_away_and_unknown_links_show_no_data_and_a_revoked_account_ends_its_links()
    {
        await using var world = await MarketplaceWorld.ServingAsync(Fast);
        var account = await world.ConnectSellerAsync(303);
        await world.SyncAsync(account);
        var seller = await SellerOfAsync(world, account);
        var (revoked, revokedToken) = await CreateAsync(world, seller, new ShareLinkSpec("products", [account], null, null, null, null, null, null, null));
        var (_, expiringToken) = await CreateAsync(world, seller, new ShareLinkSpec("overview", [account], null, null, null, null, null, null, TimeSpan.FromHours(2)));
        var (rotated, oldToken) = await CreateAsync(world, seller, new ShareLinkSpec("stocks", [account], null, null, null, null, null, null, null));
        using var client = world.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, "/share/" + revokedToken)).Status);

        await world.InScopeAsync(sp => sp.GetRequiredService<RevokeShareLink>().RevokeAsync(revoked.Id, seller, Ct));
        var gone = await GetAsync(client, "/share/" + revokedToken);
        Assert.Equal(HttpStatusCode.Gone, gone.Status);
        Assert.Contains("share-gone", gone.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("widget-", gone.Html, StringComparison.Ordinal);

        world.Clock.Advance(TimeSpan.FromHours(3));
        Assert.Equal(HttpStatusCode.Gone, (await GetAsync(client, "/share/" + expiringToken)).Status);

        var newToken = await world.InScopeAsync(sp => sp.GetRequiredService<RotateShareLink>().RotateAsync(rotated.Id, seller, Ct));
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(client, "/share/" + oldToken)).Status);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, "/share/" + newToken)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(client, "/share/" + new string('A', 43))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(client, "/share/" + Uri.EscapeDataString("\u0001<>'\"") + new string('x', 300))).Status);

        await world.InScopeAsync(async sp => { await sp.GetRequiredService<RevokeMarketplaceAccount>().RevokeAsync(account, Ct); return 0; });
        var afterAccountRevoked = await GetAsync(client, "/share/" + newToken);
        Assert.Equal(HttpStatusCode.Gone, afterAccountRevoked.Status);
        Assert.DoesNotContain("widget-", afterAccountRevoked.Html, StringComparison.Ordinal);
        await VisitAsync(world, revoked.Id, HttpStatusCode.Gone);
    }

    [Fact]
    public async Task A_flood_on_one_link_is_answered_429_while_another_link_still_opens()
    {
        await using var world = await MarketplaceWorld.ServingAsync(Fast, "--Marketplace:Sharing:RequestsPerMinute=3");
        var account = await world.ConnectSellerAsync(304);
        var seller = await SellerOfAsync(world, account);
        var (_, flooded) = await CreateAsync(world, seller, new ShareLinkSpec("overview", [account], null, null, null, null, null, null, null));
        var (_, quiet) = await CreateAsync(world, seller, new ShareLinkSpec("overview", [account], null, null, null, null, null, null, null));
        using var client = world.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await GetAsync(client, "/share/" + flooded)).Status);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, "/share/" + quiet)).Status);
    }

    [Fact]
    public async Task Bad_requests_to_create_a_link_are_refused_and_store_nothing()
    {
        await using var world = await MarketplaceWorld.ServingAsync(Fast);
        var account = await world.ConnectSellerAsync(305);
        var strangers = await world.ConnectSellerAsync(306);
        var seller = await SellerOfAsync(world, account);

        foreach (var (spec, field) in new (ShareLinkSpec, string)[]
        {
            (new("secret-page", [account], null, null, null, null, null, null, null), "dashboard"),
            (new("overview", [], null, null, null, null, null, null, null), "account"),
            (new("overview", [strangers], null, null, null, null, null, null, null), "account"),
            (new("overview", [account], new DateOnly(2026, 2, 1), null, null, null, null, null, null), "from"),
            (new("overview", [account], new DateOnly(2026, 3, 1), new DateOnly(2026, 2, 1), null, null, null, null, null), "to"),
            (new("overview", [account], null, null, null, null, null, null, TimeSpan.FromDays(400)), "expires"),
        })
        {
            var refused = await Assert.ThrowsAsync<MarketplaceInputException>(() => CreateAsync(world, seller, spec));
            Assert.Equal(field, refused.Field);
        }

        foreach (var text in new[] { "7", "d", "0d", "-1d", "367d", "7w", "1e3d", "７d" })
        {
            Assert.Equal("expires", Assert.Throws<MarketplaceInputException>(() => ShareLinkSpec.ParseExpiry(text)).Field);
        }

        Assert.Equal(TimeSpan.FromDays(7), ShareLinkSpec.ParseExpiry("7d"));
        Assert.Equal(TimeSpan.FromHours(12), ShareLinkSpec.ParseExpiry("12h"));
        Assert.Null(ShareLinkSpec.ParseExpiry(null));
        Assert.Equal(0, await world.InScopeAsync(sp => sp.GetRequiredService<MarketplaceDb>().ShareLinks.CountAsync(Ct)));
    }

    internal static async Task<Guid> SellerOfAsync(MarketplaceWorld world, Guid account) =>
        await world.InScopeAsync(sp => sp.GetRequiredService<MarketplaceDb>().Accounts.Where(a => a.Id == account).Select(a => a.SellerId).SingleAsync(Ct));

    internal static Task<(ShareLinkRecord Link, string Token)> CreateAsync(MarketplaceWorld world, Guid seller, ShareLinkSpec spec) =>
        world.InScopeAsync(sp => sp.GetRequiredService<CreateShareLink>().CreateAsync(seller, spec, Ct));

    internal static async Task<(HttpStatusCode Status, string Html, HttpResponseMessage Response)> GetAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(new Uri(path, UriKind.Relative), Ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct), response);
    }

    /// <summary>The newest recorded visit of the link with this status (recorded once the response is complete, so awaited briefly).</summary>
    internal static async Task<TechnicalVisit> VisitAsync(MarketplaceWorld world, Guid link, HttpStatusCode status)
    {
        for (var attempt = 0; ; attempt++)
        {
            var visits = await world.InScopeAsync(sp => sp.GetRequiredService<ITechnicalAccessLog>().ReadAsync(ShareVisits.Resource(link), DateTimeOffset.MinValue, 100, Ct));
            if (visits.FirstOrDefault(v => v.Status == (int)status) is { } visit)
            {
                Assert.Equal("marketplace-sellers", visit.Register);
                return visit;
            }

            Assert.True(attempt < 50, $"no {(int)status} visit of the link was recorded");
            await Task.Delay(100, Ct);
        }
    }

    private static Task<OpenedShareLink> OpenAsync(MarketplaceWorld world, string token) =>
        world.InScopeAsync(sp => sp.GetRequiredService<OpenShareLink>().OpenAsync(token, countVisit: false, Ct));
}
