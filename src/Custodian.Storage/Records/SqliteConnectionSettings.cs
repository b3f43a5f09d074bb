using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Custodian.Storage.Records;

/// <summary>
/// Per-connection SQLite settings: a 64 MiB page cache instead of SQLite's 2 MiB default. Bulk deletes from large
/// tables with several indexes (retention sweeps, erasure) touch pages all over each index; with the small cache they
/// measured 2-3x slower on a million rows (bench/RESULTS.md).
/// </summary>
internal sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    public static readonly SqliteConnectionSettings Instance = new();

    private const string Pragmas = "PRAGMA cache_size = -65536;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
