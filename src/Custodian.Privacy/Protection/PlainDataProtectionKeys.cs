using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Privacy.Protection;

/// <summary>
/// Upgrading a deployment whose data-protection keys were kept in clear: its keys keep opening the cookies and the
/// consent-withdrawal links already mailed, but from the kernel's store, wrapped, and nowhere in clear.
/// </summary>
public static class PlainDataProtectionKeys
{
    /// <summary>
    /// Keys an earlier version persisted in clear with <c>PersistKeysToDbContext&lt;TContext&gt;()</c> move into the
    /// kernel's <see cref="DataProtectionKeyStore"/>, wrapped, and are deleted from <typeparamref name="TContext"/>'s
    /// table: at start-up, and whenever the key ring is read (an instance of the earlier version still running may add one).
    /// </summary>
    public static IDataProtectionBuilder CarryOverPlainKeysFrom<TContext>(this IDataProtectionBuilder builder)
        where TContext : DbContext, IDataProtectionKeyContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<IPlainKeySource, PlainKeysIn<TContext>>();
        return builder;
    }
}

/// <summary>A table where an earlier version kept data-protection keys in clear.</summary>
internal interface IPlainKeySource
{
    IReadOnlyList<(int Id, string? Xml)> Read(IServiceProvider services);

    void Remove(IServiceProvider services, IReadOnlyCollection<int> ids);
}

internal sealed class PlainKeysIn<TContext> : IPlainKeySource
    where TContext : DbContext, IDataProtectionKeyContext
{
    public IReadOnlyList<(int Id, string? Xml)> Read(IServiceProvider services) =>
        [.. services.GetRequiredService<TContext>().DataProtectionKeys.AsNoTracking().Select(k => new { k.Id, k.Xml }).AsEnumerable().Select(k => (k.Id, k.Xml))];

    /// <summary>Deletes the rows, and the copies of them the database file would otherwise keep (a copy of the file is what leaked).</summary>
    public void Remove(IServiceProvider services, IReadOnlyCollection<int> ids)
    {
        var db = services.GetRequiredService<TContext>();
        var sqlite = db.Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite";
        db.Database.OpenConnection();
        try
        {
            if (sqlite)
            {
                // Deleted rows are overwritten with zeros instead of left in the file's free pages.
                db.Database.ExecuteSqlRaw("PRAGMA secure_delete = ON");
            }

            db.DataProtectionKeys.Where(k => ids.Contains(k.Id)).ExecuteDelete();
            if (sqlite)
            {
                // The write-ahead log still holds the pages as they were: fold it into the file and empty it.
                db.Database.ExecuteSqlRaw("PRAGMA wal_checkpoint(TRUNCATE)");
            }
            else
            {
                // PostgreSQL leaves deleted rows in the table's pages until they are reused; a full vacuum writes the
                // table anew (it is small) and drops the old file. A transaction that was open at the delete (another
                // instance's, for a moment) makes the first rewrite keep the row: a second one, a moment later, does not.
                var table = db.Model.FindEntityType(typeof(DataProtectionKey))!.GetTableName();
                for (var round = 0; round < 2; round++)
                {
                    if (round > 0)
                    {
                        Thread.Sleep(TimeSpan.FromMilliseconds(200));
                    }

                    try
                    {
#pragma warning disable EF1003 // the name comes from the model, not from input
                        db.Database.ExecuteSqlRaw("VACUUM FULL \"" + table + "\"");
#pragma warning restore EF1003
                    }
                    catch (System.Data.Common.DbException)
                    {
                        // A role that does not own the table may not rewrite it: the rows are deleted all the same, and
                        // PostgreSQL's own vacuum reuses their space later. Starting must not fail over it.
                        break;
                    }
                }
            }
        }
        finally
        {
            db.Database.CloseConnection();
        }
    }
}
