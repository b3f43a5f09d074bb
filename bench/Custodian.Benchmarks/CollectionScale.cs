using System.Diagnostics;
using System.Globalization;
using Custodian.Modules.Marketplace.Accounts;
using Custodian.Modules.Marketplace.Collection;
using Custodian.Modules.Marketplace.Sellers;
using Custodian.Privacy.Abstractions.Scheduling;
using Custodian.Simulators.Wildberries;
using Custodian.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Custodian.Benchmarks;

/// <summary>
/// How many Wildberries accounts 1, 2 and 4 instances keep within their cadences, in scaled time: the stand-in limits
/// every method group per key at its documented requests per minute within a window of one minute / factor, and the
/// instances pace each group at documented × factor per minute, so a real minute passes in 1/factor of the time.
/// Instances are hosts in this process on one PostgreSQL records database and one ClickHouse database (as in
/// production, several instances need a shared server database), each running <c>CollectionRound.CollectAsync</c>
/// rounds at once until every account's due datasets ran. The first collection of all accounts runs once (with the
/// most instances); then per configuration the checkpoints are moved back so that (a) every dataset is due, as in the
/// round every 6 hours, and (b) only the 30-minute statistics feeds are due, as in most rounds.
/// </summary>
internal static class CollectionScale
{
    public static async Task RunAsync(int accounts, string[] args)
    {
        string Option(string name, string fallback) => args.FirstOrDefault(a => a.StartsWith("--" + name + "=", StringComparison.Ordinal))?.Split('=', 2)[1] ?? fallback;
        var factor = double.Parse(Option("factor", "60"), CultureInfo.InvariantCulture);
        var pace = double.Parse(Option("pace", "1"), CultureInfo.InvariantCulture); // share of the limit the instances use
        var counts = Option("instances", "1,2,4").Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToList();
        var products = int.Parse(Option("products", "10"), CultureInfo.InvariantCulture);
        var days = int.Parse(Option("days", "20"), CultureInfo.InvariantCulture);
        var parallelism = Option("parallelism", "8");
        if (Environment.GetEnvironmentVariable(RequiredServer.PostgresVariable) is not { Length: > 0 } || Environment.GetEnvironmentVariable(RequiredServer.ClickHouseVariable) is not { Length: > 0 })
        {
            Console.Error.WriteLine($"collection-scale needs a shared records database and analytics server: set {RequiredServer.PostgresVariable} and {RequiredServer.ClickHouseVariable} (source /tmp/servers.env after scripts/test-servers.sh).");
            return;
        }

        var window = TimeSpan.FromMinutes(1) / factor;
        var limits = WildberriesOptions.DocumentedRequestsPerMinute.ToDictionary(g => g.Key == "common" ? "ping" : g.Key, g => (int)g.Value, StringComparer.Ordinal);
        var signingKey = "custodian-collection-scale"u8.ToArray();
        await using var wildberries = await WildberriesSimulator.StartAsync(
            new WildberriesSimulatorOptions { RequestsPerWindow = 1, RequestsPerWindowOf = limits, Window = window, Products = products, Days = days }, signingKey: signingKey);
        var postgres = PostgresDatabase.NewConnectionString("scale");
        var clickHouseDatabase = $"custodian_scale_{Guid.NewGuid():N}";
        var masterKey = Path.Combine(Directory.CreateTempSubdirectory("custodian-scale-").FullName, "master.key");
        await File.WriteAllTextAsync(masterKey, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        List<string> hostArgs =
        [
            "--Database:Provider=Postgres", "--Database:ConnectionString=" + postgres, "--Analytics:Engine=ClickHouse", "--Analytics:ClickHouse:Url=" + RequiredServer.ClickHouse(),
            "--Analytics:ClickHouse:Database=" + clickHouseDatabase, "--Privacy:MasterKeyFile=" + masterKey, "--Marketplace:Wildberries:BaseUrl=" + wildberries.BaseAddress,
            "--Marketplace:Sync:Parallelism=" + parallelism,
        ];
        hostArgs.AddRange(WildberriesOptions.DocumentedRequestsPerMinute.Select(g => string.Create(CultureInfo.InvariantCulture, $"--Marketplace:Wildberries:RequestsPerMinute:{g.Key}={g.Value * factor * pace}")));
        var hosts = new List<BenchHost>();
        try
        {
            for (var i = 0; i < counts.Max(); i++)
            {
                hosts.Add(await BenchHost.StartAsync([.. hostArgs]));
            }

            var perAccount = hosts[0].App.Services.GetRequiredService<MarketplaceDatasets>().All.Count(d => d.Marketplace == MarketplaceKind.Wildberries);
            var statisticsFeeds = hosts[0].App.Services.GetRequiredService<MarketplaceDatasets>().All.Count(d => d.Marketplace == MarketplaceKind.Wildberries && d.Description.Cadence == TimeSpan.FromMinutes(30));
            for (var seed = 1; seed <= accounts; seed++)
            {
                await ConnectAsync(hosts[seed % hosts.Count], wildberries, seed);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
                accounts            : {accounts} Wildberries accounts ({products} products, {days} days each), {perAccount} datasets per account ({statisticsFeeds} every 30 min)
                time factor         : x{factor} (stand-in window {window.TotalMilliseconds:0} ms = 1 real minute; documented limits per window: {string.Join(", ", limits.Select(l => l.Key + " " + l.Value))}); instances pace at {pace:0.##} of the limit
                parallelism         : Marketplace:Sync:Parallelism={parallelism} per instance; PostgreSQL records database, ClickHouse analytics, {Environment.ProcessorCount} cores shared by all instances
                """));

            var first = await MeasureAsync("first collection", hosts.Take(counts.Max()).ToList(), accounts * perAccount, wildberries);
            Report(first, accounts, factor, TimeSpan.FromMinutes(30), null);
            foreach (var (label, datasets, expected) in new[] { ("every dataset due (6-hourly round)", (string[]?)null, accounts * perAccount), ("30-min feeds due (most rounds)", ["wb-orders", "wb-sales"], accounts * statisticsFeeds) })
            {
                Measurement? one = null;
                foreach (var n in counts)
                {
                    await MakeDueAsync(postgres, datasets);
                    var measured = await MeasureAsync(label, hosts.Take(n).ToList(), expected, wildberries);
                    one ??= measured;
                    Report(measured, accounts, factor, TimeSpan.FromMinutes(30), one);
                }
            }

            var answered = wildberries.Answered;
            Console.WriteLine("requests answered   : " + string.Join(", ", answered.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key} {a.Value}")) + $"; 429s in all: {wildberries.Throttled}");
        }
        finally
        {
            foreach (var host in hosts)
            {
                await host.DisposeAsync();
            }

            await PostgresDatabase.DropAsync(postgres);
            using var http = new HttpClient();
            await http.PostAsync(RequiredServer.ClickHouse(), new StringContent($"DROP DATABASE IF EXISTS {clickHouseDatabase}"));
            Directory.Delete(Path.GetDirectoryName(masterKey)!, recursive: true);
        }
    }

    private sealed record Measurement(string Label, int Instances, TimeSpan Wall, int Runs, int Distinct, int Failed, long Throttled, int[] PerInstance, string Requests);

    /// <summary>All <paramref name="hosts"/> run collection rounds at once until <paramref name="expected"/> dataset runs are done.</summary>
    private static async Task<Measurement> MeasureAsync(string label, List<BenchHost> hosts, int expected, WildberriesSimulator wildberries)
    {
        var throttledBefore = wildberries.Throttled;
        var answeredBefore = wildberries.Answered;
        var outcomes = hosts.Select(_ => new List<DatasetOutcome>()).ToArray();
        var total = 0;
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(hosts.Select((host, i) => Task.Run(async () =>
        {
            var round = (CollectionRound)host.App.Services.GetServices<IScheduledWork>().Single(w => w.Name == "marketplace.collection");
            while (Volatile.Read(ref total) < expected && !limit.IsCancellationRequested)
            {
                await using var scope = host.App.Services.CreateAsyncScope();
                var ran = await round.CollectAsync(scope.ServiceProvider, limit.Token);
                outcomes[i].AddRange(ran);
                Interlocked.Add(ref total, ran.Count);
                if (ran.Count == 0)
                {
                    await Task.Delay(20, limit.Token).ContinueWith(_ => { }, TaskScheduler.Default);
                }
            }
        })));
        watch.Stop();
        var all = outcomes.SelectMany(o => o).ToList();
        return new Measurement(label, hosts.Count, watch.Elapsed, all.Count, all.Select(o => (o.AccountId, o.Dataset)).Distinct().Count(), all.Count(o => o.Problem is not null),
            wildberries.Throttled - throttledBefore, [.. outcomes.Select(o => o.Select(x => x.AccountId).Distinct().Count())],
            string.Join(' ', wildberries.Answered.Select(a => (a.Key, Count: a.Value - answeredBefore.GetValueOrDefault(a.Key))).Where(a => a.Count > 0).OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={a.Count}")));
    }

    private static void Report(Measurement m, int accounts, double factor, TimeSpan cadence, Measurement? one)
    {
        var perScaledSecond = accounts / m.Wall.TotalSeconds;
        var scaledWindow = cadence.TotalSeconds / factor;
        var perInstancePerWindow = perScaledSecond * scaledWindow / m.Instances;
        var ratio = one is null ? "" : string.Create(CultureInfo.InvariantCulture, $", vs linear {perScaledSecond / (m.Instances * accounts / one.Wall.TotalSeconds):0.00}x");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{m.Label,-36} {m.Instances} instance(s): {m.Wall.TotalSeconds,6:0.00} s scaled = {m.Wall.TotalSeconds * factor / 60,5:0.0} real min; {m.Runs} dataset runs ({m.Distinct} distinct, {m.Failed} failed), 429s {m.Throttled}; accounts per instance [{string.Join(' ', m.PerInstance)}]; " +
            $"{perInstancePerWindow:0.0} accounts per instance per {cadence.TotalMinutes:0}-min window{ratio}; requests {m.Requests}"));
    }

    /// <summary>Moves the last successes back so that the named datasets (all when null) are due now.</summary>
    private static async Task MakeDueAsync(string postgres, string[]? datasets)
    {
        await using var connection = new NpgsqlConnection(postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("UPDATE marketplace_sync_checkpoints SET last_success_at = last_success_at - interval '7 hours'" + (datasets is null ? "" : " WHERE dataset = ANY(@names)"), connection);
        if (datasets is not null)
        {
            command.Parameters.AddWithValue("names", datasets);
        }

        await command.ExecuteNonQueryAsync();
    }

    private static async Task ConnectAsync(BenchHost host, WildberriesSimulator wildberries, int seed)
    {
        await using var scope = host.App.Services.CreateAsyncScope();
        var seller = await scope.ServiceProvider.GetRequiredService<AddSeller>().AddAsync($"scale{seed}.{Guid.NewGuid():N}@example.ru", null, "operator", true, CancellationToken.None);
        var token = wildberries.Tokens.Issue(seed, WildberriesCategories.All, DateTimeOffset.UtcNow.AddDays(180));
        await scope.ServiceProvider.GetRequiredService<ConnectMarketplaceAccount>().ConnectWildberriesAsync(seller.Id, token, CancellationToken.None);
    }
}
