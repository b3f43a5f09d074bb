using System.Diagnostics;
using System.Globalization;
using Custodian.Privacy.Abstractions.Requests;
using Custodian.Privacy.Abstractions.Retention;
using Custodian.Privacy.Requests;
using Custodian.Privacy.Retention;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Benchmarks;

/// <summary>
/// Data-subject requests and retention at scale: N subjects in a module table (one row each, encrypted fields), then
/// 20 access requests and 20 erasure requests carried out end to end (export or erase through every provider, package,
/// receipt, mail), then a retention sweep over all N rows, which are past their period. Goals: access &lt; 100 ms,
/// erasure &lt; 300 ms, sweep of 1M due records &lt; 10 s.
/// </summary>
internal static class RequestThroughput
{
    public static async Task RunAsync(int people, string[] hostArgs)
    {
        await using var host = await BenchHost.StartAsync(builder =>
        {
            builder.Services.AddSingleton<BenchPeople>();
            builder.Services.AddSingleton<IPersonalDataProvider>(sp => sp.GetRequiredService<BenchPeople>());
            builder.Services.AddSingleton<IRetentionTarget>(sp => sp.GetRequiredService<BenchPeople>());
        }, hostArgs);
        var services = host.App.Services;
        var table = services.GetRequiredService<BenchPeople>();
        var load = Stopwatch.StartNew();
        await table.CreateAndLoadAsync(people, TimeProvider.System.GetUtcNow().AddYears(-4));
        load.Stop();

        var random = new Random(20261123);
        var access = await TimeRequestsAsync(services, "access", Enumerable.Range(0, 20).Select(_ => random.Next(people)).Distinct().ToList());
        var erasure = await TimeRequestsAsync(services, "erasure", Enumerable.Range(0, 20).Select(_ => random.Next(people)).Distinct().ToList());

        var rawDeletes = await table.TimeRawDeletesAsync(RetentionSweep.BatchSize);
        var sweep = Stopwatch.StartNew();
        IReadOnlyList<RuleOutcome> outcomes;
        await using (var scope = services.CreateAsyncScope())
        {
            outcomes = await scope.ServiceProvider.GetRequiredService<RetentionSweep>().RunAsync(null, CancellationToken.None);
        }

        sweep.Stop();
        var swept = outcomes.Sum(o => o.Applied);
        var left = await table.CountAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            subjects loaded     : {people:N0} in {load.Elapsed.TotalSeconds:0.0} s (encrypted e-mail and name, blind index)
            access request      : median {Median(access):0.0} ms, max {access.Max():0.0} ms over {access.Count}  (goal < 100 ms)
            erasure request     : median {Median(erasure):0.0} ms, max {erasure.Max():0.0} ms over {erasure.Count}  (goal < 300 ms)
            retention sweep     : {swept:N0} records destroyed in {sweep.Elapsed.TotalSeconds:0.00} s, {left} left  (goal < 10 s for 1M)
            raw SQL deletes     : the same rows of a copy in {rawDeletes.TotalSeconds:0.00} s (id ranges of {RetentionSweep.BatchSize:N0}; sweep = {sweep.Elapsed / rawDeletes:0.00}x the raw deletes)
            """));
    }

    /// <summary>Takes, verifies and carries out one request per subject; times the carrying out (fan-out, package, receipt, mail).</summary>
    private static async Task<List<double>> TimeRequestsAsync(IServiceProvider services, string kind, List<int> people)
    {
        var times = new List<double>();
        foreach (var i in people)
        {
            await using var scope = services.CreateAsyncScope();
            var receipt = await scope.ServiceProvider.GetRequiredService<SubmitRequest.Intake>().SubmitAsync(new SubmitRequest.Request("training", kind, BenchPeople.EmailOf(i), null, "en"), RequestChannel.Paper, null, CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<VerifyRequest>().VerifyAsync(receipt.Reference, VerificationMethod.OperatorCheck, "Benchmark: identity checked.", null, CancellationToken.None);
            var carry = Stopwatch.StartNew();
            var result = await scope.ServiceProvider.GetRequiredService<ExecuteRequest>().ExecuteAsync(receipt.Reference, new ExecutionInput(), CancellationToken.None);
            carry.Stop();
            if (result.Status != RequestStatus.Completed || (kind == "access" && !result.Outcome.Contains("2 record(s)", StringComparison.Ordinal)) /* the row and the request itself */ || (kind == "erasure" && !result.Outcome.StartsWith("Erased 1 record(s)", StringComparison.Ordinal)))
            {
                throw new InvalidOperationException($"{kind} request did not do what it should: {result.Outcome}");
            }

            times.Add(carry.Elapsed.TotalMilliseconds);
        }

        return times;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
