using System.Net;

namespace Custodian.Web.Tests;

/// <summary>A deployment that does not run a module shows nothing of it: no pages, endpoints or links in the shell.</summary>
public sealed class ModuleSwitchTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task With_the_marketplace_switched_off_its_pages_and_links_are_gone_and_the_kernel_still_serves()
    {
        await using var factory = await CustodianFactory.StartAsync(settings: new Dictionary<string, string?> { ["Modules:Marketplace:Enabled"] = "false" });
        using var client = factory.CreateBrowserClient();

        using var seller = await client.GetAsync(new Uri("/seller", UriKind.Relative), Ct);
        using var landing = await client.GetAsync(new Uri("/marketplace", UriKind.Relative), Ct);
        using var signIn = await client.GetAsync(new Uri("/account/seller-link", UriKind.Relative), Ct);
        var home = await client.GetStringAsync(new Uri("/", UriKind.Relative), Ct);
        var signInPage = await client.GetStringAsync(new Uri("/account/sign-in", UriKind.Relative), Ct);
        using var privacy = await client.GetAsync(new Uri("/privacy", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.NotFound, seller.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, landing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, signIn.StatusCode);
        Assert.DoesNotContain("href=\"/marketplace\"", home, StringComparison.Ordinal);
        Assert.DoesNotContain("seller-link", signInPage, StringComparison.Ordinal);
        Assert.Contains("href=\"/privacy\"", home, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, privacy.StatusCode);
    }

    [Fact]
    public async Task With_the_marketplace_switched_on_the_shell_links_to_it()
    {
        await using var factory = await CustodianFactory.StartAsync();
        using var client = factory.CreateBrowserClient();

        var home = await client.GetStringAsync(new Uri("/", UriKind.Relative), Ct);
        var signInPage = await client.GetStringAsync(new Uri("/account/sign-in", UriKind.Relative), Ct);
        using var landing = await client.GetAsync(new Uri("/marketplace", UriKind.Relative), Ct);

        Assert.Contains("href=\"/marketplace\"", home, StringComparison.Ordinal);
        Assert.Contains("id=\"seller-link\"", signInPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, landing.StatusCode);
    }

    [Fact]
    public async Task With_guidance_switched_off_its_pages_and_links_are_gone()
    {
        await using var factory = await CustodianFactory.StartAsync(settings: new Dictionary<string, string?> { ["Modules:Guidance:Enabled"] = "false" });
        using var client = factory.CreateBrowserClient();

        using var guidance = await client.GetAsync(new Uri("/guidance", UriKind.Relative), Ct);
        var home = await client.GetStringAsync(new Uri("/", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.NotFound, guidance.StatusCode);
        Assert.DoesNotContain("href=\"/guidance\"", home, StringComparison.Ordinal);
        Assert.Contains("href=\"/marketplace\"", home, StringComparison.Ordinal);
    }
}
