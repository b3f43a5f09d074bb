using System.Data.Common;

namespace Custodian.Testing;

/// <summary>Names a fresh database on the test server; the test creates and drops it through its own provider.</summary>
public static class PostgresDatabase
{
    /// <summary>A connection string to a not-yet-existing database with a unique name on the test server.</summary>
    public static string NewConnectionString(string purpose)
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = RequiredServer.Postgres() };
        builder["Database"] = $"custodian_{purpose}_{Guid.NewGuid():N}"[..40].ToLowerInvariant();
        return builder.ConnectionString;
    }
}
