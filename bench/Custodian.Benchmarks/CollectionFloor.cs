using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Custodian.Modules.Marketplace.Accounts;
using Custodian.Modules.Marketplace.Collection;
using Custodian.Modules.Marketplace.Sellers;
using Custodian.Simulators.Ozon;
using Custodian.Simulators.Wildberries;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Custodian.Benchmarks;

/// <summary>
/// The first collection (90 days) of one Wildberries account, and with <c>--ozon</c> of one Ozon account, against the
/// stand-ins at the documented limits in scaled time as in <see cref="CollectionScale"/>: the stand-in allows each
/// method group its documented requests per minute (Wildberries: within a window of one minute / factor; Ozon, whose
/// stand-in keeps its one-minute and one-second windows: factor × documented per window) and the host paces each group
/// at documented × factor × pace. Timed against the floor the limits set: per method group the requests the collection
/// needed (Wildberries: the stand-in's own count of answered requests; Ozon: answers counted on the host's HTTP client)
/// one documented interval apart. Datasets of an account run one after another, so the groups add up:
/// floor = Σ over groups (requests − 1) × interval (a group's first request goes at once). Goal: ≤ 1.1 × floor.
/// </summary>
internal static class CollectionFloor
{
    /// <summary>Ozon's documented limits per Client-Id: about 50 requests a second in all, 1 a minute for <c>/v1/analytics/data</c>.</summary>
    private static readonly Dictionary<string, double> OzonDocumentedPerMinute = new(StringComparer.Ordinal) { ["analytics"] = 1, ["seller"] = 50 * 60 };

    public static async Task RunAsync(string[] args)
    {
        string Option(string name, string fallback) => args.FirstOrDefault(a => a.StartsWith("--" + name + "=", StringComparison.Ordinal))?.Split('=', 2)[1] ?? fallback;
        var factor = double.Parse(Option("factor", "10"), CultureInfo.InvariantCulture);
        var pace = double.Parse(Option("pace", "0.97"), CultureInfo.InvariantCulture);
        var products = int.Parse(Option("products", "1000"), CultureInfo.InvariantCulture);
        var days = int.Parse(Option("days", "120"), CultureInfo.InvariantCulture);
        var withOzon = args.Contains("--ozon");
        string[] ownOptions = ["--factor=", "--pace=", "--products=", "--days=", "--ozon"];
        var hostArgs = args.Where(a => !ownOptions.Any(o => a.StartsWith(o, StringComparison.Ordinal))).ToList();

        var window = TimeSpan.FromMinutes(1) / factor;
        // The stand-in names the common group "ping".
        var limits = WildberriesOptions.DocumentedRequestsPerMinute.ToDictionary(g => g.Key == "common" ? "ping" : g.Key, g => (int)g.Value, StringComparer.Ordinal);
        await using var wildberries = await WildberriesSimulator.StartAsync(new WildberriesSimulatorOptions { RequestsPerWindow = 1, RequestsPerWindowOf = limits, Window = window, Products = products, Days = days });
        // The Ozon stand-in numbers orders day × 1000 + product × 10 + k: beyond 100 products a day the ids (and posting
        // numbers, review ids) of one day run into the next day's, so it serves at most 100 products here.
        var ozonProducts = Math.Min(products, 100);
        await using var ozon = await OzonSimulator.StartAsync(new OzonSimulatorOptions
        {
            RequestsPerSecond = (int)(OzonDocumentedPerMinute["seller"] / 60 * factor), AnalyticsPerMinute = (int)(OzonDocumentedPerMinute["analytics"] * factor), Products = ozonProducts, Days = days,
        });
        List<string> settings =
        [
            "--Marketplace:Wildberries:BaseUrl=" + wildberries.BaseAddress, "--Marketplace:Ozon:BaseUrl=" + ozon.BaseAddress,
            string.Create(CultureInfo.InvariantCulture, $"--Marketplace:Ozon:RequestsPerSecond={OzonDocumentedPerMinute["seller"] / 60 * factor * pace}"),
            string.Create(CultureInfo.InvariantCulture, $"--Marketplace:Ozon:AnalyticsRequestsPerMinute={OzonDocumentedPerMinute["analytics"] * factor * pace}"),
            .. hostArgs,
        ];
        settings.AddRange(WildberriesOptions.DocumentedRequestsPerMinute.Select(g => string.Create(CultureInfo.InvariantCulture, $"--Marketplace:Wildberries:RequestsPerMinute:{g.Key}={g.Value * factor * pace}")));
        var ozonAnswers = new OzonAnswers(ozon.BaseAddress);
        // The module's one MarketplaceHttp, with a handler that counts the Ozon stand-in's answers per method group.
        await using var host = await BenchHost.StartAsync(
            builder => builder.Services.AddSingleton(sp => new MarketplaceHttp(
                new HttpClient(new OzonAnswers.Handler(ozonAnswers) { InnerHandler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) } }) { Timeout = Timeout.InfiniteTimeSpan },
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<MarketplaceHttp>>())),
            [.. settings]);
        var services = host.App.Services;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            collection floor    : first collection of one account ({products} products, {days} days of history; 90 days collected), {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC
            time factor         : x{factor} (Wildberries stand-in window {window.TotalMilliseconds:0} ms = 1 real minute); host paces at {pace:0.##} of the documented limits; analytics store {services.GetRequiredService<Custodian.Privacy.Abstractions.Analytics.IAnalyticsStore>().EngineName}
            """));

        Guid seller;
        await using (var scope = services.CreateAsyncScope())
        {
            seller = (await scope.ServiceProvider.GetRequiredService<AddSeller>().AddAsync($"floor.{Guid.NewGuid():N}@example.ru", null, "operator", true, CancellationToken.None)).Id;
        }

        Guid wbAccount;
        await using (var scope = services.CreateAsyncScope())
        {
            var token = wildberries.Tokens.Issue(1, WildberriesCategories.All, DateTimeOffset.UtcNow.AddDays(180));
            wbAccount = (await scope.ServiceProvider.GetRequiredService<ConnectMarketplaceAccount>().ConnectWildberriesAsync(seller, token, CancellationToken.None)).Id;
        }

        // Two windows after the connection's ping, so the collection starts as a first collection does: every group idle.
        await Task.Delay(window * 2);
        var throttled = wildberries.Throttled;
        var statisticsBefore = wildberries.StatisticsRequests.Count;
        var (outcomes, starts, wall) = await FirstCollectionAsync(services, wbAccount, () => wildberries.Answered.Where(a => a.Key != "ping").ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal));
        var statistics = wildberries.StatisticsRequests.Skip(statisticsBefore).ToList();
        Report("Wildberries", limits.Where(l => l.Key != "ping").ToDictionary(l => l.Key, l => (double)l.Value, StringComparer.Ordinal), starts, outcomes, wall, factor, pace,
            $"statistics pages orders {statistics.Count(s => s.Feed == "orders")}, sales {statistics.Count(s => s.Feed == "sales")} (each ends with the empty page); 429s {wildberries.Throttled - throttled}");

        if (withOzon)
        {
            Guid ozonAccount;
            await using (var scope = services.CreateAsyncScope())
            {
                var (clientId, apiKey) = ozon.Keys.Issue(1);
                ozonAccount = (await scope.ServiceProvider.GetRequiredService<ConnectMarketplaceAccount>().ConnectOzonAsync(seller, clientId, apiKey, CancellationToken.None)).Id;
            }

            await Task.Delay(TimeSpan.FromMinutes(1) / factor * 2);
            throttled = ozon.Throttled;
            (outcomes, starts, wall) = await FirstCollectionAsync(services, ozonAccount, () => ozonAnswers.Counts);
            Report("Ozon", OzonDocumentedPerMinute, starts, outcomes, wall, factor, pace, string.Create(CultureInfo.InvariantCulture, $"{ozonProducts} products; 429s {ozon.Throttled - throttled}"));
        }
    }

    private sealed record Start(string Dataset, TimeSpan At, IReadOnlyDictionary<string, long> Requests);

    /// <summary>An operator's explicit run of every dataset of the account (its first collection), with when each dataset began and the requests answered by then.</summary>
    private static async Task<(IReadOnlyList<DatasetOutcome> Outcomes, List<Start> Starts, TimeSpan Wall)> FirstCollectionAsync(IServiceProvider services, Guid account, Func<IReadOnlyDictionary<string, long>> requests)
    {
        var starts = new List<Start>();
        var watch = Stopwatch.StartNew();
        await using var scope = services.CreateAsyncScope();
        var outcomes = await scope.ServiceProvider.GetRequiredService<SyncMarketplace>().RunAsync(account, null, null, (_, dataset) =>
        {
            starts.Add(new Start(dataset.Name, watch.Elapsed, requests()));
            return null;
        }, onlyDue: false, CancellationToken.None);
        watch.Stop();
        starts.Add(new Start("end", watch.Elapsed, requests()));
        return (outcomes, starts, watch.Elapsed);
    }

    private static void Report(string marketplace, IReadOnlyDictionary<string, double> perMinute, List<Start> starts, IReadOnlyList<DatasetOutcome> outcomes, TimeSpan wall, double factor, double pace, string notes)
    {
        static long Delta(IReadOnlyDictionary<string, long> from, IReadOnlyDictionary<string, long> to, string group) => to.GetValueOrDefault(group) - from.GetValueOrDefault(group);
        TimeSpan Interval(string group) => TimeSpan.FromMinutes(1) / perMinute[group] / factor;
        var (first, last) = (starts[0].Requests, starts[^1].Requests);
        var groups = perMinute.Keys.Where(g => Delta(first, last, g) > 0).OrderBy(g => g, StringComparer.Ordinal).ToList();
        var floor = groups.Aggregate(TimeSpan.Zero, (sum, g) => sum + ((Delta(first, last, g) - 1) * Interval(g)));
        var lenient = groups.Aggregate(TimeSpan.Zero, (sum, g) => sum + (Delta(first, last, g) * Interval(g)));
        string Real(TimeSpan scaled) => string.Create(CultureInfo.InvariantCulture, $"{scaled.TotalSeconds * factor / 60:0.0} real min");

        Console.WriteLine($"""

            {marketplace}: first collection
            | dataset | rows | problem | requests answered (by group) | time (scaled s) | its floor (scaled s) | beyond its floor and the pace (scaled s) |
            |---|---:|---|---|---:|---:|---:|
            """);
        // A dataset's own floor: its requests one interval apart, and a wait of one interval before its first when an
        // earlier dataset used the same group. Beyond it and the pace's slack is work the waits did not hide.
        var used = new HashSet<string>(StringComparer.Ordinal);
        var unhidden = TimeSpan.Zero;
        for (var i = 0; i < starts.Count - 1; i++)
        {
            var (dataset, at, answered) = starts[i];
            var outcome = outcomes.FirstOrDefault(o => o.Dataset == dataset);
            var spent = starts[i + 1].At - at;
            var requests = perMinute.Keys.Select(g => (Group: g, Count: Delta(answered, starts[i + 1].Requests, g))).Where(g => g.Count > 0).ToList();
            var own = requests.Aggregate(TimeSpan.Zero, (sum, r) => sum + ((used.Contains(r.Group) ? r.Count : r.Count - 1) * Interval(r.Group)));
            used.UnionWith(requests.Select(r => r.Group));
            var beyond = spent - (own / pace);
            unhidden += beyond > TimeSpan.Zero ? beyond : TimeSpan.Zero;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {dataset} | {outcome?.Rows ?? 0:N0} | {outcome?.Problem ?? outcome?.Notice ?? "—"} | {string.Join(", ", requests.Select(r => $"{r.Group} {r.Count}"))} | {spent.TotalSeconds:0.00} | {own.TotalSeconds:0.00} | {beyond.TotalSeconds:0.00} |"));
        }

        Console.WriteLine();
        Console.WriteLine("| method group | documented per minute | requests answered | interval (real) | floor: (requests − 1) × interval (real) |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var g in groups)
        {
            var n = Delta(first, last, g);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {g} | {perMinute[g]:0.##} | {n} | {60.0 / perMinute[g]:0.###} s | {(n - 1) * 60.0 / perMinute[g]:0.#} s |"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""

            {marketplace}: {notes}; failed datasets {outcomes.Count(o => o.Problem is not null)} of {outcomes.Count}
            floor               : {floor.TotalSeconds:0.00} s scaled = {Real(floor)} (Σ over groups of (requests − 1) × documented interval); counting every request a full interval: {lenient.TotalSeconds:0.00} s = {Real(lenient)}
            first collection    : {wall.TotalSeconds:0.00} s scaled = {Real(wall)}
            ratio               : **{wall / floor:0.00}x** of the floor (goal <= 1.1x; pacing at {pace:0.##} of the limit alone makes {1 / pace:0.00}x); {wall / lenient:0.00}x of Σ requests × interval
            at real time (est.) : {(floor * factor / pace + unhidden).TotalMinutes:0.0} min = {(floor * factor / pace + unhidden) / (floor * factor):0.00}x of the floor, if the work the waits did not hide here ({unhidden.TotalSeconds:0.0} s: parsing, storing, the stand-in's own answers) stays as long while the waits grow {factor}-fold
            """));
    }

    /// <summary>Answers of the Ozon stand-in (anything but 429) per method group, counted on the host's own HTTP client.</summary>
    private sealed class OzonAnswers(Uri ozon)
    {
        private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

        public IReadOnlyDictionary<string, long> Counts => _counts.ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);

        public sealed class Handler(OzonAnswers answers) : DelegatingHandler
        {
            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                var response = await base.SendAsync(request, cancellationToken);
                if (request.RequestUri is { } uri && uri.Port == answers.Ozon.Port && response.StatusCode != HttpStatusCode.TooManyRequests)
                {
                    answers._counts.AddOrUpdate(uri.AbsolutePath == "/v1/analytics/data" ? "analytics" : "seller", 1, (_, n) => n + 1);
                }

                return response;
            }
        }

        private Uri Ozon => ozon;
    }
}
