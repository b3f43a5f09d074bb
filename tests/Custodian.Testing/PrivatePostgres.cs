using Npgsql;

namespace Custodian.Testing;

/// <summary>
/// A PostgreSQL server of the test's own (initdb into a temporary folder, pg_ctl on a free loopback port, as
/// scripts/test-servers.sh starts the shared one; as root it runs as the postgres user), which the test may stop and
/// start again: for outages the shared server must never see. Stopped and deleted on dispose. Without PostgreSQL
/// installed the test skips, or fails when CI=true (<see cref="RequiredServer"/>).
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);
    private readonly TemporaryFolder _folder;
    private readonly string _bin;
    private readonly string? _user;

    private PrivatePostgres(TemporaryFolder folder, string bin, string? user, int port) => (_folder, _bin, _user, Port) = (folder, bin, user, port);

    public int Port { get; }

    public bool Running { get; private set; }

    private string DataPath => Path.Combine(_folder.Path, "data");

    /// <summary>Creates the cluster and starts the server.</summary>
    public static async Task<PrivatePostgres> StartNewAsync(CancellationToken cancellationToken)
    {
        var bin = RequiredServer.PostgresBinaries();
        var folder = new TemporaryFolder();
        var user = ServerProcesses.AsRoot ? "postgres" : null;
        var server = new PrivatePostgres(folder, bin, user, FreePort.Next());
        try
        {
            File.SetUnixFileMode(folder.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            if (user is not null)
            {
                await ServerProcesses.RunAsync("chown", [$"{user}:{user}", folder.Path], CommandTimeout, cancellationToken);
            }

            await ServerProcesses.RunAsync(Path.Combine(bin, "initdb"), ["-D", server.DataPath, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8"], CommandTimeout, cancellationToken, user);
            await File.AppendAllTextAsync(Path.Combine(server.DataPath, "postgresql.conf"), $"""

                listen_addresses = '127.0.0.1'
                port = {server.Port}
                unix_socket_directories = '{folder.Path}'
                fsync = off
                synchronous_commit = off
                full_page_writes = off
                max_connections = 100

                """, cancellationToken);
            // Loopback only and thrown away with the folder: no password.
            await File.WriteAllTextAsync(Path.Combine(server.DataPath, "pg_hba.conf"), "local all all trust\nhost all all 127.0.0.1/32 trust\n", cancellationToken);
            await server.StartAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>A connection string to <paramref name="database"/> on this server (the service creates it when it migrates).</summary>
    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "postgres", Database = database }.ConnectionString;

    /// <summary>Starts the server (again) and waits until it accepts connections.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await ServerProcesses.RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", DataPath, "-l", Path.Combine(_folder.Path, "server.log"), "-w", "-t", "60", "start"], CommandTimeout, cancellationToken, _user);
        Running = true;
    }

    /// <summary>Stops the server as an operator would (fast: open connections are ended) and waits until it is down.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await ServerProcesses.RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", DataPath, "-m", "fast", "-w", "-t", "60", "stop"], CommandTimeout, cancellationToken, _user);
        Running = false;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (File.Exists(Path.Combine(DataPath, "postmaster.pid")))
            {
                await ServerProcesses.RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", DataPath, "-m", "immediate", "-w", "-t", "60", "stop"], CommandTimeout, CancellationToken.None, _user);
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            _folder.Dispose();
        }
    }
}
