using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Custodian.Privacy.Tests.Protection;

/// <summary>What someone who copies the records database gets, as bytes to search.</summary>
internal static class RawDatabase
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// The SQLite file <paramref name="fileName"/> in <paramref name="folder"/> with its write-ahead log and shared
    /// memory; with <paramref name="live"/>, as the running service leaves them (closing the last connection would
    /// fold the log into the file).
    /// </summary>
    public static async Task<byte[]> SqliteAsync(string folder, string fileName, bool live = false)
    {
        if (!live)
        {
            SqliteConnection.ClearAllPools();
        }

        using var all = new MemoryStream();
        foreach (var file in Directory.GetFiles(folder, fileName + "*"))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            await stream.CopyToAsync(all, Ct);
        }

        return all.ToArray();
    }

    /// <summary>The rows of every table, as <c>pg_dump --data-only</c> writes them.</summary>
    public static async Task<byte[]> PostgresDumpAsync(string connectionString)
    {
        NpgsqlConnection.ClearAllPools();
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        var pgDump = Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", "pg_dump")).Where(File.Exists).Order(StringComparer.Ordinal).LastOrDefault()
            ?? throw new InvalidOperationException("pg_dump not found under /usr/lib/postgresql");
        var start = new ProcessStartInfo(pgDump) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-h", settings.Host!, "-p", settings.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", settings.Username!, "--data-only", settings.Database! })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["PGPASSWORD"] = settings.Password;
        using var process = Process.Start(start)!;
        using var output = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(output, Ct);
        var errors = process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        await copy;
        Assert.True(process.ExitCode == 0, $"pg_dump exited with code {process.ExitCode}: {await errors}");
        return output.ToArray();
    }

    /// <summary>
    /// The database's own files in the server's data directory after a checkpoint: deleted rows stay in them until
    /// their space is reused, which a dump does not show. (The test server runs on this machine; the tests run as root.)
    /// </summary>
    public static async Task<byte[]> PostgresFilesAsync(string connectionString)
    {
        string folder;
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(Ct);
            await using (var checkpoint = new NpgsqlCommand("CHECKPOINT", connection))
            {
                await checkpoint.ExecuteNonQueryAsync(Ct);
            }

            await using var where = new NpgsqlCommand("SELECT current_setting('data_directory') || '/base/' || oid FROM pg_database WHERE datname = current_database()", connection);
            folder = (string)(await where.ExecuteScalarAsync(Ct))!;
        }

        using var all = new MemoryStream();
        foreach (var file in Directory.GetFiles(folder))
        {
            try
            {
                await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                await stream.CopyToAsync(all, Ct);
            }
            catch (FileNotFoundException)
            {
                // The running server removed it since the listing (a relation cache such as pg_internal.init): no table data.
            }
        }

        return all.ToArray();
    }

    public static bool Contains(byte[] haystack, string needle) => haystack.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(needle)) >= 0;
}
