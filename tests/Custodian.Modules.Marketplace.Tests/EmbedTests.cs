using System.Net;
using System.Text;
using Custodian.Modules.Marketplace.Sharing;
using Custodian.Simulators.Wildberries;
using FsCheck;
using FsCheck.Xunit;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Marketplace.Tests;

/// <summary>
/// Private embedding: a token the seller's site signs opens the link's dashboard framed only by the seller's allowed
/// sites; a tampered, expired, far-dated, unsigned or other-secret token is 403, and a revoked link 410.
/// </summary>
public sealed class EmbedTests
{
    private static readonly WildberriesSimulatorOptions Fast = new() { RequestsPerWindow = 10_000, Products = 6, Days = 40 };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_signed_token_opens_the_dashboard_framed_only_by_the_sellers_sites_and_anything_else_is_refused()
    {
        await using var world = await MarketplaceWorld.ServingAsync(Fast);
        var account = await world.ConnectSellerAsync(311);
        await world.SyncAsync(account);
        var seller = await ShareLinkTests.SellerOfAsync(world, account);
        var (link, _) = await ShareLinkTests.CreateAsync(world, seller, new ShareLinkSpec("overview", [account], null, null, null, null, null, null, null));
        var secret = await world.InScopeAsync(sp => sp.GetRequiredService<ConfigureEmbedding>().NewSecretAsync(seller, Ct));
        await world.InScopeAsync(sp => sp.GetRequiredService<ConfigureEmbedding>().SetOriginsAsync(seller, "https://shop.example.ru/\nhttps://b2b.example.ru:8443", Ct));
        using var client = world.CreateClient();
        var now = world.Clock.GetUtcNow();

        var (status, html, response) = await ShareLinkTests.GetAsync(client, "/embed/" + EmbedTokens.Sign(link.Id, now.AddMinutes(10), secret));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("widget-orders-and-sales", html, StringComparison.Ordinal);
        Assert.DoesNotContain("site-header", html, StringComparison.Ordinal); // bare: the seller's site is the frame
        Assert.Contains("frame-ancestors https://shop.example.ru https://b2b.example.ru:8443;", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("X-Frame-Options"));

        var good = EmbedTokens.Sign(link.Id, now.AddMinutes(10), secret);
        var parts = good.Split('.');
        string[] refused =
        [
            EmbedTokens.Sign(link.Id, now.AddMinutes(-1), secret),                         // expired
            EmbedTokens.Sign(link.Id, now.AddHours(5), secret),                            // lives too long
            EmbedTokens.Sign(link.Id, now.AddMinutes(10), "another-secret"),               // not the seller's secret
            EmbedTokens.Sign(Guid.NewGuid(), now.AddMinutes(10), secret),                  // no such link
            parts[0] + "." + parts[1] + "." + Flip(parts[2]),                              // tampered signature
            parts[0] + "." + B64(Encoding.UTF8.GetBytes($$"""{"link":"{{Guid.NewGuid()}}","exp":{{now.AddMinutes(10).ToUnixTimeSeconds()}}}""")) + "." + parts[2], // tampered claims
            B64("""{"alg":"none"}"""u8.ToArray()) + "." + parts[1] + ".",                   // unsigned
            "not-a-token",
        ];
        foreach (var token in refused)
        {
            var (refusedStatus, refusedHtml, refusedResponse) = await ShareLinkTests.GetAsync(client, "/embed/" + Uri.EscapeDataString(token));
            Assert.Equal(HttpStatusCode.Forbidden, refusedStatus);
            Assert.DoesNotContain("widget-", refusedHtml, StringComparison.Ordinal);
            Assert.Equal("DENY", refusedResponse.Headers.GetValues("X-Frame-Options").Single());
        }

        // A new secret ends the old one at once.
        var renewed = await world.InScopeAsync(sp => sp.GetRequiredService<ConfigureEmbedding>().NewSecretAsync(seller, Ct));
        Assert.Equal(HttpStatusCode.Forbidden, (await ShareLinkTests.GetAsync(client, "/embed/" + EmbedTokens.Sign(link.Id, now.AddMinutes(10), secret))).Status);

        await world.InScopeAsync(sp => sp.GetRequiredService<RevokeShareLink>().RevokeAsync(link.Id, seller, Ct));
        var gone = await ShareLinkTests.GetAsync(client, "/embed/" + EmbedTokens.Sign(link.Id, now.AddMinutes(10), renewed));
        Assert.Equal(HttpStatusCode.Gone, gone.Status);
        Assert.DoesNotContain("widget-", gone.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Allowed_sites_must_be_plain_origins()
    {
        await using var world = await MarketplaceWorld.ServingAsync(Fast);
        var seller = await ShareLinkTests.SellerOfAsync(world, await world.ConnectSellerAsync(312));
        foreach (var bad in new[] { "http://shop.example.ru", "https://shop.example.ru/page", "javascript:alert(1)", "https://*.example.ru", "shop.example.ru", "https://a.ru?x=1", "https://u:p@a.ru", "'none'; script-src *", string.Join(" ", Enumerable.Range(1, 11).Select(i => $"https://s{i}.ru")) })
        {
            Assert.Equal("origins", (await Assert.ThrowsAsync<MarketplaceInputException>(() => world.InScopeAsync(sp => sp.GetRequiredService<ConfigureEmbedding>().SetOriginsAsync(seller, bad, Ct)))).Field);
        }

        Assert.Equal(["http://localhost:5000", "https://shop.example.ru"], await world.InScopeAsync(sp => sp.GetRequiredService<ConfigureEmbedding>().SetOriginsAsync(seller, "http://localhost:5000 HTTPS://Shop.Example.RU/", Ct)));
    }

    [Property(MaxTest = 500)]
    public bool Reading_any_text_never_throws_and_it_never_verifies(string? text)
    {
        var claims = EmbedTokens.Read(text);
        return claims is null || !EmbedTokens.Valid(claims, "secret", Now);
    }

    [Property(MaxTest = 300)]
    public bool A_signed_token_verifies_and_one_changed_character_does_not(Guid link, PositiveInt life, PositiveInt position)
    {
        var token = EmbedTokens.Sign(link, Now.AddSeconds(1 + (life.Get % 3599)), "secret");
        var claims = EmbedTokens.Read(token);
        // The signature's last character also carries unused padding bits: change one before it.
        var at = position.Get % (token.Length - 1);
        var changed = token[..at] + (token[at] == 'A' ? 'B' : 'A') + token[(at + 1)..];
        var tampered = EmbedTokens.Read(changed);
        return claims is not null && claims.Link == link && EmbedTokens.Valid(claims, "secret", Now)
            && (tampered is null || !EmbedTokens.Valid(tampered, "secret", Now));
    }

    private static DateTimeOffset Now => DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    private static string Flip(string part) => (part[0] == 'A' ? "B" : "A") + part[1..];

    private static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
