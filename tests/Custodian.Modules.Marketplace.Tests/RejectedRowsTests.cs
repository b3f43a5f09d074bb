using System.Globalization;
using Custodian.Modules.Marketplace.Collection;
using Custodian.Simulators;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Marketplace.Tests;

/// <summary>
/// A marketplace whose answers our reader can no longer read fails the dataset with the reason: a page of nothing but
/// unreadable items, or more than the allowed share of them. Never a silent success.
/// </summary>
public sealed class RejectedRowsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_page_of_which_nothing_can_be_read_fails_the_dataset_names_the_field_and_keeps_the_checkpoint_for_a_re_read()
    {
        await using var drifted = await DriftedOrdersAsync(rows: 40, unreadable: 40);
        await using var world = await StartAsync(drifted);
        var account = await world.ConnectSellerAsync(5);

        var outcome = Assert.Single(await world.SyncAsync(account, "wb-orders"));

        Assert.NotNull(outcome.Problem);
        Assert.Contains("40 of 40 items could not be read (date: 40)", outcome.Problem, StringComparison.Ordinal);
        var stats = (await world.StatsAsync(account))["wb-orders"];
        Assert.Null(stats.LastSuccessUtc);
        Assert.Equal(outcome.Problem, stats.LastError);
        Assert.Equal(40, stats.Rejected);
        Assert.Equal(40, stats.RejectedByReason["date"]);
        Assert.Null(await CursorAsync(world, account)); // the next run reads the same pages again
        var listed = await world.InScopeAsync(s => s.GetRequiredService<Accounts.ListMarketplaceAccounts>().ListAsync(null, Ct));
        Assert.Equal(["wb-orders"], listed.Single(a => a.Id == account).Failing); // what operators see in marketplace accounts list
        var seller = await world.InScopeAsync(async s => await s.GetRequiredService<Sellers.SellerAccounts>().AccountsAsync(listed.Single(a => a.Id == account).SellerId, Ct));
        Assert.Equal(["wb-orders"], seller.Single().Failing); // the line on the seller page
    }

    [Fact]
    public async Task More_unreadable_items_than_the_allowed_share_fail_the_dataset_and_the_readable_rows_are_kept()
    {
        await using var drifted = await DriftedOrdersAsync(rows: 100, unreadable: 2);
        await using var world = await StartAsync(drifted);
        var account = await world.ConnectSellerAsync(5);

        var outcome = Assert.Single(await world.SyncAsync(account, "wb-orders"));

        Assert.Contains("2 of 100 items could not be read (date: 2), 2 % > the 1 % allowed", outcome.Problem, StringComparison.Ordinal);
        Assert.Equal(98, (await world.StatsAsync(account))["wb-orders"].Rows);
        Assert.Null(await CursorAsync(world, account));
    }

    [Fact]
    public async Task A_share_within_the_configured_limit_is_a_success_with_the_rejected_items_counted_per_reason()
    {
        await using var drifted = await DriftedOrdersAsync(rows: 100, unreadable: 2);
        await using var world = await StartAsync(drifted, "--Marketplace:Sync:MaxRejectedPercent=5");
        var account = await world.ConnectSellerAsync(5);

        var outcome = Assert.Single(await world.SyncAsync(account, "wb-orders"));

        Assert.Null(outcome.Problem);
        var stats = (await world.StatsAsync(account))["wb-orders"];
        Assert.NotNull(stats.LastSuccessUtc);
        Assert.Equal(98, stats.Rows);
        Assert.Equal(new Dictionary<string, long> { ["date"] = 2 }, stats.RejectedByReason);
        Assert.NotNull(await CursorAsync(world, account));
    }

    private static Task<MarketplaceWorld> StartAsync(SimulatorHost drifted, params string[] args) =>
        MarketplaceWorld.StartAsync(extraArgs:
        [
            .. args, $"--Marketplace:Wildberries:Hosts:statistics={drifted.BaseAddress}", "--Marketplace:Wildberries:RequestsPerMinute:statistics=100000",
        ]);

    private static Task<string?> CursorAsync(MarketplaceWorld world, Guid account) =>
        world.InScopeAsync(s => s.GetRequiredService<MarketplaceDb>().Checkpoints.Where(c => c.AccountId == account && c.Dataset == "wb-orders").Select(c => c.Cursor).SingleAsync(Ct));

    /// <summary>
    /// A statistics host whose order rows partly lack <c>date</c> (as if the marketplace renamed it): one page of
    /// <paramref name="rows"/> rows, the last <paramref name="unreadable"/> of them without it, then the empty page.
    /// </summary>
    private static Task<SimulatorHost> DriftedOrdersAsync(int rows, int unreadable) => SimulatorHost.StartAsync(app =>
    {
        app.MapGet("/ping", () => Results.Json(new { TS = "2026-11-01T10:00:00Z", Status = "OK" })); // the token check when the account is added
        app.MapGet("/api/v1/supplier/orders", (HttpContext context) => Orders(context, rows, unreadable));
    }, cancellationToken: Ct);

    private static IResult Orders(HttpContext context, int rows, int unreadable)
    {
        var from = DateTime.Parse(context.Request.Query["dateFrom"].ToString(), CultureInfo.InvariantCulture);
        var start = new DateTime(2026, 11, 1, 10, 0, 0, DateTimeKind.Unspecified);
        if (from >= start)
        {
            return Results.Json(Array.Empty<object>());
        }

        return Results.Json(Enumerable.Range(0, rows).Select(i =>
        {
            var row = new Dictionary<string, object?>
            {
                ["date"] = start.AddMinutes(-i - 1).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
                ["lastChangeDate"] = start.AddMinutes(-i).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
                ["srid"] = "srid-" + i.ToString(CultureInfo.InvariantCulture), ["nmId"] = 1000 + i, ["totalPrice"] = 1500, ["discountPercent"] = 10,
                ["isCancel"] = false, ["cancelDate"] = "0001-01-01T00:00:00",
            };
            if (i >= rows - unreadable)
            {
                row.Remove("date");
            }

            return row;
        }));
    }
}

/// <summary>A Wildberries token without a category is not asked for that category's reports (Wildberries would answer 401, which reads as a refused key).</summary>
public sealed class KeyCategoryTests
{
    [Fact]
    public async Task A_token_without_analytics_collects_everything_else_and_the_account_stays_active()
    {
        await using var world = await MarketplaceWorld.StartAsync(AnalyticsEngineUnderTest.DuckDb, new Simulators.Wildberries.WildberriesSimulatorOptions { RequestsPerWindow = 10_000, PageSize = 5_000 });
        var categories = Simulators.Wildberries.WildberriesCategories.All & ~Simulators.Wildberries.WildberriesCategories.Analytics;
        var account = await world.ConnectSellerAsync(91, world.Token(91, categories));

        var outcomes = await world.SyncAsync(account);

        Assert.All(outcomes, o => Assert.Null(o.Problem));
        Assert.Equal(["wb-funnel", "wb-returns", "wb-stocks"], outcomes.Where(o => o.Notice?.Contains("analytics category", StringComparison.Ordinal) == true).Select(o => o.Dataset).Order(StringComparer.Ordinal));
        Assert.True(outcomes.Single(o => o.Dataset == "wb-orders").Rows > 0);
        var status = await world.InScopeAsync(s => s.GetRequiredService<MarketplaceDb>().Accounts.Where(a => a.Id == account).Select(a => a.Status).SingleAsync(TestContext.Current.CancellationToken));
        Assert.Equal(Accounts.AccountStatus.Active, status);
    }
}
