using Custodian.Privacy.Abstractions.Scheduling;
using Custodian.Privacy.Scheduling;
using Custodian.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Custodian.Privacy.Tests.Scheduling;

/// <summary>The runner of scheduled work in a started service: failures are reported and retried, never stop the service, and a job never runs twice at once across instances.</summary>
public sealed class ScheduledWorkRunnerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_failing_job_is_reported_degraded_with_its_cause_retried_and_healthy_again_once_it_succeeds_while_the_service_serves()
    {
        var job = new FlakyJob(failures: 2);
        await using var host = await CustodianHost.Builder()
            .WithServices(s => s.AddSingleton<IScheduledWork>(job))
            .WithSetting(ScheduledWorkRunner.PollIntervalSetting, "00:00:00.100")
            .Started().BuildAsync(Ct);
        var health = host.Get<BackgroundWorkHealth>();
        var seen = new List<HealthCheckResult>();

        for (var waited = 0; job.Succeeded == 0; waited += 50)
        {
            Assert.True(waited < 20_000, $"the job did not succeed within 20 s ({job.Attempts} attempts)");
            seen.Add(await health.CheckHealthAsync(new HealthCheckContext(), Ct));
            await Task.Delay(50, Ct);
        }

        var degraded = seen.FirstOrDefault(r => r.Status == HealthStatus.Degraded);
        Assert.Equal(HealthStatus.Degraded, degraded.Status);
        Assert.Contains("test.flaky: IOException: the share is away", degraded.Description, StringComparison.Ordinal);
        Assert.Equal(3, job.Attempts);
        // The runner records the success just after the job returns: look again for a moment rather than at once.
        var healthy = HealthStatus.Degraded;
        for (var waited = 0; waited < 5_000 && (healthy = (await health.CheckHealthAsync(new HealthCheckContext(), Ct)).Status) != HealthStatus.Healthy; waited += 50)
        {
            await Task.Delay(50, Ct);
        }

        Assert.Equal(HealthStatus.Healthy, healthy);
        using var client = host.CreateClient();
        using var live = await client.GetAsync(new Uri("/healthz/live", UriKind.Relative), Ct);
        Assert.Equal(System.Net.HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public async Task Two_instances_on_one_database_never_run_a_job_at_the_same_time()
    {
        using var folder = new TemporaryFolder();
        var database = $"Data Source={folder.File("shared.db")};Foreign Keys=True";
        var job = new OverlapWatchingJob();
        string[] args = ["--Database:Provider=Sqlite", "--Database:ConnectionString=" + database, "--" + ScheduledWorkRunner.PollIntervalSetting + "=00:00:00.050"];
        await using var one = await CustodianHost.Builder().WithArgs(args).WithServices(s => s.AddSingleton<IScheduledWork>(job)).Started().BuildAsync(Ct);
        await using var two = await CustodianHost.Builder().WithArgs(args).WithServices(s => s.AddSingleton<IScheduledWork>(job)).Started().BuildAsync(Ct);

        for (var waited = 0; job.Runs < 4; waited += 50)
        {
            Assert.True(waited < 30_000, $"only {job.Runs} runs within 30 s");
            await Task.Delay(50, Ct);
        }

        Assert.Equal(0, job.Overlaps);
    }

    private sealed class FlakyJob(int failures) : IScheduledWork
    {
        private int _attempts;

        public int Attempts => _attempts;

        public int Succeeded { get; private set; }

        public string Name => "test.flaky";

        public TimeSpan Every => TimeSpan.FromMilliseconds(300);

        public Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _attempts) <= failures)
            {
                throw new IOException("the share is away");
            }

            Succeeded++;
            return Task.CompletedTask;
        }
    }

    /// <summary>Shared by both instances (one process): counts runs, and runs that began while another was running.</summary>
    private sealed class OverlapWatchingJob : IScheduledWork
    {
        private int _running;
        private int _runs;
        private int _overlaps;

        public int Runs => Volatile.Read(ref _runs);

        public int Overlaps => Volatile.Read(ref _overlaps);

        public string Name => "test.exclusive";

        public TimeSpan Every => TimeSpan.FromMilliseconds(200);

        public async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _running) > 1)
            {
                Interlocked.Increment(ref _overlaps);
            }

            await Task.Delay(150, cancellationToken); // long enough for the other instance's poll to find it held
            Interlocked.Decrement(ref _running);
            Interlocked.Increment(ref _runs);
        }
    }
}
