using System.Diagnostics;

namespace Custodian.Testing;

/// <summary>Commands that set up and drive the servers a test runs for itself (initdb, pg_ctl, chown).</summary>
internal static class ServerProcesses
{
    /// <summary>True when the tests run as root (CI): PostgreSQL then runs as the postgres user, as scripts/test-servers.sh does.</summary>
    public static bool AsRoot => string.Equals(Environment.UserName, "root", StringComparison.Ordinal);

    /// <summary>Runs a command to its end; throws with its transcript when it fails or outlasts <paramref name="timeout"/>.</summary>
    public static async Task RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken, string? asUser = null)
    {
        var start = asUser is null ? new ProcessStartInfo(fileName) : new ProcessStartInfo("runuser");
        if (asUser is not null)
        {
            foreach (var part in new[] { "-u", asUser, "--", fileName })
            {
                start.ArgumentList.Add(part);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = ChildProcess.Start(start);
        if (await process.WaitForExitAsync(timeout, cancellationToken) != 0)
        {
            throw new InvalidOperationException($"A test server command failed.\n{process.Describe()}");
        }
    }
}
