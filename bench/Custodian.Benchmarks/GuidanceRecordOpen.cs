using System.Diagnostics;
using System.Globalization;
using Custodian.Modules.Guidance.Clients;
using Custodian.Modules.Guidance.Programmes;
using Custodian.Modules.Guidance.Sections;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Benchmarks;

/// <summary>
/// Opening a client record with its access-log write (an audit entry per section shown, each also a row of the
/// client's access trail, in one commit that runs while the sections are read) against the same read without it, on the
/// real service graph. Clients carry a written
/// consent, three assessments and three coaching entries; a coach opens them in random order, logged and unlogged
/// interleaved one by one so both see the same machine. Goal (issue 19): p95 with the log within 1.3x of p95 without.
/// </summary>
internal static class GuidanceRecordOpen
{
    public static async Task RunAsync(int clients, int opens, string[] hostArgs)
    {
        await using var host = await BenchHost.StartAsync(hostArgs);
        var services = host.App.Services;
        const string coach = "staff-bench.coach";
        var ids = new List<Guid>();
        var load = Stopwatch.StartNew();
        await using (var scope = services.CreateAsyncScope())
        {
            var sp = scope.ServiceProvider;
            var programmes = sp.GetRequiredService<ManageProgrammes>();
            var programme = await programmes.CreateAsync("Bench " + Guid.NewGuid().ToString("N")[..8], "guidance", "Custodian Valmennus Oy", CancellationToken.None);
            await programmes.AssignAsync(programme, coach, GuidanceRole.Coach, "A", "Custodian Valmennus Oy", CancellationToken.None);
            for (var i = 0; i < clients; i++)
            {
                await using var each = services.CreateAsyncScope();
                var create = each.ServiceProvider.GetRequiredService<CreateClient>();
                var id = await create.CreateAsync(coach, new CreateClient.Request(programme, "Asiakas", "Numero" + i.ToString(CultureInfo.InvariantCulture), Hetu(i), "Esimerkkikatu 1", "040 123 4567", $"asiakas{i}@example.fi", null), CancellationToken.None);
                await each.ServiceProvider.GetRequiredService<WrittenConsents>().RecordAsync(coach, id, new WrittenConsents.Request(["employment", "guidance"], [], "ARK-" + i.ToString(CultureInfo.InvariantCulture), "2026-12-01", "2026-12"), CancellationToken.None);
                var entries = each.ServiceProvider.GetRequiredService<SectionEntries>();
                for (var e = 0; e < 3; e++)
                {
                    await entries.WriteAsync(coach, id, EntryKind.Assessment, "employment", "Arvio " + e.ToString(CultureInfo.InvariantCulture) + ": työkyky riittää osa-aikatyöhön.", CancellationToken.None);
                    await entries.WriteAsync(coach, id, EntryKind.Coaching, "guidance", "Tapaaminen " + e.ToString(CultureInfo.InvariantCulture) + ": tavoitteet käyty läpi.", CancellationToken.None);
                }

                ids.Add(id);
            }
        }

        load.Stop();
        var random = new Random(20261207);
        var warmUp = Math.Min(200, opens / 5);
        var logged = new List<double>();
        var unlogged = new List<double>();
        for (var i = 0; i < warmUp + opens; i++)
        {
            var client = ids[random.Next(ids.Count)];
            var logFirst = i % 2 == 0;
            var first = await TimeOpenAsync(services, coach, client, logFirst);
            var second = await TimeOpenAsync(services, coach, client, !logFirst);
            if (i >= warmUp)
            {
                (logFirst ? logged : unlogged).Add(first);
                (logFirst ? unlogged : logged).Add(second);
            }
        }

        var (p50Log, p95Log) = (Percentile(logged, 0.50), Percentile(logged, 0.95));
        var (p50Raw, p95Raw) = (Percentile(unlogged, 0.50), Percentile(unlogged, 0.95));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            clients loaded      : {clients:N0} in {load.Elapsed.TotalSeconds:0.0} s (consent, 3 assessments, 3 coaching entries each)
            open without log    : p50 {p50Raw:0.00} ms, p95 {p95Raw:0.00} ms over {unlogged.Count:N0}
            open with log       : p50 {p50Log:0.00} ms, p95 {p95Log:0.00} ms over {logged.Count:N0} (4 audit entries + 4 access-trail rows in one commit each)
            p95 ratio           : {p95Log / p95Raw:0.00}x (goal <= 1.3x); p50 ratio {p50Log / p50Raw:0.00}x
            """));
    }

    private static async Task<double> TimeOpenAsync(IServiceProvider services, string coach, Guid client, bool logged)
    {
        await using var scope = services.CreateAsyncScope();
        var open = scope.ServiceProvider.GetRequiredService<OpenClientRecord>();
        var watch = Stopwatch.StartNew();
        await open.OpenAsync(coach, client, logged, CancellationToken.None);
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    /// <summary>Valid henkilötunnus values of fictional people born in 1990 (individual numbers 900–999 are for tests).</summary>
    private static string Hetu(int i)
    {
        const string checks = "0123456789ABCDEFHJKLMNPRSTUVWXY";
        var day = 1 + (i % 28);
        var month = 1 + (i / 28 % 12);
        var individual = 900 + (i / 336 % 100);
        var number = int.Parse(string.Create(CultureInfo.InvariantCulture, $"{day:00}{month:00}90{individual:000}"), CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"{day:00}{month:00}90-{individual:000}{checks[number % 31]}");
    }
}
