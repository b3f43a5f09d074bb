using System.Net;
using System.Text.Json;
using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Scheduling;
using Custodian.Privacy.Audit;
using Custodian.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Custodian.Modules.Marketplace.Tests;

/// <summary>
/// Issue 14, several instances: two started instances on one database of a PostgreSQL server of the test's own, which
/// is stopped for ten seconds while both run and then started again. Meanwhile neither is ready (503) and both report
/// their failing background work as Degraded; afterwards both are still running (nothing stopped the host), ready,
/// serve pages that read the database, run their background work again, and the audit chain both extended verifies.
/// </summary>
public sealed class PostgresOutageTests
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_instances_ride_out_a_PostgreSQL_stop_and_start_and_the_audit_chain_still_verifies()
    {
        await using var postgres = await PrivatePostgres.StartNewAsync(Ct);
        using var secrets = new TemporaryFolder();
        var masterKey = secrets.File("master.key");
        await File.WriteAllTextAsync(masterKey, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)), Ct);
        var job = new AuditingJob();
        string[] args =
        [
            "--Database:Provider=Postgres", "--Database:ConnectionString=" + postgres.ConnectionString("custodian_outage"), "--Privacy:MasterKeyFile=" + masterKey,
            "--Scheduling:PollInterval=00:00:00.200", "--Scheduling:LeaseDuration=00:00:06", "--Logging:LogLevel:Default=Critical",
        ];
        await using (await CustodianHost.Builder().WithArgs(args).BuildAsync(Ct))
        {
            // As `custodian db migrate` before the service starts: instances with a master key read the shared keys at start.
        }

        await using var first = await CustodianHost.Builder().WithArgs(args).WithServices(s => s.AddSingleton<IScheduledWork>(job)).Started().BuildAsync(Ct);
        await using var second = await CustodianHost.Builder().WithArgs(args).WithServices(s => s.AddSingleton<IScheduledWork>(job)).Started().BuildAsync(Ct);
        CustodianHost[] hosts = [first, second];
        var stopping = hosts.Select(h => h.Get<IHostApplicationLifetime>()).ToList();
        using var firstClient = first.CreateClient();
        using var secondClient = second.CreateClient();
        CustodianClient[] clients = [firstClient, secondClient];
        await UntilAsync(() => Task.FromResult(job.Succeeded >= 4), TimeSpan.FromSeconds(20), "the job ran on the instances before the outage");
        foreach (var client in clients)
        {
            Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, "/healthz/ready")).Status);
        }

        await postgres.StopAsync(Ct);
        var stoppedAt = TimeProvider.System.GetUtcNow();
        try
        {
            // Every probe in the outage: not ready; and each instance's background work is reported Degraded with its cause.
            var degraded = new bool[hosts.Length];
            while (TimeProvider.System.GetUtcNow() - stoppedAt < Outage)
            {
                for (var i = 0; i < hosts.Length; i++)
                {
                    var (ready, readyReport) = await GetAsync(clients[i], "/healthz/ready");
                    Assert.Equal(HttpStatusCode.ServiceUnavailable, ready);
                    Assert.Equal("Unhealthy", readyReport.Statuses["records"]);
                    var (summary, report) = await GetAsync(clients[i], "/healthz");
                    Assert.Equal(HttpStatusCode.ServiceUnavailable, summary);
                    degraded[i] |= report.Statuses["background"] == "Degraded";
                }

                await Task.Delay(250, Ct);
            }

            Assert.True(degraded.All(d => d), $"background work reported Degraded in /healthz on each instance during the outage ({string.Join(", ", degraded)})");
        }
        finally
        {
            if (!postgres.Running)
            {
                await postgres.StartAsync(Ct);
            }
        }

        var succeededAfterRestart = job.Succeeded;
        foreach (var client in clients)
        {
            await UntilAsync(async () => (await GetAsync(client, "/healthz/ready")).Status == HttpStatusCode.OK, TimeSpan.FromSeconds(15), "/healthz/ready 200 again");
        }

        for (var i = 0; i < hosts.Length; i++)
        {
            var client = clients[i];
            var background = string.Empty;
            await UntilAsync(
                async () => (background = (await GetAsync(client, "/healthz")).Report.Background) == "Healthy: Background work runs.",
                TimeSpan.FromSeconds(30), () => $"background work of instance {i + 1} healthy again (last: {background})");
            using var signedIn = await hosts[i].CreateClientForAsync(Privacy.Abstractions.Access.Roles.Operator, Ct); // the sign-in link is stored and read back
            using var page = await signedIn.GetAsync(new Uri("/operator/requests", UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        Assert.True(job.Succeeded > succeededAfterRestart, "the job ran again after the restart");
        Assert.All(stopping, lifetime => Assert.False(lifetime.ApplicationStopping.IsCancellationRequested, "an instance's host stopped during the outage"));
        await using var scope = second.Scope();
        var verified = await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(null, Ct);
        Assert.True(verified.Intact, verified.Problem);
        Assert.True(verified.Entries >= job.Appended, $"{verified.Entries} entries in the chain, {job.Appended} appends acknowledged");
        Assert.True(verified.Checkpoints > 0, "checkpoints were signed");
    }

    private static Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what) => UntilAsync(condition, timeout, () => what);

    private static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> what)
    {
        var deadline = TimeProvider.System.GetUtcNow() + timeout;
        while (!await condition())
        {
            Assert.True(TimeProvider.System.GetUtcNow() < deadline, $"No {what()} within {timeout.TotalSeconds:0} s.");
            await Task.Delay(200, Ct);
        }
    }

    private static async Task<(HttpStatusCode Status, HealthReport Report)> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), Ct);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var checks = json.RootElement.GetProperty("checks").EnumerateArray().ToList();
        var statuses = checks.ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString()!);
        var background = checks.Where(c => c.GetProperty("name").GetString() == "background").Select(c => $"{c.GetProperty("status").GetString()}: {c.GetProperty("description").GetString()}").FirstOrDefault();
        return (response.StatusCode, new HealthReport(json.RootElement.GetProperty("status").GetString()!, statuses, background));
    }

    private sealed record HealthReport(string Status, IReadOnlyDictionary<string, string> Statuses, string? Background);

    /// <summary>Scheduled work that writes to the records database often: appends an audit entry through the kernel's log and signs the tail.</summary>
    private sealed class AuditingJob : IScheduledWork
    {
        private int _succeeded;
        private int _failed;
        private int _appended;

        public int Succeeded => Volatile.Read(ref _succeeded);

        public int Failed => Volatile.Read(ref _failed);

        public int Appended => Volatile.Read(ref _appended);

        public string Name => "test.outage-audit";

        public TimeSpan Every => TimeSpan.FromMilliseconds(400);

        public async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
        {
            try
            {
                await services.GetRequiredService<IAuditLog>().AppendAsync(new AuditEvent("test", "outage.tick"), cancellationToken);
                Interlocked.Increment(ref _appended);
                await services.GetRequiredService<AuditLog>().CheckpointAsync(cancellationToken);
                Interlocked.Increment(ref _succeeded);
            }
            catch
            {
                Interlocked.Increment(ref _failed);
                throw;
            }
        }
    }
}
