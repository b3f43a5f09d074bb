using System.Text.Json;
using Custodian.Simulators;
using Custodian.Simulators.Ozon;
using Custodian.Simulators.Wildberries;
using Custodian.Testing;
using Microsoft.Data.Sqlite;

namespace Custodian.Cli.Tests;

/// <summary><c>custodian sellers add</c>, <c>marketplace accounts add|sync|stats</c> against a Wildberries simulator in this process.</summary>
public sealed class MarketplaceCommandTests
{
    private const int Seed = 21;

    [Fact]
    public async Task Sellers_and_accounts_are_added_and_bad_input_exits_2_without_echoing_secrets()
    {
        await using var simulator = await WildberriesSimulator.StartAsync(new WildberriesSimulatorOptions { RequestsPerWindow = 1000 }, cancellationToken: TestContext.Current.CancellationToken);
        using var data = new TemporaryFolder();
        var args = Args(data, simulator);

        var badEmail = await Custodian.RunAsync(["sellers", "add", "--email", "not-an-address", .. args]);
        var seller = await Custodian.RunAsync(["sellers", "add", "--email", "anna@example.ru", "--name", "Анна", .. args]);
        var duplicate = await Custodian.RunAsync(["sellers", "add", "--email", " Anna@Example.RU", .. args]);
        var sellerId = seller.Output.Trim();
        var token = simulator.Tokens.Issue(Seed, WildberriesCategories.All, DateTimeOffset.UtcNow.AddDays(100));
        var badToken = await Custodian.RunAsync(["marketplace", "accounts", "add", "--seller", sellerId, "--wildberries-token", "x" + token[1..], .. args]);
        var account = await Custodian.RunAsync(["marketplace", "accounts", "add", "--seller", sellerId, "--wildberries-token", token, .. args]);

        Assert.Equal(2, badEmail.ExitCode);
        Assert.Contains("e-mail", badEmail.Error, StringComparison.Ordinal);
        Assert.Equal(0, seller.ExitCode);
        Assert.True(Guid.TryParse(sellerId, out _), seller.Output + seller.Error);
        Assert.Equal(2, duplicate.ExitCode);
        Assert.Contains("already exists", duplicate.Error, StringComparison.Ordinal);
        Assert.Equal(2, badToken.ExitCode);
        Assert.Contains("refused", badToken.Error, StringComparison.Ordinal);
        Assert.Equal(0, account.ExitCode);
        Assert.True(Guid.TryParse(account.Output.Trim(), out _), account.Output + account.Error);
        Assert.Contains("…" + token[^4..], account.Error, StringComparison.Ordinal);
        Assert.All(new[] { badToken, account }, r => Assert.DoesNotContain(token[..40], r.Output + r.Error, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Demo_seed_on_the_embedded_defaults_creates_two_sellers_with_plans_and_their_accounts_once()
    {
        using var data = new TemporaryFolder();
        string[] args = ["--Storage:DataDirectory=" + data.Path, "--Demo:SeedOnStart=false"];

        var first = await Custodian.RunAsync(["demo", "seed", .. args]);
        var again = await Custodian.RunAsync(["demo", "seed", .. args]);

        Assert.Equal(0, first.ExitCode);
        var sellers = first.Output.Split('\n').Where(l => l.StartsWith("seller ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, sellers.Count);
        Assert.Matches(@": plan trial until \d{4}-\d\d-\d\d, then business until \d{4}-\d\d-\d\d$", sellers[0].Trim());
        Assert.Matches(@": plan trial until \d{4}-\d\d-\d\d$", sellers[1].Trim());
        Assert.Contains("4 demo marketplace account(s) connected", first.Output, StringComparison.Ordinal);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("0 demo marketplace account(s) connected", again.Output, StringComparison.Ordinal);
        Assert.Equal(sellers, again.Output.Split('\n').Where(l => l.StartsWith("seller ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_operator_sees_a_sellers_plan_and_records_paid_periods_that_follow_on()
    {
        using var data = new TemporaryFolder();
        string[] args = ["--Storage:DataDirectory=" + data.Path, "--Simulators:Enabled=false"];
        var sellerId = (await Custodian.RunAsync(["sellers", "add", "--email", "payer@example.ru", .. args])).Output.Trim();

        var trial = await Custodian.RunAsync(["sellers", "subscription", "--seller", sellerId, .. args]);
        var paid = await Custodian.RunAsync(["sellers", "subscription", "--seller", sellerId, "--plan", "business", "--months", "3", .. args]);
        var more = await Custodian.RunAsync(["sellers", "subscription", "--seller", sellerId, "--plan", "business", "--months", "1", .. args]);
        var unknownPlan = await Custodian.RunAsync(["sellers", "subscription", "--seller", sellerId, "--plan", "gold", "--months", "1", .. args]);
        var planWithoutMonths = await Custodian.RunAsync(["sellers", "subscription", "--seller", sellerId, "--plan", "start", .. args]);
        var unknownSeller = await Custodian.RunAsync(["sellers", "subscription", "--seller", Guid.NewGuid().ToString(), .. args]);

        var trialEnd = DateTime.UtcNow.AddDays(14);
        Assert.Equal(0, trial.ExitCode);
        Assert.Matches($@"^plan trial \(Trial\), in force until {trialEnd:yyyy-MM-dd} \d\d:\d\d UTC, accounts 0 of 3$", trial.Output.Trim());
        Assert.Equal(0, paid.ExitCode);
        Assert.Matches($@"^plan trial \(Trial\), in force until {trialEnd:yyyy-MM-dd} .*; then business until {trialEnd.AddMonths(3):yyyy-MM-dd} ", paid.Output.Trim());
        Assert.Contains($"; then business until {trialEnd.AddMonths(4):yyyy-MM-dd} ", more.Output, StringComparison.Ordinal);
        Assert.Equal(2, unknownPlan.ExitCode);
        Assert.Contains("Unknown plan 'gold'", unknownPlan.Error, StringComparison.Ordinal);
        Assert.Contains("Plans: start (1 accounts), business (5 accounts).", unknownPlan.Error, StringComparison.Ordinal); // prices are billing's (ADR 0026)
        Assert.Equal(2, planWithoutMonths.ExitCode);
        Assert.Contains("--plan and --months together", planWithoutMonths.Error, StringComparison.Ordinal);
        Assert.Equal(2, unknownSeller.ExitCode);
        Assert.Contains("No seller", unknownSeller.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ozon_accounts_are_added_with_client_id_and_api_key_and_collected_with_plan_limits_reported()
    {
        await using var wildberries = await WildberriesSimulator.StartAsync(new WildberriesSimulatorOptions { RequestsPerWindow = 1000 }, cancellationToken: TestContext.Current.CancellationToken);
        await using var ozon = await OzonSimulator.StartAsync(new OzonSimulatorOptions { RequestsPerSecond = 1000, AnalyticsPerMinute = 1000 }, cancellationToken: TestContext.Current.CancellationToken);
        using var data = new TemporaryFolder();
        string[] args = [.. Args(data, wildberries), "--Marketplace:Ozon:BaseUrl=" + ozon.BaseAddress, "--Marketplace:Ozon:AnalyticsRequestsPerMinute=6000"];
        var sellerId = (await Custodian.RunAsync(["sellers", "add", "--email", "ozon@example.ru", .. args])).Output.Trim();
        var (clientId, apiKey) = ozon.Keys.Issue(41, OzonPlan.Basic);

        var both = await Custodian.RunAsync(["marketplace", "accounts", "add", "--seller", sellerId, "--wildberries-token", "x", "--ozon-client-id", clientId, .. args]);
        var halfOzon = await Custodian.RunAsync(["marketplace", "accounts", "add", "--seller", sellerId, "--ozon-client-id", clientId, .. args]);
        var wrongKey = await Custodian.RunAsync(["marketplace", "accounts", "add", "--seller", sellerId, "--ozon-client-id", clientId, "--ozon-api-key", Guid.NewGuid().ToString(), .. args]);
        var account = await Custodian.RunAsync(["marketplace", "accounts", "add", "--seller", sellerId, "--ozon-client-id", clientId, "--ozon-api-key", apiKey, .. args]);
        var accountId = account.Output.Trim();
        var sync = await Custodian.RunAsync(["marketplace", "sync", "--account", accountId, "--dataset", "ozon-analytics", .. args]);
        var stats = await Custodian.RunAsync(["marketplace", "stats", "--account", accountId, "--json", .. args]);

        Assert.Equal(2, both.ExitCode);
        Assert.Equal(2, halfOzon.ExitCode);
        Assert.Contains("--ozon-api-key", halfOzon.Error, StringComparison.Ordinal);
        Assert.Equal(2, wrongKey.ExitCode);
        Assert.Contains("refused", wrongKey.Error, StringComparison.Ordinal);
        Assert.Equal(0, account.ExitCode);
        Assert.True(Guid.TryParse(accountId, out _), account.Output + account.Error);
        Assert.Contains("…" + apiKey[^4..], account.Error, StringComparison.Ordinal);
        Assert.All(new[] { wrongKey, account, sync, stats }, r => Assert.DoesNotContain(apiKey, r.Output + r.Error, StringComparison.Ordinal));
        Assert.Equal(0, sync.ExitCode);
        Assert.Contains("ozon-analytics", sync.Output, StringComparison.Ordinal);
        Assert.Contains("ok · Funnel metrics", sync.Output, StringComparison.Ordinal); // a plan without the funnel is not a failure
        using var json = JsonDocument.Parse(stats.Output);
        var analytics = json.RootElement.EnumerateArray().Single(d => d.GetProperty("dataset").GetString() == "ozon-analytics");
        Assert.True(analytics.GetProperty("rows").GetInt64() > 0);
    }

    [Fact]
    public async Task A_sync_killed_mid_dataset_resumes_at_its_stored_cursor_and_ends_with_exactly_the_marketplaces_rows_and_sums()
    {
        var clock = new SettableClock(DateTimeOffset.UtcNow);
        await using var simulator = await WildberriesSimulator.StartAsync(
            new WildberriesSimulatorOptions { RequestsPerWindow = 1000, PageSize = 250 }, new SimulatedFaults { SlowEvery = 1, Delay = TimeSpan.FromMilliseconds(150) }, clock, cancellationToken: TestContext.Current.CancellationToken);
        var token = simulator.Tokens.Issue(Seed, WildberriesCategories.All, clock.GetUtcNow().AddDays(100));
        // An uninterrupted collection of the same seller's orders, elsewhere, gives the pages of a whole run.
        using (var elsewhere = new TemporaryFolder())
        {
            var other = Args(elsewhere, simulator);
            var otherSeller = (await Custodian.RunAsync(["sellers", "add", "--email", "whole@example.ru", .. other])).Output.Trim();
            await Custodian.RunAsync(["marketplace", "accounts", "add", "--seller", otherSeller, "--wildberries-token", token, .. other]);
            Assert.Equal(0, (await Custodian.RunAsync(["marketplace", "sync", "--dataset", "wb-orders", .. other])).ExitCode);
        }

        var whole = OrderPagesAsked(simulator, 0);
        using var data = new TemporaryFolder();
        string[] args = [.. Args(data, simulator), "--Marketplace:Sync:LoadBatchRows=500"]; // the checkpoint moves every two pages
        var sellerId = (await Custodian.RunAsync(["sellers", "add", "--email", "killed@example.ru", .. args])).Output.Trim();
        var accountId = (await Custodian.RunAsync(["marketplace", "accounts", "add", "--seller", sellerId, "--wildberries-token", token, .. args])).Output.Trim();
        var beforeKill = simulator.StatisticsRequests.Count;

        using (var sync = Custodian.Start(["marketplace", "sync", .. args]))
        {
            while (OrderPagesAsked(simulator, beforeKill).Count < 8 && !sync.HasExited)
            {
                await Task.Delay(20, TestContext.Current.CancellationToken);
            }

            Assert.False(sync.HasExited, "the sync was still running when it was killed: " + sync.Describe());
            sync.Kill(); // SIGKILL: no clean-up of any kind
            await sync.WaitForExitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        }

        var stored = await StoredCursorAsync(data, "wb-orders");
        var beforeResume = simulator.StatisticsRequests.Count;
        var resumed = await Custodian.RunAsync(["marketplace", "sync", .. args]);
        var stats = await Custodian.RunAsync(["marketplace", "stats", "--account", accountId, "--json", .. args]);

        Assert.Equal(0, resumed.ExitCode);
        Assert.Equal(0, stats.ExitCode);
        Assert.True(whole.Count > 12, $"a whole run asks for many pages ({whole.Count})");
        var position = whole.IndexOf(stored ?? "(no checkpoint was stored before the kill)");
        Assert.True(position > 0, $"the killed run stored a position inside the feed: {stored}");
        Assert.Equal(whole[position..], OrderPagesAsked(simulator, beforeResume)); // from the stored cursor on, nothing asked twice
        using var json = JsonDocument.Parse(stats.Output);
        var byName = json.RootElement.EnumerateArray().ToDictionary(d => d.GetProperty("dataset").GetString()!);
        var now = simulator.NowMoscow;
        var from = DateOnly.FromDateTime(now).AddDays(-90).ToDateTime(TimeOnly.MinValue);
        var orders = simulator.Seller(Seed).OrdersAt(now).Where(o => o.LastChangeDate > from).ToList();
        var sales = simulator.Seller(Seed).SalesAt(now).Where(s => s.LastChangeDate > from).ToList();
        Assert.Equal(orders.Count, byName["wb-orders"].GetProperty("rows").GetInt64());
        Assert.Equal(orders.Count, byName["wb-orders"].GetProperty("distinctKeys").GetInt64());
        Assert.Equal(orders.Sum(o => o.FinishedPrice), byName["wb-orders"].GetProperty("sums").GetProperty("finished_price").GetDecimal());
        Assert.Equal(sales.Count, byName["wb-sales"].GetProperty("rows").GetInt64());
        Assert.Equal(sales.Sum(s => s.ForPay), byName["wb-sales"].GetProperty("sums").GetProperty("for_pay").GetDecimal());
    }

    private static List<string> OrderPagesAsked(WildberriesSimulator simulator, int from) =>
        [.. simulator.StatisticsRequests.Skip(from).Where(r => r.Feed == "orders").Select(r => r.DateFrom)];

    /// <summary>The cursor of the only account's <paramref name="dataset"/> checkpoint, read from the records database.</summary>
    private static async Task<string?> StoredCursorAsync(TemporaryFolder data, string dataset)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(data.Path, "custodian.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT cursor FROM marketplace_sync_checkpoints WHERE dataset = $dataset";
        command.Parameters.AddWithValue("$dataset", dataset);
        return await command.ExecuteScalarAsync(TestContext.Current.CancellationToken) as string;
    }

    [Fact]
    public async Task A_malformed_bot_token_stops_the_service_with_one_line_naming_the_setting()
    {
        using var data = new TemporaryFolder();

        var result = await Custodian.RunAsync("serve", "--urls=http://127.0.0.1:0", "--Storage:DataDirectory=" + data.Path, "--Telegram:BotToken=not-a-token");

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("Custodian cannot start: Telegram:BotToken:", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_overview_verb_prints_the_periods_totals_as_the_marketplace_counts_them_and_refuses_a_bad_range()
    {
        await using var simulator = await WildberriesSimulator.StartAsync(new WildberriesSimulatorOptions { RequestsPerWindow = 1000, PageSize = 5000 }, cancellationToken: TestContext.Current.CancellationToken);
        using var data = new TemporaryFolder();
        var args = Args(data, simulator);
        var sellerId = (await Custodian.RunAsync(["sellers", "add", "--email", "overview@example.ru", .. args])).Output.Trim();
        var token = simulator.Tokens.Issue(44, WildberriesCategories.All, DateTimeOffset.UtcNow.AddDays(100));
        var accountId = (await Custodian.RunAsync(["marketplace", "accounts", "add", "--seller", sellerId, "--wildberries-token", token, .. args])).Output.Trim();
        Assert.Equal(0, (await Custodian.RunAsync(["marketplace", "sync", "--account", accountId, "--dataset", "wb-orders", .. args])).ExitCode);
        Assert.Equal(0, (await Custodian.RunAsync(["marketplace", "sync", "--account", accountId, "--dataset", "wb-sales", .. args])).ExitCode);
        var today = DateOnly.FromDateTime(simulator.NowMoscow);
        var (from, to) = (today.AddDays(-20), today.AddDays(-2));

        var overview = await Custodian.RunAsync(["marketplace", "overview", "--account", accountId, "--from", $"{from:yyyy-MM-dd}", "--to", $"{to:yyyy-MM-dd}", "--json", .. args]);
        var table = await Custodian.RunAsync(["marketplace", "overview", "--account", accountId, "--from", $"{from:yyyy-MM-dd}", "--to", $"{to:yyyy-MM-dd}", .. args]);
        var inverted = await Custodian.RunAsync(["marketplace", "overview", "--account", accountId, "--from", $"{to:yyyy-MM-dd}", "--to", $"{from:yyyy-MM-dd}", .. args]);
        var unknown = await Custodian.RunAsync(["marketplace", "overview", "--account", Guid.NewGuid().ToString(), "--from", $"{from:yyyy-MM-dd}", "--to", $"{to:yyyy-MM-dd}", .. args]);

        var seller = simulator.Seller(44);
        bool InPeriod(DateTime moscow) => DateOnly.FromDateTime(moscow) >= from && DateOnly.FromDateTime(moscow) <= to;
        var orders = seller.OrdersAt(simulator.NowMoscow).Where(o => InPeriod(o.OrderedAt)).ToList();
        var sales = seller.SalesAt(simulator.NowMoscow).Where(s => InPeriod(s.SoldAt)).ToList();
        var sold = sales.Where(s => s.SaleId[0] == 'S').ToList();
        var returned = sales.Where(s => s.SaleId[0] == 'R').ToList();
        Assert.Equal(0, overview.ExitCode);
        using var json = JsonDocument.Parse(overview.Output);
        var totals = json.RootElement;
        Assert.Equal(orders.Count, totals.GetProperty("orders").GetInt64());
        Assert.Equal(orders.Count(o => o.IsCancel), totals.GetProperty("cancelled").GetInt64());
        Assert.Equal(orders.Count, totals.GetProperty("units").GetInt64());
        Assert.Equal(sold.Count, totals.GetProperty("sales").GetInt64());
        Assert.Equal(returned.Count, totals.GetProperty("returns").GetInt64());
        Assert.Equal(sold.Sum(s => Math.Abs(s.PriceWithDisc)) - returned.Sum(s => Math.Abs(s.PriceWithDisc)), totals.GetProperty("revenue").GetDecimal());
        Assert.Equal(sold.Sum(s => Math.Abs(s.ForPay)) - returned.Sum(s => Math.Abs(s.ForPay)), totals.GetProperty("payout").GetDecimal());
        Assert.Equal(Math.Round(100m * sold.Count / (sold.Count + returned.Count), 2), totals.GetProperty("buyoutPercent").GetDecimal());
        Assert.Equal(JsonValueKind.Number, totals.GetProperty("revenue").ValueKind);
        Assert.True(orders.Count > 0 && sold.Count > 0, "the period has orders and sales");
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("buyout %", table.Output, StringComparison.Ordinal);
        Assert.Equal(2, inverted.ExitCode);
        Assert.Contains("before its start", inverted.Error, StringComparison.Ordinal);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("No marketplace account", unknown.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Share_links_are_created_listed_and_revoked_and_bad_input_exits_2()
    {
        await using var simulator = await WildberriesSimulator.StartAsync(new WildberriesSimulatorOptions { RequestsPerWindow = 1000 }, cancellationToken: TestContext.Current.CancellationToken);
        using var data = new TemporaryFolder();
        var args = Args(data, simulator);
        var sellerId = (await Custodian.RunAsync(["sellers", "add", "--email", "share@example.ru", .. args])).Output.Trim();
        var accountId = (await Custodian.RunAsync(["marketplace", "accounts", "add", "--seller", sellerId, "--wildberries-token", simulator.Tokens.Issue(Seed, WildberriesCategories.All, DateTimeOffset.UtcNow.AddDays(100)), .. args])).Output.Trim();

        var rolling = await Custodian.RunAsync(["marketplace", "share", "create", "--account", accountId, "--dashboard", "overview", "--expires", "7d", .. args]);
        var fixedDays = await Custodian.RunAsync(["marketplace", "share", "create", "--account", accountId, "--dashboard", "products", "--from", "2026-11-01", "--to", "2026-11-30", .. args]);
        var unknownDashboard = await Custodian.RunAsync(["marketplace", "share", "create", "--account", accountId, "--dashboard", "secrets", .. args]);
        var badExpiry = await Custodian.RunAsync(["marketplace", "share", "create", "--account", accountId, "--dashboard", "overview", "--expires", "9x", .. args]);
        var halfPeriod = await Custodian.RunAsync(["marketplace", "share", "create", "--account", accountId, "--dashboard", "overview", "--from", "2026-11-01", .. args]);
        var unknownAccount = await Custodian.RunAsync(["marketplace", "share", "create", "--account", Guid.NewGuid().ToString(), "--dashboard", "overview", .. args]);
        var linkId = System.Text.RegularExpressions.Regex.Match(rolling.Error, "Link ([0-9a-f-]{36}) created").Groups[1].Value;
        var revoke = await Custodian.RunAsync(["marketplace", "share", "revoke", "--link", linkId, .. args]);
        var revokeUnknown = await Custodian.RunAsync(["marketplace", "share", "revoke", "--link", Guid.NewGuid().ToString(), .. args]);
        var list = await Custodian.RunAsync(["marketplace", "share", "list", "--account", accountId, "--json", .. args]);
        var table = await Custodian.RunAsync(["marketplace", "share", "list", "--account", accountId, .. args]);

        Assert.Equal(0, rolling.ExitCode);
        Assert.Matches(@"^https?://[^/]+/share/[A-Za-z0-9_-]{43}$", rolling.Output.Trim());
        Assert.Contains("expires", rolling.Error, StringComparison.Ordinal);
        Assert.Equal(0, fixedDays.ExitCode);
        Assert.NotEqual(rolling.Output.Trim(), fixedDays.Output.Trim());
        Assert.All(new[] { unknownDashboard, badExpiry, halfPeriod, unknownAccount, revokeUnknown }, r => Assert.Equal(2, r.ExitCode));
        Assert.Contains("dashboard", unknownDashboard.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("7d or 12h", badExpiry.Error, StringComparison.Ordinal);
        Assert.Equal(0, revoke.ExitCode);
        using var links = JsonDocument.Parse(list.Output);
        var states = links.RootElement.EnumerateArray().ToDictionary(l => l.GetProperty("id").GetString()!, l => (State: l.GetProperty("state").GetString(), Period: l.GetProperty("period").GetString()));
        Assert.Equal(2, states.Count);
        Assert.Equal(("revoked", "last 30 days"), states[linkId]);
        Assert.Equal(("active", "2026-11-01..2026-11-30"), states.Single(s => s.Key != linkId).Value);
        Assert.Contains("revoked", table.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(rolling.Output.Trim()[^43..], list.Output + table.Output, StringComparison.Ordinal); // the token is never shown again
    }

    private static string[] Args(TemporaryFolder data, WildberriesSimulator simulator) =>
    [
        "--Storage:DataDirectory=" + data.Path, "--Simulators:Enabled=false", "--Marketplace:Wildberries:BaseUrl=" + simulator.BaseAddress,
        "--Marketplace:Wildberries:RequestsPerMinute:statistics=6000", "--Marketplace:Wildberries:RequestsPerMinute:common=6000",
        "--Marketplace:Wildberries:RequestsPerMinute:feedbacks=6000", "--Marketplace:Wildberries:RequestsPerMinute:finance=6000",
        "--Marketplace:Wildberries:RequestsPerMinute:analytics=6000", "--Marketplace:Wildberries:RequestsPerMinute:prices=6000", "--Marketplace:Wildberries:RequestsPerMinute:content=6000",
    ];
}
