using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Custodian.Modules.Training.Catalogue;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Benchmarks;

/// <summary>
/// <c>POST /api/training/enrolments</c> over loopback HTTP (Kestrel) on two hosts started side by side: the real one
/// (HETU and e-mail blind indexes, every field sealed under a new subject key) and one whose vault stores plaintext and
/// indexes the plain value — the bench-only switch, <see cref="PlaintextVault"/>, registered here and nowhere else.
/// Batches alternate between the two hosts so both see the same machine. Issue 18's goal: throughput with protection
/// at least 0.7x of without.
/// </summary>
internal static class EnrolmentApi
{
    public static async Task RunAsync(int requests, int concurrency, string[] hostArgs)
    {
        // --records=postgres: each host in a fresh database on the PostgreSQL server of CUSTODIAN_TEST_POSTGRES.
        var records = hostArgs.Contains("--records=postgres") ? RecordsProvider.Postgres : RecordsProvider.Sqlite;
        string[] args = [.. hostArgs.Where(a => a != "--records=postgres"), "--Privacy:Requests:PerClientPer10Minutes=100000000", "--Logging:LogLevel:Default=Warning"];
        await using var protectedHost = await CustodianHost.Builder().WithRecords(records).WithArgs(args).OnKestrel().BuildAsync();
        await using var plainHost = await CustodianHost.Builder().WithRecords(records).WithArgs(args)
            .WithServices(s => s.AddSingleton<IPersonalDataVault, PlaintextVault>()).OnKestrel().BuildAsync();
        var targets = new[] { await TargetAsync(protectedHost, requests), await TargetAsync(plainHost, requests) };
        const int Batch = 200;
        var warmUp = Math.Min(200, requests / 5);
        foreach (var target in targets)
        {
            await RunBatchAsync(target, warmUp, concurrency, measured: false);
        }

        for (var done = 0; done < requests; done += Batch)
        {
            foreach (var target in done / Batch % 2 == 0 ? targets : targets.Reverse())
            {
                await RunBatchAsync(target, Math.Min(Batch, requests - done), concurrency, measured: true);
            }
        }

        var (on, off) = (targets[0], targets[1]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            requests per host   : {requests:N0} measured after {warmUp} warm-up, {concurrency} in flight, loopback HTTP/1.1 (Kestrel), {(records == RecordsProvider.Postgres ? "PostgreSQL" : "SQLite")} records
            protection on       : {on.Throughput:0} req/s, p50 {on.Percentile(0.50):0.00} ms, p95 {on.Percentile(0.95):0.00} ms
            protection off      : {off.Throughput:0} req/s, p50 {off.Percentile(0.50):0.00} ms, p95 {off.Percentile(0.95):0.00} ms
            throughput ratio    : {on.Throughput / off.Throughput:0.00}x (goal >= 0.7x); p95 ratio {on.Percentile(0.95) / off.Percentile(0.95):0.00}x
            """));
    }

    private sealed class Target(CustodianHost host, List<Guid> sessions)
    {
        public CustodianHost Host { get; } = host;

        public List<Guid> Sessions { get; } = sessions;

        public List<double> Latencies { get; } = [];

        public TimeSpan Busy { get; set; }

        public int Next;

        public double Throughput => Latencies.Count / Busy.TotalSeconds;

        public double Percentile(double p)
        {
            var sorted = Latencies.Order().ToList();
            return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
        }
    }

    private static async Task<Target> TargetAsync(CustodianHost host, int requests)
    {
        await using var scope = host.Scope();
        var catalogue = scope.ServiceProvider.GetRequiredService<ManageCatalogue>();
        await catalogue.EnsureStandardCardTypesAsync(CancellationToken.None);
        var course = await catalogue.AddCourseAsync(new ManageCatalogue.CourseInput("tyoturvallisuuskortti", "Työturvallisuuskorttikoulutus", "Occupational safety card course", "", "", 120m, 8m), CancellationToken.None);
        var start = DateTime.UtcNow.Date.AddDays(30).AddHours(6);
        var sessions = new List<Guid>();
        for (var i = 0; i <= (requests + 400) / 1000; i++)
        {
            sessions.Add(await catalogue.AddSessionAsync(new ManageCatalogue.SessionInput(course, start.AddDays(i), start.AddDays(i).AddHours(8), "Mannerheimintie 1, 00100 Helsinki", 1000, null), CancellationToken.None));
        }

        return new Target(host, sessions);
    }

    private static async Task RunBatchAsync(Target target, int count, int concurrency, bool measured)
    {
        var first = target.Next;
        target.Next += count;
        var latencies = new double[count];
        var index = -1;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            using var client = target.Host.CreateRawClient();
            int i;
            while ((i = Interlocked.Increment(ref index)) < count)
            {
                var person = first + i;
                var one = Stopwatch.StartNew();
                using var response = await client.PostAsJsonAsync("/api/training/enrolments", Body(target.Sessions[person / 1000], person));
                latencies[i] = one.Elapsed.TotalMilliseconds;
                if ((int)response.StatusCode != 201)
                {
                    throw new InvalidOperationException($"Enrolment {person} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }
            }
        }));
        if (measured)
        {
            target.Busy += watch.Elapsed;
            target.Latencies.AddRange(latencies);
        }
    }

    private static object Body(Guid session, int i) => new
    {
        sessionId = session,
        firstName = "Aino",
        lastName = "Penkki",
        hetu = Hetu(i),
        email = string.Create(CultureInfo.InvariantCulture, $"penkki{i}@example.fi"),
        phone = "040 123 4567",
        company = new { name = "Rakennus Oy", businessId = "1572860-0", position = "Työnjohtaja" },
        marketing = false,
    };

    /// <summary>Valid temporary henkilötunnus codes (individual numbers 900–999), distinct for i below 33 600.</summary>
    private static string Hetu(int i)
    {
        const string Checks = "0123456789ABCDEFHJKLMNPRSTUVWXY";
        var (day, month, individual) = (1 + (i % 28), 1 + (i / 28 % 12), 900 + (i / 336 % 100));
        var number = long.Parse(string.Create(CultureInfo.InvariantCulture, $"{day:00}{month:00}90{individual:000}"), CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"{day:00}{month:00}90-{individual:000}{Checks[(int)(number % 31)]}");
    }
}

/// <summary>
/// The bench-only switch: "protection off". Values are stored as their JSON bytes and the index is the plain value,
/// so the same queries run without HMAC, AES-GCM or key lookups. Never registered outside this benchmark.
/// </summary>
internal sealed class PlaintextVault : IPersonalDataVault
{
    public ValueTask<Encrypted<T>> SealAsync<T>(KeyScope scope, FieldAddress field, T value, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Encrypted.FromCiphertext<T>(JsonSerializer.SerializeToUtf8Bytes(value)));

    public ValueTask<Revealed<T>> OpenAsync<T>(Encrypted<T> value, FieldAddress field, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new Revealed<T>(false, JsonSerializer.Deserialize<T>(value.Ciphertext)));

    public ValueTask<Encrypted<T>?> ReencryptAsync<T>(Encrypted<T> value, FieldAddress field, CancellationToken cancellationToken) => ValueTask.FromResult<Encrypted<T>?>(null);

    public byte[] BlindIndex(string kind, string normalisedValue) => Encoding.UTF8.GetBytes(kind + ":" + normalisedValue);

    public Task<int> ShredAsync(KeyScope scope, CancellationToken cancellationToken) => Task.FromResult(0);
}
