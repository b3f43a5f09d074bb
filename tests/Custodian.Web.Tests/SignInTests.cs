using System.Net;

namespace Custodian.Web.Tests;

public sealed class SignInTests(CustodianFactory factory) : IClassFixture<CustodianFactory>
{
    [Fact]
    public async Task A_staff_page_sends_an_anonymous_person_to_sign_in()
    {
        using var client = factory.CreateBrowserClient();

        using var response = await client.GetAsync(new Uri("/operator", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/sign-in", response.Headers.Location?.AbsolutePath);
        Assert.Contains("ReturnUrl=%2Foperator", response.Headers.Location?.Query, StringComparison.Ordinal);
    }
}
