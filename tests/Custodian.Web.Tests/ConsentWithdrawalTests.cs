using System.Net;
using System.Net.Http.Json;
using Custodian.Privacy.Abstractions.Consent;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Consent;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Web.Tests;

public sealed class ConsentWithdrawalTests(CustodianFactory factory) : IClassFixture<CustodianFactory>
{
    private static readonly ConsentPurpose Marketing = new("training", "marketing");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_api_withdraws_with_the_token_of_a_withdrawal_link()
    {
        var subject = await GiveConsentAsync();
        Assert.True(await HasConsentAsync(subject));
        using var client = factory.CreateBrowserClient();
        var token = factory.Services.GetRequiredService<ConsentLinks>().WithdrawToken(subject, Marketing);

        using var response = await client.PostAsJsonAsync(new Uri("/api/consents/withdraw", UriKind.Relative), new { token }, Ct);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.False(await HasConsentAsync(subject));
        var history = await HistoryAsync(subject);
        Assert.Equal([(true, ConsentChannel.WebForm), (false, ConsentChannel.Api)], history.Select(e => (e.Given, e.Evidence.Channel)));
        Assert.Equal("withdraw-link", history[^1].Evidence.Reference);
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("")]
    public async Task A_forged_or_empty_token_is_a_400_problem_and_withdraws_nothing(string token)
    {
        var subject = await GiveConsentAsync();
        using var client = factory.CreateBrowserClient();

        using var response = await client.PostAsJsonAsync(new Uri("/api/consents/withdraw", UriKind.Relative), new { token }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(await HasConsentAsync(subject));
    }

    [Fact]
    public async Task A_malformed_body_is_a_400_problem()
    {
        using var client = factory.CreateBrowserClient();
        using var body = new StringContent("{\"token\": ", System.Text.Encoding.UTF8, "application/json");

        using var response = await client.PostAsync(new Uri("/api/consents/withdraw", UriKind.Relative), body, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_link_page_shows_the_purpose_and_refuses_a_forged_link()
    {
        var subject = await GiveConsentAsync();
        using var client = factory.CreateBrowserClient();
        var path = factory.Services.GetRequiredService<ConsentLinks>().WithdrawPath(subject, Marketing);

        var page = await client.GetStringAsync(new Uri(path, UriKind.Relative), Ct);
        using var forged = await client.GetAsync(new Uri("/privacy/consent/withdraw/forged", UriKind.Relative), Ct);

        Assert.Contains("Course offers by e-mail (a card about to expire and its renewal course, related courses)", page, StringComparison.Ordinal);
        Assert.Contains("id=\"withdraw-button\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain(subject.Value.ToString("N"), path, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("This withdrawal link is not valid", await forged.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    private async Task<SubjectId> GiveConsentAsync()
    {
        var subject = SubjectId.New();
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IConsentLedger>().GiveAsync(subject, Marketing, "Course offers by e-mail.", new ConsentEvidence(ConsentChannel.WebForm, "test"), Ct);
        return subject;
    }

    private async Task<bool> HasConsentAsync(SubjectId subject)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IConsentLedger>().HasConsentAsync(subject, Marketing, Ct);
    }

    private async Task<IReadOnlyList<ConsentEvent>> HistoryAsync(SubjectId subject)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IConsentLedger>().HistoryAsync(subject, Ct);
    }
}
