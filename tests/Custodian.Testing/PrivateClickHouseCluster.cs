using System.Diagnostics;

namespace Custodian.Testing;

/// <summary>
/// A two-shard ClickHouse cluster of the test's own: two servers on free loopback ports, configured as
/// scripts/test-servers.sh configures the shared ones but with their own cluster definition, so the test may stop a
/// shard (killed, as a crashed or unplugged server) and start it again on its data. Stopped and deleted on dispose.
/// Without ClickHouse installed the test skips, or fails when CI=true (<see cref="RequiredServer"/>).
/// </summary>
public sealed class PrivateClickHouseCluster : IAsyncDisposable
{
    public const string ClusterName = "custodian_private";

    private readonly TemporaryFolder _folder = new();
    private readonly string _binary;
    private readonly (int Http, int Tcp)[] _ports;
    private readonly ChildProcess?[] _servers;

    private PrivateClickHouseCluster(string binary)
    {
        _binary = binary;
        _ports = [(FreePort.Next(), FreePort.Next()), (FreePort.Next(), FreePort.Next())];
        _servers = new ChildProcess?[_ports.Length];
    }

    /// <summary>The HTTP URL of each shard's server (shard 1 first).</summary>
    public IReadOnlyList<Uri> ShardUrls => [.. _ports.Select(p => new Uri($"http://127.0.0.1:{p.Http}/"))];

    public static async Task<PrivateClickHouseCluster> StartNewAsync(CancellationToken cancellationToken)
    {
        var cluster = new PrivateClickHouseCluster(RequiredServer.ClickHouseServerBinary());
        try
        {
            var shards = string.Concat(cluster._ports.Select(p => $"<shard><replica><host>127.0.0.1</host><port>{p.Tcp}</port></replica></shard>"));
            for (var i = 0; i < cluster._ports.Length; i++)
            {
                cluster.Configure(i, shards);
            }

            await Task.WhenAll(Enumerable.Range(1, cluster._ports.Length).Select(shard => cluster.StartAsync(shard, cancellationToken)));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Settings that put a host's analytics store on this cluster, in <paramref name="database"/> (queries go to shard 1).</summary>
    public IEnumerable<string> AnalyticsArgs(string database)
    {
        yield return "--Analytics:Engine=ClickHouse";
        yield return "--Analytics:ClickHouse:Database=" + database;
        yield return "--Analytics:ClickHouse:Url=" + ShardUrls[0];
        yield return "--Analytics:ClickHouse:Cluster=" + ClusterName;
        for (var i = 0; i < ShardUrls.Count; i++)
        {
            yield return $"--Analytics:ClickHouse:ShardUrls:{i}=" + ShardUrls[i];
        }
    }

    /// <summary>Starts shard <paramref name="shard"/>'s server (1-based) and waits until it answers /ping.</summary>
    public async Task StartAsync(int shard, CancellationToken cancellationToken)
    {
        var i = shard - 1;
        if (_servers[i] is { HasExited: false })
        {
            return;
        }

        _servers[i]?.Dispose();
        var start = new ProcessStartInfo(_binary);
        start.ArgumentList.Add("--config-file=" + Path.Combine(Base(i), "config.xml"));
        var server = _servers[i] = ChildProcess.Start(start);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        await server.WaitForAsync(
            async ct => (await http.GetAsync(new Uri(ShardUrls[i], "ping"), ct)).IsSuccessStatusCode ? "up" : null,
            TimeSpan.FromSeconds(60), $"ClickHouse shard {shard} answering /ping", cancellationToken);
    }

    /// <summary>Kills shard <paramref name="shard"/>'s server (1-based): its ports refuse connections until <see cref="StartAsync"/>.</summary>
    public async Task StopAsync(int shard, CancellationToken cancellationToken)
    {
        if (_servers[shard - 1] is { } server)
        {
            server.Kill();
            await server.WaitForExitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        }
    }

    private string Base(int i) => Path.Combine(_folder.Path, $"ch{i + 1}");

    private void Configure(int i, string shards)
    {
        var b = Base(i);
        foreach (var sub in new[] { "data", "tmp", "user_files", "log", "format_schemas" })
        {
            Directory.CreateDirectory(Path.Combine(b, sub));
        }

        File.WriteAllText(Path.Combine(b, "config.xml"), $"""
            <?xml version="1.0"?>
            <yandex>
              <logger><level>warning</level><log>{b}/log/server.log</log><errorlog>{b}/log/error.log</errorlog></logger>
              <listen_host>127.0.0.1</listen_host>
              <http_port>{_ports[i].Http}</http_port>
              <tcp_port>{_ports[i].Tcp}</tcp_port>
              <path>{b}/data/</path>
              <tmp_path>{b}/tmp/</tmp_path>
              <user_files_path>{b}/user_files/</user_files_path>
              <format_schema_path>{b}/format_schemas/</format_schema_path>
              <users_config>{b}/users.xml</users_config>
              <default_profile>default</default_profile>
              <default_database>default</default_database>
              <mark_cache_size>268435456</mark_cache_size>
              <remote_servers><{ClusterName}>{shards}</{ClusterName}></remote_servers>
            </yandex>
            """);
        File.WriteAllText(Path.Combine(b, "users.xml"), """
            <?xml version="1.0"?>
            <yandex>
              <profiles><default/></profiles>
              <users><default><password></password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>default</profile><quota>default</quota></default></users>
              <quotas><default/></quotas>
            </yandex>
            """);
    }

    public ValueTask DisposeAsync()
    {
        foreach (var server in _servers)
        {
            server?.Dispose(); // killed: the data goes with the folder
        }

        _folder.Dispose();
        return ValueTask.CompletedTask;
    }
}
