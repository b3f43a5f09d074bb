using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Custodian.Testing;

namespace Custodian.Cli.Tests;

/// <summary>
/// ADR 0014: while <c>custodian serve</c> runs on the embedded defaults (it holds the DuckDB file), module verbs run in
/// the service through its loopback operator channel, and the channel answers nobody else.
/// </summary>
public sealed class ServiceChannelTests(ServiceChannelTests.RunningService service) : IClassFixture<ServiceChannelTests.RunningService>
{
    [Fact]
    public async Task Analytics_verbs_and_records_verbs_run_at_the_same_time_while_the_service_keeps_serving()
    {
        var seeded = await Custodian.RunAsync(["demo", "seed", .. service.Args]);
        Assert.True(seeded.ExitCode == 0, seeded + service.Log);
        var (wildberries, ozon) = await service.AccountsAsync();
        using var stop = new CancellationTokenSource();
        var health = service.PollHealthAsync(stop.Token);

        var verbs = await Task.WhenAll(
            Custodian.RunAsync(["marketplace", "sync", "--account", wildberries, .. service.Args]),
            Custodian.RunAsync(["marketplace", "stats", "--account", ozon, "--json", .. service.Args]),
            Custodian.RunAsync(["demo", "seed", .. service.Args]),
            Custodian.RunAsync(["sellers", "list", "--json", .. service.Args]),
            Custodian.RunAsync(["audit", "verify", .. service.Args])); // a kernel verb, in the CLI's own process on the same records
        await stop.CancelAsync();
        var answers = await health;
        var stats = await Custodian.RunAsync(["marketplace", "stats", "--account", wildberries, "--json", .. service.Args]);

        Assert.All(verbs.Append(stats), r => Assert.True(r.ExitCode == 0, r + service.Log));
        var sync = verbs[0].Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(9, sync.Count(l => l.StartsWith(wildberries, StringComparison.Ordinal) && l.Contains(" ok", StringComparison.Ordinal)));
        using (var json = JsonDocument.Parse(verbs[1].Output))
        {
            Assert.Contains(json.RootElement.EnumerateArray(), d => d.GetProperty("dataset").GetString() == "ozon-fbo");
        }

        using (var json = JsonDocument.Parse(stats.Output))
        {
            Assert.True(json.RootElement.EnumerateArray().Single(d => d.GetProperty("dataset").GetString() == "wb-orders").GetProperty("rows").GetInt64() > 0);
        }

        Assert.NotEmpty(answers);
        Assert.All(answers, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.False(service.HasExited, service.Log);
        Assert.Contains("Operator channel: marketplace sync exited 0", service.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_given_to_a_verb_the_service_runs_are_named_as_not_applied()
    {
        var result = await Custodian.RunAsync(["sellers", "list", "--json", "--Marketplace:Sync:Enabled=false", .. service.Args]);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        Assert.StartsWith("Run by the service (process ", result.Error, StringComparison.Ordinal);
        Assert.Contains("not applied: Marketplace:Sync:Enabled.", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-the-secret")]
    public async Task The_channel_refuses_a_missing_or_wrong_secret_with_problem_details(string? secret)
    {
        using var response = await service.PostAsync(IPAddress.Loopback, secret);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Operator secret required", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_channel_refuses_callers_not_on_this_machine_even_with_the_secret()
    {
        using var forwarded = await service.PostAsync(IPAddress.Loopback, service.Secret, request => request.Headers.Add("X-Forwarded-For", "127.0.0.1"));
        Assert.Equal(HttpStatusCode.Forbidden, forwarded.StatusCode);
        Assert.Equal("application/problem+json", forwarded.Content.Headers.ContentType?.MediaType);

        // The service listens on every address; this machine's own network address is not loopback.
        foreach (var address in NetworkAddresses())
        {
            using var remote = await service.PostAsync(address, service.Secret);
            Assert.Equal(HttpStatusCode.Forbidden, remote.StatusCode);
            Assert.Contains("Loopback callers only", await remote.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_secret_file_is_for_the_services_user_only()
    {
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(service.ChannelFile));
    }

    [Fact]
    public async Task A_file_left_by_a_killed_service_does_not_stop_verbs_from_running_in_the_cli()
    {
        using var data = new TemporaryFolder();
        string[] args = ["--Storage:DataDirectory=" + data.Path, "--Demo:SeedOnStart=false"];
        await using (var killed = await RunningService.StartAsync(args))
        {
            killed.Kill(); // SIGKILL: the file stays behind
        }

        Assert.True(File.Exists(data.File("operator-channel.json")));
        var result = await Custodian.RunAsync(["sellers", "list", "--json", .. args]);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
    }

    private static IEnumerable<IPAddress> NetworkAddresses() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .Where(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
            .Take(1);

    /// <summary><c>custodian serve</c> on the embedded defaults (DuckDB, SQLite, stand-ins) in a temporary data folder, on every address.</summary>
    public sealed class RunningService : IAsyncLifetime
    {
        private readonly TemporaryFolder? _data;
        private ChildProcess? _process;

        public RunningService()
        {
            _data = new TemporaryFolder();
            Args = ["--Storage:DataDirectory=" + _data.Path];
        }

        private RunningService(string[] args) => Args = args;

        public string[] Args { get; }

        public int Port { get; } = FreePort.Next();

        public string ChannelFile => Path.Combine(Args[0]["--Storage:DataDirectory=".Length..], "operator-channel.json");

        public string Secret => JsonDocument.Parse(File.ReadAllText(ChannelFile)).RootElement.GetProperty("secret").GetString()!;

        public bool HasExited => _process!.HasExited;

        /// <summary>What the service wrote, for failure messages.</summary>
        public string Log
        {
            get
            {
                var log = _process is null ? string.Empty : _process.Output + _process.Error;
                return "\n--- service log (tail)\n" + (log.Length > 8000 ? log[^8000..] : log);
            }
        }

        public static async Task<RunningService> StartAsync(string[] args)
        {
            var service = new RunningService(args);
            await service.InitializeAsync();
            return service;
        }

        public async ValueTask InitializeAsync()
        {
            _process = Custodian.Start(["serve", $"--urls=http://0.0.0.0:{Port}", .. Args]);
            var deadline = TimeProvider.System.GetUtcNow().AddMinutes(2);
            using var http = Client(IPAddress.Loopback);
            while (true)
            {
                Assert.False(_process.HasExited, "the service stopped while starting" + Log);
                try
                {
                    using var health = await http.GetAsync(new Uri("healthz", UriKind.Relative), TestContext.Current.CancellationToken);
                    if (health.IsSuccessStatusCode && File.Exists(ChannelFile))
                    {
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                    // not listening yet
                }

                Assert.True(TimeProvider.System.GetUtcNow() < deadline, "the service did not start within two minutes" + Log);
                await Task.Delay(200, TestContext.Current.CancellationToken);
            }
        }

        public async Task<(string Wildberries, string Ozon)> AccountsAsync()
        {
            var accounts = await Custodian.RunAsync(["marketplace", "accounts", "list", "--json", .. Args]);
            using var json = JsonDocument.Parse(accounts.Output);
            var list = json.RootElement.EnumerateArray().ToList();
            return (list.First(a => a.GetProperty("marketplace").GetString() == "wildberries").GetProperty("id").GetString()!,
                list.First(a => a.GetProperty("marketplace").GetString() == "ozon").GetProperty("id").GetString()!);
        }

        /// <summary>Asks for /healthz until cancelled; the status of every answer.</summary>
        public async Task<List<HttpStatusCode>> PollHealthAsync(CancellationToken stop)
        {
            using var http = Client(IPAddress.Loopback);
            var answers = new List<HttpStatusCode>();
            while (!stop.IsCancellationRequested)
            {
                using var health = await http.GetAsync(new Uri("healthz", UriKind.Relative), TestContext.Current.CancellationToken);
                answers.Add(health.StatusCode);
                try
                {
                    await Task.Delay(250, stop);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            return answers;
        }

        public async Task<HttpResponseMessage> PostAsync(IPAddress address, string? secret, Action<HttpRequestMessage>? change = null)
        {
            using var http = Client(address);
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("local/verbs", UriKind.Relative))
            {
                Content = new StringContent("""{"args": ["sellers", "list", "--json"], "width": 80}""", Encoding.UTF8, "application/json"),
            };
            if (secret is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
            }

            change?.Invoke(request);
            return await http.SendAsync(request, TestContext.Current.CancellationToken);
        }

        public void Kill()
        {
            _process!.Kill();
            _process.WaitForExitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken).GetAwaiter().GetResult();
        }

        public async ValueTask DisposeAsync()
        {
            if (_process is { HasExited: false })
            {
                _process.Kill();
                await _process.WaitForExitAsync(TimeSpan.FromMinutes(1), CancellationToken.None);
            }

            _process?.Dispose();
            _data?.Dispose();
        }

        private HttpClient Client(IPAddress address) =>
            new(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = new Uri($"http://{new IPEndPoint(address, Port)}/"), Timeout = TimeSpan.FromSeconds(30) };

    }
}
