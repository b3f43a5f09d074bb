using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Storage.Records;

/// <summary>Registration of the records database (EF Core on SQLite or PostgreSQL).</summary>
public static class RecordsDatabase
{
    /// <summary>
    /// Chooses the provider for every DbContext of the process and registers the migrator. Call before or after
    /// the DbContexts are added; the migrator finds them all when it is first used.
    /// </summary>
    public static IServiceCollection AddRecordsDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(sp => DatabaseSettings.Resolve(configuration, () => sp.GetRequiredService<DataDirectory>()));
        services.AddSingleton(typeof(IDbContextOptionsConfiguration<>), typeof(ConfiguredDatabaseProvider<>));
        services.AddSingleton(sp => new DatabaseMigrator(sp, RegisteredContextTypes(services)));
        return services;
    }

    public static void UseProvider(DbContextOptionsBuilder optionsBuilder, DatabaseSettings settings)
    {
        ArgumentNullException.ThrowIfNull(optionsBuilder);
        ArgumentNullException.ThrowIfNull(settings);
        _ = settings.Provider switch
        {
            DatabaseProvider.Postgres => optionsBuilder.UseNpgsql(settings.ConnectionString),
            _ => optionsBuilder.UseSqlite(settings.ConnectionString).AddInterceptors(SqliteConnectionSettings.Instance),
        };
    }

    private static List<Type> RegisteredContextTypes(IServiceCollection services) =>
        services
            .Select(d => d.ServiceType)
            .Where(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(DbContextOptions<>))
            .Select(t => t.GetGenericArguments()[0])
            .Distinct()
            .OrderBy(t => t.IsDefined(typeof(MigratedFirstAttribute), inherit: false) ? 0 : 1)
            .ThenBy(t => t.FullName, StringComparer.Ordinal)
            .ToList();
}
