using System.Data.Common;
using Npgsql;

namespace Custodian.Testing;

/// <summary>Names a fresh database on the test server; the app creates it (migrations) and the test drops it.</summary>
public static class PostgresDatabase
{
    /// <summary>A connection string to a not-yet-existing database with a unique name on the test server.</summary>
    public static string NewConnectionString(string purpose)
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = RequiredServer.Postgres() };
        builder["Database"] = $"custodian_{purpose}_{Guid.NewGuid():N}"[..40].ToLowerInvariant();
        return builder.ConnectionString;
    }

    /// <summary>Drops the database of <paramref name="connectionString"/> (closing what still uses it).</summary>
    public static async Task DropAsync(string connectionString)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        NpgsqlConnection.ClearAllPools();
        var admin = new NpgsqlConnectionStringBuilder(RequiredServer.Postgres()) { Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{target.Database!.Replace("\"", "\"\"", StringComparison.Ordinal)}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
