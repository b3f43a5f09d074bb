using System.Diagnostics;
using System.Globalization;
using System.Net;
using Custodian.Modules.Marketplace.Accounts;
using Custodian.Modules.Marketplace.Collection;
using Custodian.Modules.Marketplace.Dashboards;
using Custodian.Modules.Marketplace.Sellers;
using Custodian.Privacy.Abstractions.Analytics;
using Custodian.Privacy.Abstractions.Time;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Benchmarks;

/// <summary>
/// Seller dashboards on one large seller: N Wildberries orders, M sales lines and Ozon postings written by the engine
/// itself into the store's tables. (a) Every registered <see cref="IDashboard"/> against hand-written SQL of the same
/// numbers on the same engine, for the last 30 days, the last 30 days with comparison and the last 90 days with
/// comparison (goal: ours ≤ 1.5 × raw). (b) The whole Overview page over HTTP (Kestrel on loopback), a seller signed in
/// through the e-mailed link (goal on DuckDB: p95 &lt; 150 ms).
/// </summary>
internal static class SellerDashboards
{
    public static async Task RunAsync(long orders, long sales, string[] args)
    {
        string Option(string name, string fallback) => args.FirstOrDefault(a => a.StartsWith("--" + name + "=", StringComparison.Ordinal))?.Split('=', 2)[1] ?? fallback;
        var postingLines = long.Parse(Option("ozon", "1000000"), CultureInfo.InvariantCulture);
        var runs = int.Parse(Option("runs", "20"), CultureInfo.InvariantCulture);
        var pageRuns = int.Parse(Option("page-runs", "50"), CultureInfo.InvariantCulture);
        var warmUp = int.Parse(Option("warm-up", "3"), CultureInfo.InvariantCulture);
        var keep = args.Contains("--keep");
        string[] ownOptions = ["--ozon=", "--runs=", "--page-runs=", "--warm-up=", "--keep"];
        var hostArgs = args.Where(a => !ownOptions.Any(o => a.StartsWith(o, StringComparison.Ordinal))).ToList();

        // Collection off: the accounts below have no keys, and nothing but the measured reads should touch the store.
        await using var host = await BenchHost.StartOnKestrelAsync(["--Marketplace:Sync:Enabled=false", .. hostArgs]);
        var services = host.App.Services;
        var store = services.GetRequiredService<IAnalyticsStore>();
        var clock = services.GetRequiredService<TimeProvider>();
        var today = LocalDays.Moscow(clock.GetUtcNow());
        AnalyticsTable[] tables = [DatasetCatalog.WbOrders.Table, DatasetCatalog.WbSales.Table, DatasetCatalog.OzonFbo.Table, DatasetCatalog.OzonFbs.Table, DatasetCatalog.OzonReturns.Table, DatasetCatalog.OzonFinance.Table, DailyTotals.Table];
        await using var engine = RawEngine.Of(services);
        try
        {
            foreach (var table in tables)
            {
                await store.DropTableAsync(table, CancellationToken.None);
                await store.EnsureTableAsync(table, CancellationToken.None);
            }

            var (seller, email, accounts) = await SellerWithAccountsAsync(services, postingLines > 0, clock);
            var wildberries = accounts.Single(a => a.Marketplace == MarketplaceKind.Wildberries).Tenant;
            var ozon = accounts.SingleOrDefault(a => a.Marketplace == MarketplaceKind.Ozon)?.Tenant ?? string.Empty;
            var generating = Stopwatch.StartNew();
            await DashboardData.GenerateAsync(engine, wildberries, ozon, orders, sales, postingLines, today.AddDays(-1), clock.GetUtcNow().UtcDateTime);
            generating.Stop();

            // What the collection keeps page by page, built here in one go for every day (as after an upgrade).
            var totaling = Stopwatch.StartNew();
            await using (var scope = services.CreateAsyncScope())
            {
                foreach (var account in accounts)
                {
                    await scope.ServiceProvider.GetRequiredService<DailyTotalsRefresh>().RebuildAsync(account.Id, CancellationToken.None);
                }
            }

            totaling.Stop();
            if (engine.Name == "duckdb")
            {
                await engine.ExecuteAsync("CHECKPOINT"); // as a long-running instance's file is: rows in compressed row groups, not in the WAL
            }

            var stored = new List<string>();
            foreach (var table in tables)
            {
                var count = (await store.QueryAsync(AnalyticsQuery.Sql($"SELECT count(*) FROM {table}"), CancellationToken.None)).Scalar();
                stored.Add(string.Create(CultureInfo.InvariantCulture, $"{table.Name} {Convert.ToInt64(count, CultureInfo.InvariantCulture):N0}"));
            }

            var parts = engine.Name == "clickhouse"
                ? "; active parts " + string.Join(", ", (await engine.QueryAsync("SELECT table, count() FROM system.parts WHERE active AND database = currentDatabase() GROUP BY table ORDER BY table")).Select(r => $"{r[0]} {r[1]}"))
                : string.Empty;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
                seller dashboards   : engine {store.EngineName}; one seller, accounts {string.Join(", ", accounts.Select(a => a.Marketplace))}; {DashboardData.Days} Moscow days up to {today.AddDays(-1):yyyy-MM-dd}, {DashboardData.Skus:N0} SKUs
                rows (engine's SQL) : {string.Join(", ", stored)}{parts}; generated in {generating.Elapsed.TotalSeconds:0.0} s; daily totals rebuilt from them in {totaling.Elapsed.TotalSeconds:0.0} s
                machine             : {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; warm-up {warmUp}, then {runs} runs each, ours and raw alternating
                """));

            await CompareWithRawAsync(services, engine, accounts, today, runs, warmUp);
            await TimeOverviewPageAsync(host, email, seller, pageRuns, warmUp, store.EngineName);
        }
        finally
        {
            if (!keep)
            {
                foreach (var table in tables)
                {
                    await store.DropTableAsync(table, CancellationToken.None);
                }
            }
        }
    }

    /// <summary>A confirmed seller with a Wildberries (and an Ozon) account record whose ids are the generated rows' tenants.</summary>
    internal static async Task<(Guid Seller, string Email, IReadOnlyList<DashboardAccount> Accounts)> SellerWithAccountsAsync(IServiceProvider services, bool withOzon, TimeProvider clock)
    {
        var email = $"dashboards.{Guid.NewGuid():N}@example.ru";
        await using var scope = services.CreateAsyncScope();
        var seller = await scope.ServiceProvider.GetRequiredService<AddSeller>().AddAsync(email, null, "operator", confirmed: true, CancellationToken.None);
        var db = scope.ServiceProvider.GetRequiredService<Custodian.Modules.Marketplace.MarketplaceDb>();
        foreach (var marketplace in withOzon ? [MarketplaceKind.Wildberries, MarketplaceKind.Ozon] : new[] { MarketplaceKind.Wildberries })
        {
            db.Accounts.Add(new MarketplaceAccountRecord
            {
                Id = Guid.CreateVersion7(), SellerId = seller.Id, Marketplace = marketplace, KeyTail = "…" + (marketplace == MarketplaceKind.Ozon ? "ozon" : "wb00"),
                Status = AccountStatus.Active, AddedAtUtc = clock.GetUtcNow().UtcDateTime,
            });
            await db.SaveChangesAsync(CancellationToken.None);
        }

        return (seller.Id, email, await scope.ServiceProvider.GetRequiredService<DashboardScope>().VisibleAsync(seller.Id, CancellationToken.None));
    }

    private sealed record Case(string Name, DashboardFilter Filter);

    private static async Task CompareWithRawAsync(IServiceProvider services, RawEngine engine, IReadOnlyList<DashboardAccount> accounts, DateOnly today, int runs, int warmUp)
    {
        DashboardFilter Filter(string period, bool compare) => DashboardFilter.Parse(name => name switch { "period" => period, "compare" => compare ? "1" : null, _ => null }, today);
        Case[] cases = [new("30d", Filter("30d", false)), new("30d + compare", Filter("30d", true)), new("90d + compare", Filter("90d", true))];
        var clickHouse = engine.Name == "clickhouse";
        Console.WriteLine($"| dashboard | period | ours median | ours p95 | raw median | raw p95 | ours / raw (median) | ours / raw (p95) | {(clickHouse ? "raw + FINAL median" : "CPU ours / raw (medians)")} | numbers |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---|");
        await using var scope = services.CreateAsyncScope();
        foreach (var dashboard in scope.ServiceProvider.GetServices<IDashboard>())
        {
            Func<DashboardFilter, bool, Task<List<string>>>? raw = dashboard.Id switch
            {
                "overview" => (filter, final) => RawOverview.NumbersAsync(engine, accounts, filter, final),
                "geography" => (filter, final) => RawGeography.NumbersAsync(engine, accounts, filter, final),
                "products" => (filter, final) => RawProducts.NumbersAsync(engine, accounts, filter, final),
                _ => null,
            };
            foreach (var (name, filter) in cases)
            {
                var ours = new List<double>();
                var rawTimes = new List<double>();
                var rawFinal = new List<double>();
                var oursCpu = new List<double>();
                var rawCpu = new List<double>();
                IReadOnlyList<DashboardTable> tables = [];
                List<string>? rawNumbers = null;
                for (var i = -warmUp; i < runs; i++)
                {
                    // Alternate which goes first, so neither always runs on caches the other warmed.
                    for (var turn = 0; turn < 2; turn++)
                    {
                        var cpu = Cpu();
                        var watch = Stopwatch.StartNew();
                        if ((turn + i) % 2 == 0)
                        {
                            tables = await dashboard.TablesAsync(accounts, filter, CancellationToken.None);
                            Keep(ours, i, watch);
                            Keep(oursCpu, i, Cpu() - cpu);
                        }
                        else if (raw is not null)
                        {
                            rawNumbers = await raw(filter, false);
                            Keep(rawTimes, i, watch);
                            Keep(rawCpu, i, Cpu() - cpu);
                            if (clickHouse)
                            {
                                watch.Restart();
                                await raw(filter, true);
                                Keep(rawFinal, i, watch);
                            }
                        }
                    }
                }

                var oursText = rawNumbers is null ? [] : dashboard.Id switch { "geography" => RawGeography.Ours(tables), "products" => RawProducts.Ours(tables), _ => OursAsText(tables) };
                var same = rawNumbers is null ? "no baseline" : oursText.SequenceEqual(rawNumbers) ? $"identical ({rawNumbers.Count} values)" : "DIFFERENT: " + FirstDifference(oursText, rawNumbers);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {dashboard.Id} | {name} | {Median(ours):0.0} ms | {P95(ours):0.0} ms | {(raw is null ? "—" : $"{Median(rawTimes):0.0} ms")} | {(raw is null ? "—" : $"{P95(rawTimes):0.0} ms")} | " +
                    $"{(raw is null ? "no baseline" : $"**{Median(ours) / Median(rawTimes):0.00}x**")} | {(raw is null ? "no baseline" : $"{P95(ours) / P95(rawTimes):0.00}x")} |" +
                    $" {(raw is null ? "—" : clickHouse ? $"{Median(rawFinal):0.0} ms" : $"{Median(oursCpu):0.0} / {Median(rawCpu):0.0} ms")} | {same} |"));
            }
        }

        Console.WriteLine("goal: ours <= 1.5x raw (ratio of medians); raw = hand-written SQL of the same numbers, one GROUP BY day per table over the whole range (period and the one before), filters inlined" +
            (clickHouse ? "; ClickHouse raw reads without FINAL (the generated keys are unique), raw + FINAL reads as the store does" : "; CPU = this process's CPU time (DuckDB's threads included)"));
    }

    private static void Keep(List<double> times, int run, Stopwatch watch) => Keep(times, run, watch.Elapsed);

    private static void Keep(List<double> times, int run, TimeSpan time)
    {
        if (run >= 0)
        {
            times.Add(time.TotalMilliseconds);
        }
    }

    /// <summary>CPU time of this process, all threads (DuckDB runs in it): less moved by other work on the machine than wall time.</summary>
    private static TimeSpan Cpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    /// <summary>The Overview tables' numbers as text: totals rows, then per day orders, cancelled, sales, returns, revenue, payout.</summary>
    private static List<string> OursAsText(IReadOnlyList<DashboardTable> tables)
    {
        var totals = tables.Single(t => t.Id == "totals").Rows.Select(r => Line([.. r[1..8]]));
        var revenue = tables.Single(t => t.Id == "revenue").Rows.ToDictionary(r => (DateOnly)r[0]!);
        var days = tables.Single(t => t.Id == "orders-and-sales").Rows.Select(r => Line([r[0], r[1], r[2], r[3], r[4], revenue[(DateOnly)r[0]!][1], revenue[(DateOnly)r[0]!][2]]));
        return [.. totals, .. days];
    }

    internal static string Line(object?[] values) => string.Join(" | ", values.Select(v => v switch
    {
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        decimal m => m.ToString("0.00##", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v?.ToString() ?? "null",
    }));

    private static string FirstDifference(List<string> ours, List<string> raw) =>
        ours.Zip(raw).Select((p, i) => (p, i)).FirstOrDefault(x => x.p.First != x.p.Second) is var (pair, index) && pair.First is not null
            ? $"row {index}: ours {pair.First} <> raw {pair.Second}" : $"{ours.Count} rows vs {raw.Count}";

    /// <summary>The seller opens the e-mailed sign-in link, then GETs the Overview page again and again over HTTP.</summary>
    private static async Task TimeOverviewPageAsync(BenchHost host, string email, Guid seller, int runs, int warmUp, string engine)
    {
        await using (var scope = host.App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ISellerAccounts>().SendSignInLinkAsync(email, "en", CancellationToken.None);
        }

        using var client = host.Host.CreateClient();
        using (var signIn = await client.PostFormAsync(host.Host.LinkIn(email, "/account/seller-link/"), []))
        {
            if (signIn.StatusCode != HttpStatusCode.Redirect)
            {
                throw new InvalidOperationException($"Signing in seller {seller} answered {(int)signIn.StatusCode}.");
            }
        }

        var (times, bytes) = await TimePageAsync(client, "/seller/dashboards/overview?period=30d", runs, warmUp);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"overview page (GET /seller/dashboards/overview?period=30d over HTTP, Kestrel on loopback, signed-in seller, {bytes / 1024.0:0} KiB of HTML): median {Median(times):0.0} ms, p95 {P95(times):0.0} ms, max {times.Max():0.0} ms over {times.Count} after {warmUp} warm-up (goal on DuckDB: p95 < 150 ms; engine {engine})"));
        // The same page for 30 days before any row: the same queries find nothing, so this is the page without the data's cost.
        (times, bytes) = await TimePageAsync(client, "/seller/dashboards/overview?period=custom&from=2020-01-01&to=2020-01-30", runs, warmUp);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"same page, no rows   (a 30-day period before the data, {bytes / 1024.0:0} KiB of HTML): median {Median(times):0.0} ms, p95 {P95(times):0.0} ms over {times.Count} — sign-in check, accounts, rendering"));
    }

    private static async Task<(List<double> Times, long Bytes)> TimePageAsync(HttpClient client, string path, int runs, int warmUp)
    {
        var times = new List<double>();
        long bytes = 0;
        for (var i = -warmUp; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            var html = await response.Content.ReadAsStringAsync();
            watch.Stop();
            if (response.StatusCode != HttpStatusCode.OK || !html.Contains("id=\"overview-kpis\"", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{path} answered {(int)response.StatusCode} without the Overview's numbers.");
            }

            Keep(times, i, watch);
            bytes = html.Length;
        }

        return (times, bytes);
    }

    internal static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>Nearest-rank 95th percentile.</summary>
    internal static double P95(List<double> values) => values.Order().ElementAt((int)Math.Ceiling(0.95 * values.Count) - 1);
}
