using System.Net;
using System.Net.Http.Json;
using Custodian.Privacy.Abstractions.Access;
using Custodian.Testing;
using Custodian.Web.Tests.Routes;

namespace Custodian.Web.Tests;

/// <summary>
/// Every single-use link is used up atomically: 20 people pressing its button at the same moment give exactly one
/// success and 19 refusals (4xx), on both records engines.
/// </summary>
public sealed class SingleUseLinkTests
{
    private const int Parallel = 20;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<RecordsProvider> Engines => [RecordsProvider.Sqlite, RecordsProvider.Postgres];

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Twenty_parallel_uses_of_each_single_use_link_give_exactly_one_success(RecordsProvider records)
    {
        await using var host = await WholeApp.Builder().WithRecords(records).Started().BuildAsync(Ct);
        var outcomes = new List<string>();

        await UseInParallelAsync(host, "seller sign-in link", await SignInLinks.SellerAsync(host, Ct), HttpStatusCode.Redirect, outcomes);
        await UseInParallelAsync(host, "seller e-mail confirmation", await SellerConfirmationAsync(host), HttpStatusCode.OK, outcomes);
        await UseInParallelAsync(host, "team invitation", await SignInLinks.TeamInvitationAsync(host, Ct), HttpStatusCode.Redirect, outcomes);
        await UseInParallelAsync(host, "request confirmation", await RequestConfirmationAsync(host), HttpStatusCode.OK, outcomes);
        await UseInParallelAsync(host, "request download", await RequestDownloadAsync(host), HttpStatusCode.OK, outcomes);
        await UseInParallelAsync(host, "staff enrolment link", await StaffSignIns.AddAsync(host, "ops.race", [Roles.Operator], Ct), HttpStatusCode.Redirect, outcomes,
            [new("password", StaffSignIns.Password), new("repeated", StaffSignIns.Password)]);

        foreach (var outcome in outcomes)
        {
            TestContext.Current.TestOutputHelper?.WriteLine(outcome);
        }

        Assert.All(outcomes, outcome => Assert.EndsWith(": one success, 19 refused", outcome, StringComparison.Ordinal));
    }

    /// <summary>Twenty browsers open the link (the page does not use it up) and press its button at once.</summary>
    private static async Task UseInParallelAsync(CustodianHost host, string link, string path, HttpStatusCode success, List<string> outcomes, KeyValuePair<string, string>[]? fields = null)
    {
        var clients = Enumerable.Range(0, Parallel).Select(_ => host.CreateClient()).ToList();
        try
        {
            var tokens = await Task.WhenAll(clients.Select(c => c.AntiforgeryTokenAsync(path, Ct)));
            using var start = new SemaphoreSlim(0, Parallel);
            var presses = clients.Select(async (client, i) =>
            {
                using var form = new FormUrlEncodedContent([.. fields ?? [], new("__RequestVerificationToken", tokens[i])]);
                await start.WaitAsync(Ct);
                using var response = await client.PostAsync(new Uri(path, UriKind.Relative), form, Ct);
                return response.StatusCode;
            }).ToList();
            start.Release(Parallel);
            var statuses = await Task.WhenAll(presses);

            var successes = statuses.Count(s => s == success);
            var refused = statuses.Count(s => (int)s is >= 400 and < 500);
            outcomes.Add($"{link}: " + (successes == 1 && refused == Parallel - 1
                ? "one success, 19 refused"
                : $"{successes} successes ({success}), {refused} refused, answers {string.Join(", ", statuses.Select(s => (int)s))}"));
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    /// <summary>Someone signs up with the bot (updates posted to the webhook as Telegram does) and gets the confirmation mail.</summary>
    private static async Task<string> SellerConfirmationAsync(CustodianHost host)
    {
        var email = $"bot.{Guid.NewGuid():N}@example.ru";
        using var telegram = host.CreateRawClient();
        var user = 800_000 + (Guid.NewGuid().GetHashCode() & 0xFFFF);
        using (var start = await WholeApp.PostUpdateAsync(telegram, WholeApp.Update(user, "/start"), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        }

        using (var address = await WholeApp.PostUpdateAsync(telegram, WholeApp.Update(user, email), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, address.StatusCode);
        }

        return host.LinkIn(email, "/marketplace/confirm/");
    }

    /// <summary>A request from the public API: its confirmation link is mailed to the address given.</summary>
    private static async Task<string> RequestConfirmationAsync(CustodianHost host)
    {
        var email = $"subject.{Guid.NewGuid():N}@example.fi";
        using var client = host.CreateClient();
        using var response = await client.PostAsJsonAsync(new Uri("/api/privacy/requests", UriKind.Relative), new { register = "training", kind = "access", email }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return host.LinkIn(email, "/privacy/requests/confirm/");
    }

    /// <summary>A signed-in seller asks for their data on the seller page and is sent to the one-time download.</summary>
    private static async Task<string> RequestDownloadAsync(CustodianHost host)
    {
        using var seller = await host.CreateClientForAsync(Roles.SellerOwner, Ct);
        using var response = await seller.PostFormAsync("/seller?handler=Download", [], tokenFrom: "/seller", cancellationToken: Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }
}
