using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Custodian.Modules.Marketplace.Collection;
using Custodian.Modules.Marketplace.Dashboards;
using Custodian.Modules.Marketplace.Sharing;
using Custodian.Privacy.Abstractions.Analytics;
using Custodian.Privacy.Abstractions.Time;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Benchmarks;

/// <summary>
/// A share-link page under load: <c>wrk</c> (Debian) against <c>/share/{token}</c> of the Overview on Kestrel for N
/// seconds, against the same page's bare data query (<see cref="IDashboard.TablesAsync"/> of the Overview for the same
/// accounts and days) run in-process with as many concurrent callers for as long. Goal: page ≥ 0.5 × the query's rate,
/// no errors. The per-link limit is lifted for the run (it exists to stop exactly this).
/// </summary>
internal static partial class ShareLinkLoad
{
    public static async Task RunAsync(long orders, string[] args)
    {
        string Option(string name, string fallback) => args.FirstOrDefault(a => a.StartsWith("--" + name + "=", StringComparison.Ordinal))?.Split('=', 2)[1] ?? fallback;
        var seconds = int.Parse(Option("seconds", "30"), CultureInfo.InvariantCulture);
        var connections = int.Parse(Option("connections", "8"), CultureInfo.InvariantCulture);
        string[] ownOptions = ["--seconds=", "--connections="];
        var hostArgs = args.Where(a => !ownOptions.Any(o => a.StartsWith(o, StringComparison.Ordinal))).ToList();

        await using var host = await BenchHost.StartOnKestrelAsync(["--Marketplace:Sync:Enabled=false", "--Marketplace:Sharing:RequestsPerMinute=1000000", .. hostArgs]);
        var services = host.App.Services;
        var store = services.GetRequiredService<IAnalyticsStore>();
        var clock = services.GetRequiredService<TimeProvider>();
        var today = LocalDays.Moscow(clock.GetUtcNow());
        AnalyticsTable[] tables = [DatasetCatalog.WbOrders.Table, DatasetCatalog.WbSales.Table, DatasetCatalog.OzonFbo.Table, DatasetCatalog.OzonFbs.Table, DatasetCatalog.OzonReturns.Table, DatasetCatalog.OzonFinance.Table, DailyTotals.Table];
        await using var engine = RawEngine.Of(services);
        foreach (var table in tables)
        {
            await store.DropTableAsync(table, CancellationToken.None);
            await store.EnsureTableAsync(table, CancellationToken.None);
        }

        var (seller, _, accounts) = await SellerDashboards.SellerWithAccountsAsync(services, withOzon: false, clock);
        await DashboardData.GenerateAsync(engine, accounts[0].Tenant, string.Empty, orders, orders / 10, 0, today.AddDays(-1), clock.GetUtcNow().UtcDateTime);
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DailyTotalsRefresh>().RebuildAsync(accounts[0].Id, CancellationToken.None);
        }

        string token;
        await using (var scope = services.CreateAsyncScope())
        {
            (_, token) = await scope.ServiceProvider.GetRequiredService<CreateShareLink>().CreateAsync(seller, new ShareLinkSpec("overview", [accounts[0].Id], null, null, null, null, null, null, null), CancellationToken.None);
        }

        var url = host.Host.Url("/share/" + token).ToString();
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{orders:N0} orders on {engine.Name}; {connections} connections for {seconds} s each"));

        var (queryRate, queryP99, queryErrors) = await BareQueryAsync(services, accounts, DashboardFilter.Parse(_ => null, today), connections, TimeSpan.FromSeconds(seconds));
        var (pageRate, pageP99, pageErrors, raw) = await WrkAsync(url, connections, seconds);
        Console.WriteLine(raw);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bare query  {queryRate,9:N1} req/s  p99 {queryP99,7:N1} ms  errors {queryErrors}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"share page  {pageRate,9:N1} req/s  p99 {pageP99,7:N1} ms  errors {pageErrors}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"page / query = {pageRate / queryRate:0.00}x (goal >= 0.5x, no errors)"));
    }

    private static async Task<(double Rate, double P99, long Errors)> BareQueryAsync(IServiceProvider services, IReadOnlyList<DashboardAccount> accounts, DashboardFilter filter, int workers, TimeSpan length)
    {
        var latencies = new System.Collections.Concurrent.ConcurrentBag<double>();
        long errors = 0;
        var stopAt = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            while (stopAt.Elapsed < length)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await using var scope = services.CreateAsyncScope();
                    var overview = scope.ServiceProvider.GetServices<IDashboard>().First(d => d.Id == "overview");
                    await overview.TablesAsync(accounts, filter, CancellationToken.None);
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        })));
        var sorted = latencies.Order().ToList();
        return (sorted.Count / stopAt.Elapsed.TotalSeconds, sorted.Count == 0 ? 0 : sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(sorted.Count * 0.99) - 1)], errors);
    }

    private static async Task<(double Rate, double P99, long Errors, string Raw)> WrkAsync(string url, int connections, int seconds)
    {
        var start = new ProcessStartInfo("wrk", ["-t2", $"-c{connections}", $"-d{seconds}s", "--latency", url]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var wrk = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start (apt-get install wrk).");
        var output = await wrk.StandardOutput.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        var rate = double.Parse(RequestsPerSecond().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var p99 = P99().Match(output) is { Success: true } m ? Milliseconds(m.Groups[1].Value, m.Groups[2].Value) : double.NaN;
        var non2xx = Non2xx().Match(output) is { Success: true } n ? long.Parse(n.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var socket = SocketErrors().Match(output) is { Success: true } s ? s.Groups.Values.Skip(1).Sum(g => long.Parse(g.Value, CultureInfo.InvariantCulture)) : 0;
        return (rate, p99, non2xx + socket, output.TrimEnd());
    }

    private static double Milliseconds(string value, string unit) => double.Parse(value, CultureInfo.InvariantCulture) * unit switch { "us" => 0.001, "s" => 1000, _ => 1 };

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"99%\s+([0-9.]+)(us|ms|s)")]
    private static partial Regex P99();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex Non2xx();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrors();
}
