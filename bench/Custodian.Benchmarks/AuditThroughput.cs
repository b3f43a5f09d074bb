using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Benchmarks;

/// <summary>
/// Measured command (the runs take seconds, not nanoseconds): durable audit appends and full verification against
/// raw chained SHA-256 over the same canonical bytes, in the same process. Goals: append ≥ 0.3x raw, verify ≥ 0.6x
/// raw and 1M entries under 1 s. Half the entries go in bulk calls, a quarter as single appends all in flight,
/// a quarter from 64 steady writers; verify then reads all of them.
/// </summary>
internal static class AuditThroughput
{
    public static async Task RunAsync(int entries, string[] hostArgs)
    {
        await using var host = await BenchHost.StartAsync(hostArgs);
        var log = host.App.Services.GetRequiredService<IAuditLog>();
        var events = Enumerable.Range(0, entries)
            .Select(i => new AuditEvent($"account:{i % 50}", i % 4 == 0 ? "read" : "change", new SubjectId(Guid.CreateVersion7()), "guidance", "client-work", "req-" + i.ToString(CultureInfo.InvariantCulture)))
            .ToList();

        // Raw: chained SHA-256 over the same canonical bytes (encoded beforehand, not timed), nothing else.
        var canonical = events.Select((e, i) =>
        {
            var buffer = new byte[AuditChain.MaxCanonicalSize(e.Actor, e.Action, e.Subject?.ToString(), e.Register, e.Purpose, e.RequestId)];
            return buffer[..AuditChain.WriteCanonical(buffer, i + 1, 1_700_000_000_000_000 + i, e.Actor, e.Action, e.Subject?.ToString(), e.Register, e.Purpose, e.RequestId)];
        }).ToList();
        var raw = Stopwatch.StartNew();
        var chained = new byte[canonical.Max(c => c.Length) + 32];
        var previous = new byte[32];
        foreach (var bytes in canonical)
        {
            bytes.CopyTo(chained, 0);
            previous.CopyTo(chained, bytes.Length);
            SHA256.HashData(chained.AsSpan(0, bytes.Length + 32), previous);
        }

        raw.Stop();
        var rawPerSecond = entries / raw.Elapsed.TotalSeconds;

        // Bulk: operations that audit many records at once (exports, bulk reads) append 1 000 entries per call.
        var bulkEvents = events.Take(entries / 2).ToList();
        var bulk = Stopwatch.StartNew();
        await Task.WhenAll(bulkEvents.Chunk(1000).Select(chunk => log.AppendAsync(chunk, CancellationToken.None)));
        bulk.Stop();
        var bulkPerSecond = bulkEvents.Count / bulk.Elapsed.TotalSeconds;

        // A burst: every single append in flight at once, each awaiting its durable group commit.
        var append = Stopwatch.StartNew();
        await Task.WhenAll(events.Skip(entries / 2).Take(entries / 4).Select(e => log.AppendAsync(e, CancellationToken.None)));
        append.Stop();
        var appendPerSecond = entries / 4 / append.Elapsed.TotalSeconds;

        // Steady load: 64 concurrent requests, each appending one entry after another.
        var steady = Stopwatch.StartNew();
        const int writers = 64;
        var rest = events.Skip(entries / 2 + entries / 4).ToList();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var i = w; i < rest.Count; i += writers)
            {
                await log.AppendAsync(rest[i], CancellationToken.None);
            }
        })));
        steady.Stop();
        var steadyPerSecond = rest.Count / steady.Elapsed.TotalSeconds;

        await using var scope = host.App.Services.CreateAsyncScope();
        var verifier = scope.ServiceProvider.GetRequiredService<AuditVerifier>();
        var verify = Stopwatch.StartNew();
        var result = await verifier.VerifyAsync(null, CancellationToken.None);
        verify.Stop();
        if (!result.Intact || result.Entries != entries)
        {
            throw new InvalidOperationException($"verification failed: {result.Problem}");
        }

        var verifyPerSecond = entries / verify.Elapsed.TotalSeconds;
        var engine = hostArgs.Length == 0 ? "SQLite (embedded default)" : "PostgreSQL";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            Audit log on {engine}, {entries:N0} entries, {Environment.ProcessorCount} cores
            raw chained SHA-256 : {rawPerSecond,12:N0} entries/s ({raw.Elapsed.TotalMilliseconds:N0} ms)
            durable bulk appends: {bulkPerSecond,12:N0} entries/s ({bulk.Elapsed.TotalMilliseconds:N0} ms)  ratio {bulkPerSecond / rawPerSecond:0.00}x (goal >= 0.30x)
            durable append burst: {appendPerSecond,12:N0} entries/s ({append.Elapsed.TotalMilliseconds:N0} ms)  ratio {appendPerSecond / rawPerSecond:0.00}x
            64 steady writers   : {steadyPerSecond,12:N0} entries/s ({steady.Elapsed.TotalMilliseconds:N0} ms)  ratio {steadyPerSecond / rawPerSecond:0.00}x
            verify              : {verifyPerSecond,12:N0} entries/s ({verify.Elapsed.TotalMilliseconds:N0} ms)  ratio {verifyPerSecond / rawPerSecond:0.00}x (goal >= 0.60x)
            """));
    }
}
