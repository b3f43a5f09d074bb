using System.Data.Common;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Custodian.Storage.Records;

/// <summary>Applies the migrations of every DbContext in the process (at start-up and by <c>custodian db migrate</c>).</summary>
public sealed class DatabaseMigrator(IServiceProvider services, IReadOnlyList<Type> contextTypes)
{
    public IReadOnlyList<Type> ContextTypes { get; } = contextTypes;

    /// <summary>Migrates each context; reports what was applied per context.</summary>
    public async Task<IReadOnlyList<MigrationReport>> MigrateAsync(CancellationToken cancellationToken)
    {
        var settings = services.GetRequiredService<DatabaseSettings>();
        var reports = new List<MigrationReport>();
        foreach (var contextType in ContextTypes)
        {
            await using var scope = services.CreateAsyncScope();
            var context = (DbContext)scope.ServiceProvider.GetRequiredService(contextType);
            try
            {
                var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
                await context.Database.MigrateAsync(cancellationToken);
                if (settings.Provider == DatabaseProvider.Sqlite)
                {
                    // Write-ahead logging (persistent in the file): readers never block the writer, and a commit
                    // appends to the log instead of rewriting pages.
                    await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
                }
                reports.Add(new MigrationReport(contextType.Name, pending));
            }
            catch (Exception e) when (IsUnreachable(e))
            {
                throw new SettingProblemException(
                    settings.Provider == DatabaseProvider.Sqlite ? DatabaseSettings.ConnectionStringSetting + " / " + DataDirectory.Setting : DatabaseSettings.ConnectionStringSetting,
                    $"cannot open the {settings.Provider} database ({Describe(e)}).",
                    e);
            }
        }

        return reports;
    }

    /// <summary>
    /// The migrations not applied yet, as <c>Context: Migration</c> (empty when the schema is current); throws when the
    /// database cannot be reached. Reads only: the readiness check runs it on every probe.
    /// </summary>
    public async Task<IReadOnlyList<string>> PendingAsync(CancellationToken cancellationToken)
    {
        var pending = new List<string>();
        foreach (var contextType in ContextTypes)
        {
            await using var scope = services.CreateAsyncScope();
            var context = (DbContext)scope.ServiceProvider.GetRequiredService(contextType);
            pending.AddRange((await context.Database.GetPendingMigrationsAsync(cancellationToken)).Select(m => $"{contextType.Name}: {m}"));
        }

        return pending;
    }

    private static bool IsUnreachable(Exception e) =>
        e is NpgsqlException or SqliteException or SocketException or TimeoutException or DbException
        || (e.InnerException is not null && IsUnreachable(e.InnerException));

    // Npgsql and SQLite messages name host, port and file but never the password.
    private static string Describe(Exception e) => e.InnerException is { } inner && e is not PostgresException and not SqliteException
        ? $"{e.Message.TrimEnd('.')}: {inner.Message.TrimEnd('.')}"
        : e.Message.TrimEnd('.');
}

public sealed record MigrationReport(string Context, IReadOnlyList<string> Applied);
